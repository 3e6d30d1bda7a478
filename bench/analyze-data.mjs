// Event logs for the `analyze` bench group, written by DuckDB itself from a fixed formula (the
// same files on every run): `events` rows, 8 per case, in time order, over a shop journey of six
// steps plus one activity that maps to no step (about 1 in 8 rows), and a `segment` column of 20
// values (`--by segment`: each case's value is drawn once, its events carry it). Also the floor the issue
// measures against: DuckDB's own single pass over the same file.
//   node bench/analyze-data.mjs write <dir> <events>...   writes events-<n>.parquet (and events-<max>.csv)
//   node bench/analyze-data.mjs floor <file>              SELECT activity, count(DISTINCT case_id) ... GROUP BY activity
//   node bench/analyze-data.mjs xes <dir> <events>        writes events-<n>.xes (schedule, start and complete of each
//                                                         activity, a large header) and events-<n>-complete.csv, its
//                                                         complete events: what `journey analyze` must find equal
import { createWriteStream, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createRequire } from "node:module";
import { join } from "node:path";

const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api");

export const JOURNEY = `journey: 1
id: bench-shop
title: Bench shop
goal: { steps: [pays] }
stages:
  - id: find
    steps:
      - { id: visits, name: Visits the shop, events: [page_view] }
      - { id: views, name: Views a product, events: [product_view] }
  - id: buy
    steps:
      - { id: cart, name: Adds to cart, events: [add_to_cart] }
      - { id: checkout, name: Checks out, events: [checkout_started] }
      - { id: pays, name: Pays, events: [payment_ok], next: [done] }
      - { id: done, name: Gets the confirmation, events: [order_confirmed], next: [] }
`;

const [command, ...args] = process.argv.slice(2);
const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
if (command === "write") {
  const [dir, ...sizes] = args;
  writeFileSync(join(dir, "bench-shop.journey.yaml"), JOURNEY);
  const max = Math.max(...sizes.map(Number));
  for (const n of sizes.map(Number)) {
    // Mostly the mapped order with some skips and backtracking: activity i of a case is drawn
    // from the six steps around its position, plus a heartbeat.
    const file = join(dir, `events-${n}.parquet`);
    await db.run(`COPY (
      SELECT 'case-' || lpad((i // 8)::VARCHAR, 8, '0') AS case_id,
             CASE WHEN hash(i) % 8 = 0 THEN 'heartbeat'
                  ELSE ['page_view', 'product_view', 'product_view', 'add_to_cart', 'checkout_started', 'payment_ok', 'order_confirmed', 'order_confirmed'][((i % 8) + (hash(i * 3) % 3)::INT - 1 + 8) % 8 + 1] END AS activity,
             TIMESTAMP '2026-01-01' + to_seconds(((i // 8) * 2.6)::BIGINT % 2592000 + (i % 8) * 45 + (hash(i * 7) % 40)::BIGINT) AS timestamp,
             'segment-' || lpad((hash(i // 8) % 20)::VARCHAR, 2, '0') AS segment
      FROM range(${n}) t(i) ORDER BY timestamp) TO '${file}' (FORMAT parquet)`);
    if (n === max)
      await db.run(
        `COPY (SELECT case_id, activity, strftime(timestamp, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, segment FROM '${file}') TO '${join(dir, `events-${n}.csv`)}' (HEADER)`,
      );
  }
} else if (command === "floor") {
  const file = args[0];
  const reader = file.endsWith(".csv") ? "read_csv($1)" : "read_parquet($1)";
  await db.runAndReadAll(`SELECT activity, count(DISTINCT case_id) FROM ${reader} GROUP BY activity`, [file]);
} else if (command === "xes") {
  // Like BPI Challenge 2012 (262,200 events, 74 MB of XML): a header of extensions and 2,000 globals,
  // traces of 12 events with a trace date attribute, each event with a resource, a lifecycle
  // transition (SCHEDULE, START, COMPLETE of each activity) and an offset time (+01:00 / +02:00).
  const [dir, size] = args;
  const n = Number(size);
  writeFileSync(join(dir, "bench-shop.journey.yaml"), JOURNEY);
  const xes = createWriteStream(join(dir, `events-${n}.xes`));
  const csv = createWriteStream(join(dir, `events-${n}-complete.csv`));
  const write = async (stream, text) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  await write(xes, '<?xml version="1.0" encoding="UTF-8" ?>\n<log xes.version="1.0" xes.features="nested-attributes">\n');
  await write(xes, '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>\n');
  for (let g = 0; g < 2000; g++)
    await write(xes, `  <global scope="event"><string key="attribute-${g}" value="UNKNOWN, a default the events never use"/></global>\n`);
  await write(csv, "case_id,activity,timestamp\n");
  const activities = ["page_view", "product_view", "add_to_cart", "checkout_started", "payment_ok", "heartbeat", "order_confirmed"];
  let written = 0;
  for (let trace = 0; written < n; trace++) {
    const name = `case-${String(trace).padStart(8, "0")}`;
    await write(xes, `  <trace>\n    <string key="concept:name" value="${name}"/>\n    <date key="REG_DATE" value="2026-01-01T00:00:00.000+01:00"/>\n`);
    for (let k = 0; k < 4 && written < n; k++) {
      const activity = activities[(k + (trace % 3)) % activities.length];
      for (const [j, transition] of ["SCHEDULE", "START", "COMPLETE"].entries()) {
        if (written >= n) break;
        const ms = Date.UTC(2026, 0, 1) + trace * 2600 + k * 45_000 + j * 5_000;
        const offset = trace % 2 === 0 ? 1 : 2;
        const local = new Date(ms + offset * 3_600_000).toISOString().replace("Z", `+0${offset}:00`);
        await write(
          xes,
          `    <event>\n      <string key="org:resource" value="${112 + (trace % 50)}"/>\n      <string key="lifecycle:transition" value="${transition}"/>\n      <string key="concept:name" value="${activity}"/>\n      <date key="time:timestamp" value="${local}"/>\n    </event>\n`,
        );
        if (transition === "COMPLETE") await write(csv, `${name},${activity},${local}\n`);
        written++;
      }
    }
    await write(xes, "  </trace>\n");
  }
  xes.end("</log>\n");
  csv.end();
  await Promise.all([once(xes, "close"), once(csv, "close")]);
} else {
  console.error("usage: analyze-data.mjs write <dir> <events>... | floor <file> | xes <dir> <events>");
  process.exit(2);
}
db.closeSync();
instance.closeSync();
