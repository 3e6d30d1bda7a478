// The ClickHouse engine of `journey analyze` at growing sizes, against a server you name:
//   npm run build && node bench/clickhouse-scale.mjs --url http://127.0.0.1:8123 [--events 1000000,2000000,4000000]
// For each size it fills the table journey_bench_events (8 events per case, 8 activities of
// which 7 map onto the shop journey, times spread over 30 days) with INSERT ... SELECT from
// numbers(), runs the engine three times and prints the median time of each of its queries, then
// drops the table. When the server logs queries (log_queries=1 in the user's profile and a
// <query_log> in its config), the peak memory of each query is printed too.
// With --cluster NAME --shards URL,URL (every shard's HTTP URL, the cluster as the servers'
// remote_servers name it), the events go into journey_bench_local on every shard and the engine
// reads a Distributed table over them on --url, sharded by cityHash64(case_id); the bytes each
// shard sent to the querying server (result_bytes of its part of the query) are printed as well.
// Numbers and what they mean for a billion events: docs/analyze.md (section ClickHouse).
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const url = argument("--url");
if (!url) {
  console.error("bench/clickhouse-scale.mjs: give --url http://host:8123 of a ClickHouse server it may create a table on");
  process.exit(2);
}
const sizes = argument("--events", "1000000,2000000,4000000").split(",").map(Number);
const runs = Number(argument("--runs", "3"));
const TABLE = "journey_bench_events";
const cluster = argument("--cluster");
const shards = cluster ? argument("--shards", "").split(",").filter(Boolean) : [];
if (cluster && shards.length === 0) {
  console.error("bench/clickhouse-scale.mjs: --cluster needs --shards with the HTTP URL of every shard");
  process.exit(2);
}
/** `--time-type String` stores the times as ISO 8601 text, which the engine parses row by row. */
const timeType = argument("--time-type", "DateTime");
if (!["DateTime", "String"].includes(timeType)) {
  console.error("bench/clickhouse-scale.mjs: --time-type is DateTime or String");
  process.exit(2);
}
const LAYOUT = `(case_id String, activity String, timestamp ${timeType})`;
const MERGE_TREE = "MergeTree() ORDER BY (case_id, timestamp)";

const { createClickHouseEngine } = await import(pathToFileURL(join(root, "dist", "analyze", "engines", "clickhouse.js")).href);

async function sql(query, at = url, settings = "") {
  const response = await fetch(`${at}/?${settings}`, { method: "POST", body: query });
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status}: ${text}`);
  return text;
}

const steps = ["home", "search", "product", "cart", "pay"];
const plan = {
  journeyId: "bench",
  stepIds: steps,
  activities: new Map([...steps.map((id, i) => [id, i]), ["view_item", 2], ["purchase", 4]]),
  edges: [
    [0, 1],
    [0, 2],
    [1, 2],
    [2, 3],
    [3, 4],
  ],
  entries: [0],
  goals: [4],
  top: 10,
};
const columns = { caseId: "case_id", activity: "activity", timestamp: "timestamp" };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

console.log(
  `server ${(await sql("SELECT version()")).trim()}, timestamp ${timeType}${cluster ? `, Distributed over ${shards.length} shards` : ""}, ${runs} runs per size, median ms per query`,
);
for (const events of sizes) {
  await sql(`DROP TABLE IF EXISTS ${TABLE}`);
  for (const shard of shards) {
    await sql("DROP TABLE IF EXISTS journey_bench_local", shard);
    await sql(`CREATE TABLE journey_bench_local ${LAYOUT} ENGINE = ${MERGE_TREE}`, shard);
  }
  await sql(
    `CREATE TABLE ${TABLE} ${LAYOUT} ENGINE = ${cluster ? `Distributed(${cluster}, currentDatabase(), journey_bench_local, cityHash64(case_id))` : MERGE_TREE}`,
  );
  const loadStart = Date.now();
  // Case k holds events 8k..8k+7; the activity of each is drawn by hash, its time walks forward
  // from the case's start by up to 10 minutes (ties included).
  await sql(
    `INSERT INTO ${TABLE} SELECT
      concat('case-', toString(intDiv(number, 8))),
      arrayElement(['home', 'search', 'product', 'view_item', 'cart', 'purchase', 'pay', 'heartbeat'], cityHash64(number) % 8 + 1),
      ${timeType === "String" ? "toString" : ""}(toDateTime(1767225600 + cityHash64(intDiv(number, 8)) % 2592000 + (number % 8) * (cityHash64(number, 1) % 600)))
    FROM numbers(${events})`,
    url,
    "insert_distributed_sync=1",
  );
  const loadMs = Date.now() - loadStart;
  const phases = new Map();
  const sizeStart = Math.floor(Date.now() / 1000);
  let figures;
  for (let run = 0; run < runs; run++) {
    const engine = createClickHouseEngine();
    let last = Date.now();
    let phase;
    const mark = (next) => {
      const now = Date.now();
      if (phase) phases.set(phase, [...(phases.get(phase) ?? []), now - last]);
      phase = next;
      last = now;
    };
    const start = Date.now();
    figures = await engine.analyze(plan, columns, { kind: "clickhouse", url, table: TABLE }, (message) => mark(message.replace(/^clickhouse: /, "")));
    mark(undefined);
    phases.set("total", [...(phases.get("total") ?? []), Date.now() - start]);
    await engine.close();
  }
  console.log(`\n${events.toLocaleString("en")} events, ${figures.cases.toLocaleString("en")} cases (load ${loadMs} ms)`);
  for (const [name, times] of phases) console.log(`  ${name.padEnd(36)} ${String(median(times)).padStart(7)} ms`);
  try {
    await sql("SYSTEM FLUSH LOGS");
    // CPU time (user + system, all threads) does not depend on what else runs on the machine, as
    // wall time does: it is the figure to extrapolate from.
    const cpuMs =
      "(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'UserTimeMicroseconds')] + ProfileEvents.Values[indexOf(ProfileEvents.Names, 'SystemTimeMicroseconds')]) / 1000";
    const memory = await sql(`SELECT multiIf(query LIKE '%__j_read%', 'counting events', query LIKE '%GROUP BY __j_activity%', 'unmapped activities',
        query LIKE '%WITH TOTALS%', 'funnel, fitness and variants', query LIKE '%__j_pair%', 'transitions', 'other') AS q,
        max(memory_usage) AS peak, max(read_rows) AS rows, avg(${cpuMs}) AS cpu_ms
      FROM system.query_log WHERE type = 2 AND is_initial_query AND (query LIKE 'WITH%' OR query LIKE 'SELECT%') AND query LIKE '%${TABLE}%' AND query LIKE '%__j_%' AND query NOT LIKE '%system.%' AND event_time >= toDateTime(${sizeStart})
      GROUP BY q ORDER BY peak DESC FORMAT TSV`);
    let cpuTotal = 0;
    if (memory.trim())
      for (const line of memory.trim().split("\n")) {
        const [query, peak, rows, cpuMs] = line.split("\t");
        cpuTotal += Number(cpuMs);
        console.log(
          `  ${query.padEnd(36)} cpu ${String(Math.round(Number(cpuMs))).padStart(6)} ms, peak ${String(Math.round(Number(peak) / 2 ** 20)).padStart(5)} MiB, ${rows} rows read`,
        );
      }
    if (cpuTotal > 0) console.log(`  cpu per analysis ${Math.round(cpuTotal)} ms (${((cpuTotal * 1000) / events).toFixed(2)} µs per event)`);
    for (const shard of shards) {
      await sql("SYSTEM FLUSH LOGS", shard);
      const sent = await sql(
        `SELECT count(), sum(result_bytes), sum(result_rows) FROM system.query_log WHERE type = 2 AND is_initial_query = 0 AND query LIKE '%journey_bench_local%' AND query LIKE '%__j_%' AND event_time > now() - 600 FORMAT TSV`,
        shard,
      );
      const [queries, bytes, rows] = sent.trim().split("\t").map(Number);
      console.log(
        `  shard ${shard}: ${queries} queries sent ${Math.round(bytes / runs / 2 ** 20)} MiB (${Math.round(rows / runs).toLocaleString("en")} rows) per analysis`,
      );
      if (shard !== url) await sql("TRUNCATE TABLE system.query_log", shard);
    }
    await sql("TRUNCATE TABLE system.query_log");
  } catch {
    // no query log on this server: times only
  }
}
await sql(`DROP TABLE IF EXISTS ${TABLE}`);
for (const shard of shards) await sql("DROP TABLE IF EXISTS journey_bench_local", shard);
