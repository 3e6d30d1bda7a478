/**
 * The ClickHouse engine against a real clickhouse-server, on logs whose answers were worked out by
 * hand from the analyze spec (docs/analyze.md). Every EngineFigures field is checked.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createClickHouseEngine } from "../../src/analyze/engines/clickhouse.js";
import type { AnalysisPlan, EngineFigures, EventSource } from "../../src/analyze/types.js";
import { clickHouseAvailable } from "../helpers/index.js";
import { loadEvents, startClickHouse, type ClickHouseServer, type EventRow } from "../helpers/clickhouse.js";
import { COLUMNS, makePlan, referenceRows, SHOP } from "./clickhouse-plan.js";
import { referenceFigures } from "./reference-figures.js";
import { orderSegments } from "../../src/analyze/segments.js";

const available = clickHouseAvailable();
let server: ClickHouseServer;

const row = (case_id: string, activity: string, timestamp: string | number): EventRow => ({ case_id, activity, timestamp });
const at = (time: string) => `2026-01-05 ${time}`;
const ms = (iso: string) => Date.parse(iso);

/**
 * Cases of the shop journey (home 0, search 1, product 2, cart 3, pay 4, support 5), one trait each:
 * c1 a reload under another activity name (product, view_item), c2 the mapped route through search,
 * c3 rows out of time order, c4 backtracking, c5 a skipped step, c6 two events at one time (step
 * position decides), c7 a start away from the entry, c8 unmapped activities only, c9 bad rows, c10
 * activity names outside the Basic Multilingual Plane.
 */
const SHOP_ROWS: EventRow[] = [
  row("c1", "home", at("10:00:00")),
  row("c1", "heartbeat", at("10:00:05")),
  row("c1", "product", at("10:00:30")),
  row("c1", "view_item", at("10:00:40")),
  row("c1", "cart", at("10:01:30")),
  row("c1", "purchase", at("10:02:30")),
  row("c2", "home", at("10:00:00")),
  row("c2", "search", at("10:00:10")),
  row("c2", "product", at("10:00:25")),
  row("c2", "cart", at("10:00:45")),
  row("c3", "cart", at("11:00:50")),
  row("c3", "home", at("11:00:00")),
  row("c3", "product", at("11:00:20")),
  row("c4", "home", at("12:00:00")),
  row("c4", "product", at("12:00:10")),
  row("c4", "home", at("12:00:20")),
  row("c4", "page_view:/product", at("12:00:50")),
  row("c4", "cart", at("12:01:00")),
  row("c4", "purchase", at("12:01:10")),
  row("c5", "home", at("13:00:00")),
  row("c5", "cart", at("13:00:05")),
  row("c6", "product", at("14:00:00")),
  row("c6", "home", at("14:00:00")),
  row("c6", "purchase", at("14:00:07")),
  row("c7", "search", at("15:00:00")),
  row("c7", "product", at("15:00:03")),
  row("c8", "heartbeat", at("16:00:00")),
  row("c8", "heartbeat", at("16:00:01")),
  row("c8", "😀", at("16:00:02")),
  row("", "home", at("17:00:00")),
  row("c9", "", at("17:00:01")),
  row("c10", "home", "2026-01-06 09:00:00"),
  row("c10", "🛒 add", "2026-01-06 09:00:04"),
  row("c10", "ｚ", "2026-01-06 09:00:05"),
  row("c10", "z-last", "2026-01-06 09:00:06"),
];

const SHOP_FIGURES: EngineFigures = {
  events: { read: 35, mapped: 27, unmapped: 6, skipped: 2 },
  period: { from: ms("2026-01-05T10:00:00Z"), to: ms("2026-01-06T09:00:06Z") },
  cases: 8,
  converted: 3, // c1, c4, c6
  fit: 3, // c1, c2, c3
  steps: [
    { reached: 7, endedHere: 0 },
    { reached: 2, endedHere: 0 },
    { reached: 6, endedHere: 1 },
    { reached: 6, endedHere: 4 },
    { reached: 3, endedHere: 3 },
    { reached: 0, endedHere: 0 },
  ],
  // pay is logged as "purchase"; support never.
  measuredSteps: [0, 1, 2, 3, 4],
  // c6 reaches pay after 7 s, c4 after 70 s, c1 after 150 s: median at position 2, p90 at ceil(2.7) = 3.
  timeToGoal: { medianSeconds: 70, p90Seconds: 150 },
  // c6: product and home at 14:00:00.
  ties: { cases: 1, events: 2 },
  transitions: [
    { from: 0, to: 1, count: 1, medianSeconds: 10, p90Seconds: 10 },
    { from: 0, to: 2, count: 5, medianSeconds: 20, p90Seconds: 30 }, // 0 10 20 30 30: p90 at position ceil(4.5) = 5
    { from: 0, to: 3, count: 2, medianSeconds: 4, p90Seconds: 5 }, // 4 5: the lower middle; p90 at ceil(1.8) = 2
    { from: 1, to: 2, count: 2, medianSeconds: 3, p90Seconds: 15 }, // 3 15
    { from: 2, to: 0, count: 1, medianSeconds: 10, p90Seconds: 10 },
    { from: 2, to: 3, count: 4, medianSeconds: 20, p90Seconds: 60 }, // 10 20 30 60 (quantileExact would say 30); p90 at ceil(3.6) = 4
    { from: 2, to: 4, count: 1, medianSeconds: 7, p90Seconds: 7 },
    { from: 3, to: 4, count: 2, medianSeconds: 10, p90Seconds: 60 }, // 10 60
  ],
  // Ties by the step ids joined with a space: "home product cart" < "home product cart pay" < ... < "search product".
  variants: [
    { path: [0, 3], cases: 2 },
    { path: [0, 2, 3], cases: 1 },
    { path: [0, 2, 3, 4], cases: 1 },
    { path: [0, 2, 0, 2, 3, 4], cases: 1 },
    { path: [0, 2, 4], cases: 1 },
    { path: [0, 1, 2, 3], cases: 1 },
    { path: [1, 2], cases: 1 },
  ],
  // Ties in code-point order: U+007A, then U+FF5A, then U+1F600 (UTF-16 order would put the emoji before U+FF5A).
  unmappedActivities: [
    { activity: "heartbeat", count: 3 },
    { activity: "z-last", count: 1 },
    { activity: "ｚ", count: 1 },
    { activity: "😀", count: 1 },
  ],
  // pay is only ever logged as "purchase", support never.
  stepIdsSeen: [0, 1, 2, 3],
};

/** Transitions come in any order; the contract orders them later. */
function normalized(figures: EngineFigures): EngineFigures {
  return {
    ...figures,
    transitions: [...figures.transitions].sort((a, b) => a.from - b.from || a.to - b.to),
    ...(figures.segments ? { segments: orderSegments(figures.segments) } : {}),
  };
}

async function analyze(plan: AnalysisPlan, table: string, source: Partial<Extract<EventSource, { kind: "clickhouse" }>> = {}) {
  const engine = createClickHouseEngine();
  try {
    return normalized(await engine.analyze(plan, COLUMNS, { kind: "clickhouse", url: server.url, table, ...source }));
  } finally {
    await engine.close();
  }
}

test("the in-memory oracle of the random-log test agrees with the hand-worked answers", () => {
  expect(normalized(referenceFigures(SHOP, referenceRows(SHOP_ROWS)))).toEqual(SHOP_FIGURES);
});

describe.skipIf(!available)("clickhouse engine: known answers", () => {
  beforeAll(async () => {
    server = await startClickHouse();
    console.info(`clickhouse-server answered /ping after ${server.startMs} ms`);
    await loadEvents(server, "shop", SHOP_ROWS);
  });
  afterAll(() => server?.stop());

  test("every figure of the shop log", async () => {
    expect(await analyze(SHOP, "shop")).toEqual(SHOP_FIGURES);
  });

  test.each([0, 1, 2])("--top %i bounds variants and unmapped activities, keeping their order, and nothing else", async (top) => {
    expect(await analyze({ ...SHOP, top }, "shop")).toEqual({
      ...SHOP_FIGURES,
      variants: SHOP_FIGURES.variants.slice(0, top),
      unmappedActivities: SHOP_FIGURES.unmappedActivities.slice(0, top),
    });
  });

  test("--by a column the table does not have names the table's columns; one that is no plain identifier is refused", async () => {
    await expect(analyze({ ...SHOP, by: "device" }, "shop")).rejects.toThrow(
      "table shop has no column `device` (--by); its columns are `case_id`, `activity`, `timestamp`. Name one of them with --by",
    );
    await loadEvents(server, "shop_devices", [{ case_id: "a", activity: "home", timestamp: "2026-03-01 10:00:00", device: "tv" }]);
    await server.query("ALTER TABLE shop_devices ADD COLUMN `bad name` String");
    await expect(analyze({ ...SHOP, by: "bad name" }, "shop_devices")).rejects.toThrow('the --by column "bad name" is not a plain ClickHouse identifier');
  });

  test("a database given apart from the table", async () => {
    await server.query("CREATE DATABASE IF NOT EXISTS analytics");
    await loadEvents(server, "analytics.shop", SHOP_ROWS);
    expect(await analyze(SHOP, "shop", { database: "analytics" })).toEqual(SHOP_FIGURES);
  });

  test("a table with no rows", async () => {
    await loadEvents(server, "empty_log", []);
    const figures = await analyze(SHOP, "empty_log");
    expect(figures).toEqual({
      events: { read: 0, mapped: 0, unmapped: 0, skipped: 0 },
      period: null,
      cases: 0,
      converted: 0,
      fit: 0,
      steps: SHOP.stepIds.map(() => ({ reached: 0, endedHere: 0 })),
      measuredSteps: [],
      transitions: [],
      timeToGoal: null,
      ties: { cases: 0, events: 0 },
      variants: [],
      unmappedActivities: [],
      stepIdsSeen: [],
    });
  });

  test("a journey without entries, goals or edges", async () => {
    const bare = makePlan({ steps: ["home", "cart"], edges: [], entries: [], goals: [] });
    const figures = await analyze(bare, "shop");
    expect(figures.cases).toBe(7);
    expect(figures.converted).toBe(0);
    expect(figures.fit).toBe(0);
    // Only "home" and "cart" map now: c4's reload of home merges, c6 and c10 end at home, c7 is no case.
    expect(figures.steps).toEqual([
      { reached: 7, endedHere: 2 },
      { reached: 5, endedHere: 5 },
    ]);
  });

  test("ISO 8601 text timestamps: zones, fractions (floored), date only, impossible dates, pre-1970", async () => {
    const text: EventRow[] = [
      row("t1", "home", "2026-03-01T10:00:00Z"),
      row("t1", "product", "2026-03-01T12:00:30.250+02:00"),
      row("t1", "cart", "2026-03-01 10:01:00.9"),
      row("t2", "home", "2026-03-01T09:59:59.999Z"),
      row("t2", "product", "2026-02-30T00:00:00Z"), // no 30 February: skipped
      row("t2", "cart", "not a time"),
      row("t2", "cart", ""),
      row("t2", "cart", "2026-03-01T25:00:00Z"),
      row("t2", "product", "2026-03-01T10:00:00+0000"),
      row("t3", "home", "2026-03-01"),
      row("t3", "purchase", "2026-03-01T00:00:01.5-00:30"),
      row("t4", "home", "2028-02-29T00:00:00Z"), // a leap day
      row("t4", "cart", "2027-02-29T00:00:00Z"), // not one: skipped
      row("t4", "cart", "2028-02-29T00:00:01.123456789Z"),
      row("t5", "old", "1969-12-31T23:59:59Z"),
    ];
    await loadEvents(server, "text_log", text, { timestampType: "String" });
    const figures = await analyze(SHOP, "text_log");
    expect(figures.events).toEqual({ read: 15, mapped: 9, unmapped: 1, skipped: 5 });
    expect(figures.period).toEqual({ from: -1000, to: ms("2028-02-29T00:00:01.123Z") });
    expect(figures.cases).toBe(4);
    expect(figures.converted).toBe(1);
    expect(figures.fit).toBe(2); // t1, t2 (t3 and t4 take no edge of the map)
    expect(figures.transitions).toEqual([
      { from: 0, to: 2, count: 2, medianSeconds: 0, p90Seconds: 30 }, // 30.25 s and 0.001 s: lower middle 0, p90 the second
      { from: 0, to: 3, count: 1, medianSeconds: 1, p90Seconds: 1 }, // 1.123 s
      { from: 0, to: 4, count: 1, medianSeconds: 1801, p90Seconds: 1801 }, // 00:00:00Z -> 00:30:01.5Z
      { from: 2, to: 3, count: 1, medianSeconds: 30, p90Seconds: 30 }, // 30.65 s
    ]);
  });

  test("epoch milliseconds in an integer column", async () => {
    const base = ms("2026-04-01T08:00:00Z");
    await loadEvents(
      server,
      "millis_log",
      [row("m1", "home", base), row("m1", "product", base + 1999), row("m2", "home", base + 5), row("m2", "product", base + 2005)],
      { timestampType: "UInt64" },
    );
    const figures = await analyze(SHOP, "millis_log");
    expect(figures.period).toEqual({ from: base, to: base + 2005 });
    expect(figures.transitions).toEqual([{ from: 0, to: 2, count: 2, medianSeconds: 1, p90Seconds: 2 }]);
    expect(figures.variants).toEqual([{ path: [0, 2], cases: 2 }]);
  });

  test("random logs: the same figures as the spec computed plainly in memory", async () => {
    const base = Date.UTC(2026, 6, 1);
    /** ISO 8601 text of `ms`, written in a zone `offset` minutes east of UTC (0: "Z", null: no zone, a space before the time). */
    const iso = (ms: number, offset: number | null) => {
      const local = new Date(ms + (offset ?? 0) * 60_000).toISOString().slice(0, 23);
      if (offset === null) return local.replace("T", " ");
      if (offset === 0) return `${local}Z`;
      const minutes = Math.abs(offset);
      return `${local}${offset < 0 ? "-" : "+"}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    };
    const time = fc.oneof(
      { weight: 9, arbitrary: fc.record({ ms: fc.integer({ min: 0, max: 8000 }), offset: fc.constantFrom(0, null, 120, -330) }) },
      { weight: 1, arbitrary: fc.constantFrom("", "soon", "2026-02-30T00:00:00Z", "2026-07-01T24:00:00Z") },
    );
    const event = fc.record({
      caseId: fc.constantFrom("a", "b", "c", "d", "ü", "𝒳", ""),
      activity: fc.constantFrom(...SHOP.activities.keys(), "heartbeat", "z", "ｚ", "😀", ""),
      time,
      device: fc.constantFrom("", "mobile", "Mobile", "é", "😀"),
    });
    // --window, --since, --until (times within the log's 8 seconds) and --every, each present or not.
    const scope = fc.record(
      {
        windowMs: fc.integer({ min: 0, max: 8000 }),
        since: fc.integer({ min: 0, max: 8000 }).map((ms) => base + ms),
        until: fc.integer({ min: 0, max: 8000 }).map((ms) => base + ms),
        every: fc.constantFrom("day" as const, "week" as const, "month" as const),
        by: fc.constant("device"),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), scope, async (events, top, scoped) => {
        const rows = events.map((e) => ({
          case_id: e.caseId,
          activity: e.activity,
          timestamp: typeof e.time === "string" ? e.time : iso(base + e.time.ms, e.time.offset),
          device: e.device,
        }));
        await loadEvents(server, "random_log", rows, { timestampType: "String", engine: "Memory", device: true });
        const plan = { ...SHOP, top, ...scoped };
        const expected = referenceFigures(
          plan,
          events.map((e) => ({ caseId: e.caseId, activity: e.activity, time: typeof e.time === "string" ? null : base + e.time.ms, segment: e.device })),
        );
        expect(await analyze(plan, "random_log")).toEqual(normalized(expected));
      }),
      { numRuns: 30 },
    );
  });

  test("a Date column: days at midnight UTC", async () => {
    await loadEvents(server, "date_log", [row("d1", "home", "2026-04-01"), row("d1", "cart", "2026-04-03"), row("d2", "home", "2026-04-02")], {
      timestampType: "Date",
    });
    const figures = await analyze(SHOP, "date_log");
    expect(figures.period).toEqual({ from: ms("2026-04-01T00:00:00Z"), to: ms("2026-04-03T00:00:00Z") });
    expect(figures.transitions).toEqual([{ from: 0, to: 3, count: 1, medianSeconds: 2 * 86_400, p90Seconds: 2 * 86_400 }]);
  });

  test("Nullable columns: a NULL case, activity or time makes the row skipped", async () => {
    await server.query("DROP TABLE IF EXISTS nullable_log");
    await server.query("CREATE TABLE nullable_log (case_id Nullable(String), activity Nullable(String), timestamp Nullable(DateTime)) ENGINE = Memory");
    await server.query(`INSERT INTO nullable_log VALUES
      (NULL, 'home', '2026-05-01 10:00:00'), ('n1', NULL, '2026-05-01 10:00:01'), ('n1', 'home', NULL),
      ('n1', 'home', '2026-05-01 10:00:02'), ('n1', 'cart', '2026-05-01 10:00:09'), ('n1', 'heartbeat', '2026-05-01 10:00:10')`);
    const figures = await analyze(SHOP, "nullable_log");
    expect(figures.events).toEqual({ read: 6, mapped: 2, unmapped: 1, skipped: 3 });
    expect(figures.period).toEqual({ from: ms("2026-05-01T10:00:02Z"), to: ms("2026-05-01T10:00:10Z") });
    expect(figures.transitions).toEqual([{ from: 0, to: 3, count: 1, medianSeconds: 7, p90Seconds: 7 }]);
  });
});
