import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * One row of an event log as tests write it: null is an empty field (CSV) or a JSON null. `device`
 * (the `--by` scenarios' segment column) is a column of the log when any row has the key; a row
 * without it has an empty field (CSV) or no such key (JSON Lines).
 */
export type EventRow = { case_id: string | null; activity: string | null; timestamp: string | number | null; device?: string | null };

export type LogFormatName = "csv" | "tsv" | "jsonl" | "parquet";

/**
 * Writes rows as a log file in the given format. CSV/TSV quote every text; Parquet is written
 * by DuckDB itself: the timestamp column is BIGINT when every timestamp is a number, else text
 * (numbers as their digits), or with `nativeTime` a column of that type (unreadable values NULL;
 * TIMESTAMP, without a zone, holds the UTC time).
 */
export async function writeLog(
  rows: readonly EventRow[],
  path: string,
  format: LogFormatName,
  gzip = false,
  options: { nativeTime?: "TIMESTAMPTZ" | "TIMESTAMP" } = {},
): Promise<void> {
  if (format === "parquet") return writeParquet(rows, path, options.nativeTime);
  let text: string;
  if (format === "jsonl") text = rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
  else {
    const separator = format === "csv" ? "," : "\t";
    const field = (value: string | number | null | undefined) =>
      value === null || value === undefined ? "" : typeof value === "number" ? String(value) : `"${value.replace(/"/g, '""')}"`;
    const device = rows.some((r) => "device" in r);
    text =
      ["case_id", "activity", "timestamp", ...(device ? ["device"] : [])].join(separator) +
      "\n" +
      rows.map((r) => [r.case_id, r.activity, r.timestamp, ...(device ? [r.device] : [])].map(field).join(separator)).join("\n") +
      "\n";
  }
  writeFileSync(path, gzip ? gzipSync(text) : text);
}

async function writeParquet(rows: readonly EventRow[], path: string, nativeTime?: "TIMESTAMPTZ" | "TIMESTAMP"): Promise<void> {
  const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const db: DuckDBConnection = await instance.connect();
  try {
    await db.run("SET TimeZone = 'UTC'");
    const numeric = rows.every((r) => typeof r.timestamp === "number");
    const device = rows.some((r) => "device" in r);
    await db.run(`CREATE TABLE log (case_id VARCHAR, activity VARCHAR, timestamp ${numeric ? "BIGINT" : "VARCHAR"}${device ? ", device VARCHAR" : ""})`);
    const appender = await db.createAppender("log");
    for (const row of rows) {
      for (const value of [row.case_id, row.activity])
        if (value === null) appender.appendNull();
        else appender.appendVarchar(value);
      if (row.timestamp === null) appender.appendNull();
      else if (numeric) appender.appendBigInt(BigInt(row.timestamp));
      else appender.appendVarchar(String(row.timestamp));
      if (device)
        if (row.device === null || row.device === undefined) appender.appendNull();
        else appender.appendVarchar(row.device);
      appender.endRow();
    }
    appender.closeSync();
    const time = !nativeTime
      ? "timestamp"
      : numeric
        ? `make_timestamp(timestamp * 1000)::${nativeTime} AS timestamp`
        : `(CASE WHEN regexp_full_match(timestamp, '-?[0-9]+') THEN try(make_timestamp(timestamp::BIGINT * 1000)::TIMESTAMPTZ) ELSE try_cast(timestamp AS TIMESTAMPTZ) END)::${nativeTime} AS timestamp`;
    await db.run(`COPY (SELECT case_id, activity, ${time}${device ? ", device" : ""} FROM log) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** A journey of five steps in a line, with a branch and two goals: shared by most scenarios. */
export const SHOP = `journey: 1
id: shop
title: Web shop
entry: [lands, search]
goal: { steps: [pays, reserves] }
stages:
  - id: find
    steps:
      - { id: lands, name: Lands on the shop, events: [page_view, "landing 🛬"], next: [search, views] }
      - { id: search, name: Searches, next: [views] }
      - { id: views, name: Views a product, events: ["product_view", "product view reload"] }
  - id: buy
    steps:
      - { id: cart, name: Adds to cart, next: [pays, reserves] }
      - { id: pays, name: Pays, events: [payment_ok], next: [] }
      - { id: reserves, name: Reserves in store, next: [] }
`;

const at = (minute: number, second = 0) => `2026-03-01T10:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}Z`;

/** A small deterministic generator, so the random scenario is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomRows(): EventRow[] {
  const next = random(13);
  const activities = [
    "lands",
    "page_view",
    "search",
    "views",
    "product_view",
    "product view reload",
    "cart",
    "pays",
    "payment_ok",
    "reserves",
    "heartbeat",
    "ping",
    "😀 emoji",
    "ｚ fullwidth",
  ];
  const rows: EventRow[] = [];
  for (let c = 0; c < 400; c++) {
    let time = Date.UTC(2026, 2, 1) + Math.floor(next() * 86400) * 1000;
    const length = 1 + Math.floor(next() * 7);
    for (let e = 0; e < length; e++) {
      time += Math.floor(next() * 4) * 1000 * (next() < 0.5 ? 1 : 60); // some ties (0), seconds and minutes
      rows.push({
        case_id: `c${c % 350}`,
        activity: activities[Math.floor(next() * activities.length)],
        timestamp: new Date(time).toISOString().replace(".000Z", "Z"),
      });
    }
  }
  return rows.reverse(); // out of time order as a whole
}

/**
 * Logs with known answers: every rule of the spec that a figure depends on is exercised by at
 * least one scenario (named after it). Timestamps are whole seconds except where a scenario is
 * about milliseconds, so a ClickHouse DateTime can hold the same rows.
 */
export const SCENARIOS: { name: string; journey: string; rows: EventRow[] }[] = [
  {
    name: "small hand-checked funnel",
    journey: SHOP,
    rows: [
      { case_id: "a", activity: "lands", timestamp: at(0) },
      { case_id: "a", activity: "views", timestamp: at(1) },
      { case_id: "a", activity: "cart", timestamp: at(3) },
      { case_id: "a", activity: "pays", timestamp: at(4) },
      { case_id: "b", activity: "lands", timestamp: at(0) },
      { case_id: "b", activity: "views", timestamp: at(2) },
      { case_id: "c", activity: "search", timestamp: at(5) },
      { case_id: "c", activity: "cart", timestamp: at(6) },
      { case_id: "c", activity: "heartbeat", timestamp: at(7) },
      { case_id: "", activity: "lands", timestamp: at(8) },
    ],
  },
  {
    name: "ties in timestamps are ordered by step position",
    journey: SHOP,
    rows: [
      { case_id: "t1", activity: "cart", timestamp: at(1) },
      { case_id: "t1", activity: "views", timestamp: at(1) },
      { case_id: "t1", activity: "lands", timestamp: at(1) },
      { case_id: "t2", activity: "pays", timestamp: at(2) },
      { case_id: "t2", activity: "lands", timestamp: at(0) },
      { case_id: "t2", activity: "cart", timestamp: at(2) },
    ],
  },
  {
    name: "reloads under another activity name are one visit",
    journey: SHOP,
    rows: [
      { case_id: "r1", activity: "lands", timestamp: at(0) },
      { case_id: "r1", activity: "views", timestamp: at(1) },
      { case_id: "r1", activity: "product view reload", timestamp: at(2) },
      { case_id: "r1", activity: "product_view", timestamp: at(3) },
      { case_id: "r1", activity: "cart", timestamp: at(9) },
      { case_id: "r2", activity: "page_view", timestamp: at(0) },
      { case_id: "r2", activity: "landing 🛬", timestamp: at(0, 30) },
      { case_id: "r2", activity: "product_view", timestamp: at(2) },
    ],
  },
  {
    name: "backtracking and skipped steps",
    journey: SHOP,
    rows: [
      { case_id: "b1", activity: "lands", timestamp: at(0) },
      { case_id: "b1", activity: "views", timestamp: at(1) },
      { case_id: "b1", activity: "lands", timestamp: at(2) },
      { case_id: "b1", activity: "views", timestamp: at(4) },
      { case_id: "b1", activity: "cart", timestamp: at(5) },
      { case_id: "s1", activity: "lands", timestamp: at(0) },
      { case_id: "s1", activity: "pays", timestamp: at(10) },
      { case_id: "s2", activity: "views", timestamp: at(0) },
      { case_id: "s2", activity: "reserves", timestamp: at(1) },
    ],
  },
  {
    name: "rows out of time order",
    journey: SHOP,
    rows: [
      { case_id: "o1", activity: "pays", timestamp: at(9) },
      { case_id: "o2", activity: "views", timestamp: at(3) },
      { case_id: "o1", activity: "lands", timestamp: at(1) },
      { case_id: "o1", activity: "cart", timestamp: at(5) },
      { case_id: "o2", activity: "lands", timestamp: at(2) },
      { case_id: "o1", activity: "views", timestamp: at(2) },
    ],
  },
  {
    name: "bad rows are skipped before mapping",
    journey: SHOP,
    rows: [
      { case_id: "g1", activity: "lands", timestamp: at(0) },
      { case_id: "g1", activity: "views", timestamp: at(1) },
      { case_id: null, activity: "views", timestamp: at(2) },
      { case_id: "", activity: "cart", timestamp: at(2) },
      { case_id: "g1", activity: null, timestamp: at(3) },
      { case_id: "g1", activity: "", timestamp: at(3) },
      { case_id: "g1", activity: "cart", timestamp: "yesterday" },
      { case_id: "g1", activity: "cart", timestamp: null },
      { case_id: "g1", activity: "unknown-thing", timestamp: "2026-13-45T99:00:00Z" },
      { case_id: "g1", activity: "cart", timestamp: "100000000000000000" },
      { case_id: "g1", activity: "cart", timestamp: "-99999999999999999" },
      { case_id: "", activity: "unknown-thing", timestamp: at(4) },
      { case_id: "g2", activity: "unknown-thing", timestamp: at(59) },
    ],
  },
  {
    name: "unmapped activities, ties by name in code-point order (non-BMP)",
    journey: SHOP,
    rows: [
      { case_id: "u1", activity: "lands", timestamp: at(0) },
      { case_id: "u1", activity: "😀 emoji", timestamp: at(1) },
      { case_id: "u1", activity: "ｚ fullwidth", timestamp: at(2) },
      { case_id: "u2", activity: "😀 emoji", timestamp: at(1) },
      { case_id: "u2", activity: "ｚ fullwidth", timestamp: at(2) },
      { case_id: "u2", activity: "Zebra", timestamp: at(3) },
      { case_id: "u2", activity: "zebra", timestamp: at(3) },
      { case_id: "u3", activity: "landing 🛬", timestamp: at(4) },
      { case_id: "u3", activity: "heartbeat", timestamp: at(5) },
      { case_id: "u3", activity: "heartbeat", timestamp: at(6) },
      { case_id: "u3", activity: "heartbeat", timestamp: at(7) },
    ],
  },
  {
    name: "multiple entries, goals and a case without a goal",
    journey: SHOP,
    rows: [
      { case_id: "e1", activity: "search", timestamp: at(0) },
      { case_id: "e1", activity: "views", timestamp: at(1) },
      { case_id: "e1", activity: "cart", timestamp: at(2) },
      { case_id: "e1", activity: "reserves", timestamp: at(3) },
      { case_id: "e2", activity: "lands", timestamp: at(0) },
      { case_id: "e2", activity: "views", timestamp: at(1) },
      { case_id: "e2", activity: "cart", timestamp: at(2) },
      { case_id: "e2", activity: "payment_ok", timestamp: at(3) },
      { case_id: "e3", activity: "views", timestamp: at(0) },
      { case_id: "e3", activity: "cart", timestamp: at(1) },
      { case_id: "e4", activity: "cart", timestamp: at(1) },
      { case_id: "e4", activity: "pays", timestamp: at(2) },
    ],
  },
  {
    name: "timestamps with zone offsets, without a zone, and epoch milliseconds",
    journey: SHOP,
    rows: [
      { case_id: "z1", activity: "lands", timestamp: "2026-03-01T12:00:00+02:00" },
      { case_id: "z1", activity: "views", timestamp: "2026-03-01T10:00:30" },
      { case_id: "z1", activity: "cart", timestamp: "2026-03-01 10:01:00" },
      { case_id: "z1", activity: "pays", timestamp: "2026-03-01T05:32:00-04:30" },
      { case_id: "z2", activity: "lands", timestamp: Date.UTC(2026, 2, 1, 9, 0, 0) },
      { case_id: "z2", activity: "views", timestamp: "2026-03-01T09:00:01.250Z" },
      { case_id: "z2", activity: "cart", timestamp: Date.UTC(2026, 2, 1, 9, 0, 2, 999) },
    ],
  },
  {
    name: "epoch milliseconds only",
    journey: SHOP,
    rows: [
      { case_id: "m1", activity: "lands", timestamp: Date.UTC(2026, 0, 1) },
      { case_id: "m1", activity: "views", timestamp: Date.UTC(2026, 0, 1, 0, 0, 5) },
      { case_id: "m2", activity: "lands", timestamp: Date.UTC(2026, 0, 2) },
      { case_id: "m2", activity: "views", timestamp: Date.UTC(2026, 0, 2, 0, 1, 5) },
      { case_id: "m2", activity: "heartbeat", timestamp: Date.UTC(2026, 0, 31, 23, 59, 59) },
    ],
  },
  {
    name: "an even number of durations takes the lower median",
    journey: SHOP,
    rows: [10, 20, 30, 40].flatMap((seconds, i) => [
      { case_id: `d${i}`, activity: "lands", timestamp: at(0) },
      { case_id: `d${i}`, activity: "views", timestamp: at(Math.floor(seconds / 60), seconds % 60) },
    ]),
  },
  {
    name: "variant and transition ties by the step ids in code-point order (non-BMP ids)",
    journey: `journey: 1
id: ties
title: Variant ties
goal: { steps: [ab] }
stages:
  - id: s
    steps:
      - { id: a, name: A }
      - { id: a-b, name: A-B }
      - { id: ab, name: AB }
      - { id: b, name: B }
      - { id: ｚ, name: Fullwidth z }
      - { id: 𠀀, name: A letter outside the BMP }
`,
    rows: [
      ["v7", ["𠀀", "a"]],
      ["v8", ["ｚ", "a"]],
      ["v9", ["a", "𠀀"]],
      ["v10", ["a", "ｚ"]],
      ["v1", ["ab"]],
      ["v2", ["a", "b"]],
      ["v3", ["a-b"]],
      ["v4", ["a"]],
      ["v5", ["b", "a"]],
      ["v6", ["a", "ab"]],
    ].flatMap(([id, steps]) => (steps as string[]).map((activity, i) => ({ case_id: id as string, activity, timestamp: at(i) }))),
  },
  {
    name: "ties: two steps or more at one instant, not repeats of one step",
    journey: SHOP,
    rows: [
      // k1: lands twice and views at 10:01 (3 events tied), cart alone at 10:02.
      { case_id: "k1", activity: "lands", timestamp: at(1) },
      { case_id: "k1", activity: "page_view", timestamp: at(1) },
      { case_id: "k1", activity: "views", timestamp: at(1) },
      { case_id: "k1", activity: "cart", timestamp: at(2) },
      // k2: two lands at one instant are one step: no tie; an unmapped row at that instant is not mapped.
      { case_id: "k2", activity: "lands", timestamp: at(3) },
      { case_id: "k2", activity: "landing 🛬", timestamp: at(3) },
      { case_id: "k2", activity: "heartbeat", timestamp: at(3) },
      { case_id: "k2", activity: "views", timestamp: at(4) },
      // k3: two instants with ties (2 + 2 events), milliseconds apart from a third event.
      { case_id: "k3", activity: "cart", timestamp: "2026-03-01T10:05:00.250Z" },
      { case_id: "k3", activity: "views", timestamp: "2026-03-01T10:05:00.250Z" },
      { case_id: "k3", activity: "pays", timestamp: "2026-03-01T10:05:00.251Z" },
      { case_id: "k3", activity: "lands", timestamp: at(6) },
      { case_id: "k3", activity: "reserves", timestamp: at(6) },
    ],
  },
  {
    name: "time to goal and p90 over ten converted cases",
    journey: SHOP,
    // g0..g9 convert after 1..10 minutes (p90 at position 9: 9 minutes); g10 never converts.
    rows: [
      ...Array.from({ length: 10 }, (_, i) => [
        { case_id: `g${i}`, activity: "lands", timestamp: at(0) },
        { case_id: `g${i}`, activity: "cart", timestamp: at(i, 30) },
        { case_id: `g${i}`, activity: i % 2 === 0 ? "pays" : "reserves", timestamp: at(i + 1) },
        { case_id: `g${i}`, activity: "pays", timestamp: at(30) },
      ]).flat(),
      { case_id: "g10", activity: "lands", timestamp: at(0) },
    ],
  },
  { name: "a random log of 350 cases", journey: SHOP, rows: randomRows() },
];

/**
 * Logs with known answers for `--window`, `--since` and `--until`: the scenario's flags, and the
 * same scope in milliseconds for the reference implementation.
 */
export const SCOPED_SCENARIOS: {
  name: string;
  journey: string;
  rows: EventRow[];
  args: string[];
  scope: { windowMs?: number; since?: number; until?: number; every?: "day" | "week" | "month"; by?: string };
}[] = [
  {
    name: "--by device: a missing value (empty and absent), equal case counts by value, a segment reaching no measured step but its first",
    journey: SHOP,
    args: ["--by", "device"],
    scope: { by: "device" },
    rows: [
      // b1: the first event's value counts (desktop), not a later one; b2 desktop too.
      { case_id: "b1", activity: "lands", timestamp: at(0), device: "desktop" },
      { case_id: "b1", activity: "views", timestamp: at(1), device: "mobile" },
      { case_id: "b1", activity: "cart", timestamp: at(2), device: "mobile" },
      { case_id: "b1", activity: "pays", timestamp: at(3), device: "mobile" },
      { case_id: "b2", activity: "search", timestamp: at(4), device: "desktop" },
      { case_id: "b2", activity: "views", timestamp: at(5) },
      // b3: an unmapped row earlier does not give the segment; "Mobile" and "mobile" are two values.
      { case_id: "b3", activity: "heartbeat", timestamp: at(5), device: "tv" },
      { case_id: "b3", activity: "lands", timestamp: at(6), device: "mobile" },
      { case_id: "b3", activity: "reserves", timestamp: at(9), device: "desktop" },
      { case_id: "b4", activity: "lands", timestamp: at(7), device: "Mobile" },
      { case_id: "b4", activity: "pays", timestamp: at(8), device: "Mobile" },
      // b5: same instant, two steps: the earlier step in the file (search before views) gives the value.
      { case_id: "b5", activity: "views", timestamp: at(10), device: "tablet 📱" },
      { case_id: "b5", activity: "search", timestamp: at(10), device: "phone" },
      // b6: two events of its first step at its first instant: the smaller value by code point.
      { case_id: "b6", activity: "lands", timestamp: at(11), device: "watch" },
      { case_id: "b6", activity: "page_view", timestamp: at(11), device: "phone" },
      // b7 and b8: no value (an empty field, and a row without the field): the segment null, listed last.
      { case_id: "b7", activity: "lands", timestamp: at(12), device: "" },
      { case_id: "b7", activity: "views", timestamp: at(13), device: "tv" },
      { case_id: "b8", activity: "search", timestamp: at(14) },
      { case_id: "b8", activity: "cart", timestamp: at(15), device: "tv" },
      { case_id: "b8", activity: "reserves", timestamp: at(16), device: "tv" },
    ],
  },
  {
    name: "--by device with --every week and --window 1h: segments on the cut, scoped paths",
    journey: SHOP,
    args: ["--by", "device", "--every", "week", "--window", "1h", "--since", "2026-03-01T12:00:00Z"],
    scope: { by: "device", every: "week", windowMs: 3_600_000, since: Date.parse("2026-03-01T12:00:00Z") },
    rows: [
      // Starts before --since: in no segment (and mobile, its only case, is no segment at all).
      { case_id: "x0", activity: "lands", timestamp: "2026-03-01T11:00:00Z", device: "mobile" },
      { case_id: "x0", activity: "pays", timestamp: "2026-03-01T11:30:00Z", device: "mobile" },
      // Pays 61 minutes after landing: cut by the window, so desktop's conversion is 1 of 2.
      { case_id: "x1", activity: "lands", timestamp: "2026-03-01T12:00:00Z", device: "desktop" },
      { case_id: "x1", activity: "pays", timestamp: "2026-03-01T13:01:00Z", device: "desktop" },
      { case_id: "x2", activity: "search", timestamp: "2026-03-03T09:00:00Z", device: "desktop" },
      { case_id: "x2", activity: "views", timestamp: "2026-03-03T09:10:00Z", device: "desktop" },
      { case_id: "x2", activity: "cart", timestamp: "2026-03-03T09:20:00Z", device: "desktop" },
      { case_id: "x2", activity: "reserves", timestamp: "2026-03-03T10:00:00Z", device: "desktop" },
      // A week later, after an empty week.
      { case_id: "x3", activity: "lands", timestamp: "2026-03-17T08:00:00Z", device: "tablet" },
      { case_id: "x3", activity: "views", timestamp: "2026-03-17T08:05:00Z", device: "tablet" },
    ],
  },
  {
    name: "--window 5m cuts inside a loop; an element exactly at the window's end stays",
    journey: SHOP,
    args: ["--window", "5m"],
    scope: { windowMs: 5 * 60_000 },
    rows: [
      // w1 loops lands → views → lands → views, adds to cart at 10:05 (exactly the end: kept) and pays at 10:07 (cut).
      ...[0, 1, 2, 4, 5, 7].map((minute, i) => ({ case_id: "w1", activity: ["lands", "views", "lands", "views", "cart", "pays"][i], timestamp: at(minute) })),
      // w2 reserves 5 minutes after landing, to the second: converts within the window.
      { case_id: "w2", activity: "lands", timestamp: at(10) },
      { case_id: "w2", activity: "reserves", timestamp: at(15) },
      // w3 pays one second too late: pays is measured, yet no cut path reaches it (0, not null).
      { case_id: "w3", activity: "search", timestamp: at(20) },
      { case_id: "w3", activity: "views", timestamp: at(22) },
      { case_id: "w3", activity: "payment_ok", timestamp: at(25, 1) },
      // Rows outside every window still count in events and period.
      { case_id: "w3", activity: "heartbeat", timestamp: at(59) },
    ],
  },
  {
    name: "--since and --until: a boundary exactly on a first event, whole paths of the cases kept",
    journey: SHOP,
    args: ["--since", "2026-03-01T10:10:00Z", "--until", "2026-03-01T10:20"],
    scope: { since: Date.parse("2026-03-01T10:10:00Z"), until: Date.parse("2026-03-01T10:20:00Z") },
    rows: [
      // p1 starts before the period and goes on inside it: left out.
      { case_id: "p1", activity: "lands", timestamp: at(9, 59) },
      { case_id: "p1", activity: "views", timestamp: at(12) },
      { case_id: "p1", activity: "pays", timestamp: at(13) },
      // p2 starts exactly at since (an unmapped row earlier does not start a path): in, with its whole path past until.
      { case_id: "p2", activity: "heartbeat", timestamp: at(5) },
      { case_id: "p2", activity: "lands", timestamp: at(10) },
      { case_id: "p2", activity: "views", timestamp: at(19, 59) },
      { case_id: "p2", activity: "cart", timestamp: at(25) },
      { case_id: "p2", activity: "reserves", timestamp: at(40) },
      // p3 starts exactly at until: left out, and search (measured) is reached by nobody.
      { case_id: "p3", activity: "search", timestamp: at(20) },
      { case_id: "p3", activity: "cart", timestamp: at(21) },
      // p4 inside.
      { case_id: "p4", activity: "lands", timestamp: at(15) },
      { case_id: "p4", activity: "cart", timestamp: at(16) },
    ],
  },
  {
    name: "--since alone with --window",
    journey: SHOP,
    args: ["--since", "2026-03-01T10:10:00Z", "--window", "90s"],
    scope: { since: Date.parse("2026-03-01T10:10:00Z"), windowMs: 90_000 },
    rows: [
      { case_id: "s1", activity: "lands", timestamp: at(5) },
      { case_id: "s1", activity: "pays", timestamp: at(6) },
      { case_id: "s2", activity: "lands", timestamp: at(10) },
      { case_id: "s2", activity: "views", timestamp: at(11, 30) },
      { case_id: "s2", activity: "cart", timestamp: at(11, 31) },
      { case_id: "s3", activity: "search", timestamp: at(30) },
      { case_id: "s3", activity: "views", timestamp: at(31) },
      { case_id: "s3", activity: "cart", timestamp: at(32) },
      { case_id: "s3", activity: "pays", timestamp: at(33) },
    ],
  },
  {
    name: "--every week: weeks from Monday in UTC, an empty week listed",
    journey: SHOP,
    args: ["--every", "week"],
    scope: { every: "week" },
    rows: [
      // Sunday 2026-03-01: the week of Monday 2026-02-23.
      { case_id: "e1", activity: "lands", timestamp: "2026-03-01T23:59:59Z" },
      { case_id: "e1", activity: "views", timestamp: "2026-03-02T00:10:00Z" },
      // Monday 2026-03-02, 00:00 exactly: the next week; converts.
      { case_id: "e2", activity: "lands", timestamp: "2026-03-02T00:00:00Z" },
      { case_id: "e2", activity: "views", timestamp: "2026-03-02T00:01:00Z" },
      { case_id: "e2", activity: "cart", timestamp: "2026-03-02T00:02:00Z" },
      { case_id: "e2", activity: "pays", timestamp: "2026-03-02T00:03:00Z" },
      // The week of 2026-03-09 has no case. Sunday 23:30 at -01:00 is Monday 00:30 UTC: the week of 2026-03-16.
      { case_id: "e3", activity: "search", timestamp: "2026-03-15T23:30:00-01:00" },
      { case_id: "e3", activity: "cart", timestamp: "2026-03-16T01:00:00Z" },
      { case_id: "e4", activity: "lands", timestamp: "2026-03-20T12:00:00Z" },
    ],
  },
  {
    name: "--every month with --window and --since: an empty month, cut paths",
    journey: SHOP,
    args: ["--every", "month", "--window", "1d", "--since", "2026-01-15"],
    scope: { every: "month", windowMs: 86_400_000, since: Date.parse("2026-01-15T00:00:00Z") },
    rows: [
      { case_id: "n0", activity: "lands", timestamp: "2026-01-10T00:00:00Z" },
      { case_id: "n1", activity: "lands", timestamp: "2026-01-31T23:00:00Z" },
      { case_id: "n1", activity: "pays", timestamp: "2026-02-01T22:00:00Z" },
      { case_id: "n2", activity: "lands", timestamp: "2026-01-20T00:00:00Z" },
      { case_id: "n2", activity: "reserves", timestamp: "2026-01-22T00:00:00Z" },
      { case_id: "n3", activity: "lands", timestamp: "2026-03-31T23:59:59.999Z" },
      { case_id: "n3", activity: "views", timestamp: "2026-04-01T00:00:00Z" },
    ],
  },
  {
    name: "--every day: leap day and days before 1970",
    journey: SHOP,
    args: ["--every", "day"],
    scope: { every: "day" },
    rows: [
      { case_id: "d1", activity: "lands", timestamp: "1969-12-31T23:59:59.500Z" },
      { case_id: "d1", activity: "views", timestamp: "1970-01-01T00:00:01Z" },
      { case_id: "d2", activity: "search", timestamp: "1970-01-02T10:00:00Z" },
      { case_id: "d3", activity: "lands", timestamp: "2024-02-29T00:00:00Z" },
    ],
  },
  {
    name: "--until alone: no case starts before it",
    journey: SHOP,
    args: ["--until", "2026-03-01"],
    scope: { until: Date.parse("2026-03-01T00:00:00Z") },
    rows: [
      { case_id: "u1", activity: "lands", timestamp: at(0) },
      { case_id: "u1", activity: "pays", timestamp: at(1) },
    ],
  },
];
