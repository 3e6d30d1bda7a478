/**
 * A Distributed table over a cluster of two servers is a table like any other: the engine gives
 * the same figures through it as from one server holding all the rows, whether the cluster
 * shards by case id (a case's events on one shard) or scatters rows (a case split over shards).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createClickHouseEngine } from "../../src/analyze/engines/clickhouse.js";
import type { EngineFigures } from "../../src/analyze/types.js";
import { clickHouseAvailable } from "../helpers/index.js";
import { loadEvents, startClickHouseCluster, type ClickHouseServer, type EventRow } from "../helpers/clickhouse.js";
import { COLUMNS, referenceRows, SHOP } from "./clickhouse-plan.js";
import { referenceFigures } from "./reference-figures.js";

const CLUSTER = "journey_test";
const CASES = 3000;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random journeys through the shop: every mapping, reloads, ties (0 s apart), unmapped and bad rows. */
function shopLog(cases: number): EventRow[] {
  const next = random(13);
  const activities = [
    "home",
    "search",
    "product",
    "view_item",
    "page_view:/product",
    "cart",
    "🛒 add",
    "purchase",
    "pay",
    "heartbeat",
    "ticket_opened",
    "ｚ",
    "",
  ];
  const rows: EventRow[] = [];
  for (let i = 0; i < cases; i++) {
    let time = Date.UTC(2026, 0, 1) + Math.floor(next() * 30 * 86_400) * 1000;
    const length = 1 + Math.floor(next() * 8);
    for (let j = 0; j < length; j++) {
      const activity = j === 0 && next() < 0.8 ? "home" : activities[Math.floor(next() * activities.length)];
      rows.push({ case_id: next() < 0.01 ? "" : `case-${i}`, activity, timestamp: new Date(time).toISOString().slice(0, 19).replace("T", " ") });
      time += Math.floor(next() * 4) === 0 ? 0 : Math.floor(next() * 600) * 1000;
    }
  }
  return rows;
}

const available = clickHouseAvailable();
let servers: ClickHouseServer[] = [];

async function figuresOf(table: string): Promise<EngineFigures> {
  const engine = createClickHouseEngine();
  try {
    const figures = await engine.analyze(SHOP, COLUMNS, { kind: "clickhouse", url: servers[0].url, table });
    return { ...figures, transitions: [...figures.transitions].sort((a, b) => a.from - b.from || a.to - b.to) };
  } finally {
    await engine.close();
  }
}

describe.skipIf(!available)("clickhouse engine over a Distributed table", () => {
  const rows = shopLog(CASES);

  beforeAll(async () => {
    const started = Date.now();
    servers = await startClickHouseCluster(CLUSTER, 2);
    console.info(`two clickhouse-servers answered /ping after ${Date.now() - started} ms`);
    for (const server of servers) {
      await loadEvents(server, "events_local", []);
      await loadEvents(server, "scattered_local", []);
      await loadEvents(server, "text_local", [], { timestampType: "String" });
    }
    const [first] = servers;
    await loadEvents(first, "events_all", rows);
    const distributed = (local: string, key: string) => `Distributed(${CLUSTER}, default, ${local}, ${key})`;
    const sync = { insert_distributed_sync: 1 };
    await loadEvents(first, "events", rows, { engine: distributed("events_local", "cityHash64(case_id)"), settings: sync });
    await loadEvents(first, "events_scattered", rows, { engine: distributed("scattered_local", "rand()"), settings: sync });
    // ISO 8601 text (a T, a zone) parsed on the shards: the same times as the DateTime rows.
    const textRows = rows.map((row) => ({ ...row, timestamp: `${String(row.timestamp).replace(" ", "T")}+00:00` }));
    await loadEvents(first, "events_text", textRows, { timestampType: "String", engine: distributed("text_local", "cityHash64(case_id)"), settings: sync });
  });
  afterAll(() => Promise.all(servers.map((server) => server.stop())));

  test("the rows are spread over both shards, and scattering splits cases", async () => {
    const counts = await Promise.all(servers.map(async (server) => Number(await server.query("SELECT count() FROM events_local"))));
    expect(counts[0] + counts[1]).toBe(rows.length);
    expect(Math.min(...counts)).toBeGreaterThan(rows.length / 4);
    const caseSets = await Promise.all(
      servers.map(async (server) => new Set((await server.query("SELECT DISTINCT case_id FROM scattered_local")).split("\n"))),
    );
    expect([...caseSets[0]].filter((id) => id !== "" && caseSets[1].has(id)).length).toBeGreaterThan(CASES / 2);
  });

  test("one server: the figures of the spec computed plainly in memory", async () => {
    const single = await figuresOf("events_all");
    expect(single.cases).toBeGreaterThan(CASES * 0.9);
    expect(single.events.skipped).toBeGreaterThan(0);
    expect(single.variants).toHaveLength(SHOP.top);
    const reference = referenceFigures(SHOP, referenceRows(rows));
    expect(single).toEqual({ ...reference, transitions: [...reference.transitions].sort((a, b) => a.from - b.from || a.to - b.to) });
  });

  test("sharded by case id: the same figures as one server", async () => {
    expect(await figuresOf("events")).toEqual(await figuresOf("events_all"));
  });

  test("cases split over shards: still the same figures", async () => {
    expect(await figuresOf("events_scattered")).toEqual(await figuresOf("events_all"));
  });

  test("ISO 8601 text times, parsed on the shards: still the same figures", async () => {
    expect(await figuresOf("events_text")).toEqual(await figuresOf("events_all"));
  });
});
