// Event logs for the `analyze` bench group, written by DuckDB itself from a fixed formula (the
// same files on every run): `events` rows, 8 per case, in time order, over a shop journey of six
// steps plus one activity that maps to no step (about 1 in 8 rows). Also the floor the issue
// measures against: DuckDB's own single pass over the same file.
//   node bench/analyze-data.mjs write <dir> <events>...   writes events-<n>.parquet (and events-<max>.csv)
//   node bench/analyze-data.mjs floor <file>              SELECT activity, count(DISTINCT case_id) ... GROUP BY activity
import { writeFileSync } from "node:fs";
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
             TIMESTAMP '2026-01-01' + to_seconds(((i // 8) * 2.6)::BIGINT % 2592000 + (i % 8) * 45 + (hash(i * 7) % 40)::BIGINT) AS timestamp
      FROM range(${n}) t(i) ORDER BY timestamp) TO '${file}' (FORMAT parquet)`);
    if (n === max)
      await db.run(
        `COPY (SELECT case_id, activity, strftime(timestamp, '%Y-%m-%dT%H:%M:%SZ') AS timestamp FROM '${file}') TO '${join(dir, `events-${n}.csv`)}' (HEADER)`,
      );
  }
} else if (command === "floor") {
  const file = args[0];
  const reader = file.endsWith(".csv") ? "read_csv($1)" : "read_parquet($1)";
  await db.runAndReadAll(`SELECT activity, count(DISTINCT case_id) FROM ${reader} GROUP BY activity`, [file]);
} else {
  console.error("usage: analyze-data.mjs write <dir> <events>... | floor <file>");
  process.exit(2);
}
db.closeSync();
instance.closeSync();
