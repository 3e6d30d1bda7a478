/**
 * Engine `clickhouse`: the analysis runs as SQL inside ClickHouse over the user's events table
 * (a MergeTree or a Distributed table over a cluster); only aggregates come back. The SQL keeps to
 * what ClickHouse 18.16 (Debian 12) has as well as current releases: arrays, lambdas and aggregate
 * functions; no window functions, no query parameters, no lower-median function. Layout, queries
 * and costs: docs/analyze.md (section ClickHouse).
 */
import { randomUUID } from "node:crypto";
import { loadOptional } from "../../util/optional-package.js";
import { caseEventsMessage, DEFAULT_LIMITS } from "../limits.js";
import { FIRST_MS, LAST_MS } from "../timestamps.js";
import type { ClickHouseClient } from "@clickhouse/client";
import { AnalyzeError, type AnalysisEngine, type AnalysisPlan, type ColumnNames, type EngineFigures, type EventSource } from "../types.js";
import {
  identifier,
  intArrayLiteral,
  isNullable,
  stringArrayLiteral,
  stringLiteral,
  textExpression,
  timestampKind,
  timestampMillisExpression,
  TIMESTAMP_TYPES,
} from "./clickhouse-sql.js";

type ClickHouseSource = Extract<EventSource, { kind: "clickhouse" }>;
/** A billion-event analysis takes minutes; the client's 30 s default would cut it off. */
const TIMEOUT_MS = 3_600_000;
const PING_TIMEOUT_MS = 10_000;
type Row = Record<string, unknown>;
/** Rows of a query (JSONEachRow), or with format JSON its rows and the WITH TOTALS row. */
type Select = {
  (sql: string): Promise<Row[]>;
  (sql: string, format: "JSON"): Promise<{ data: Row[]; totals?: Row }>;
};

/** Error codes of ClickHouse that mean the user or password is wrong (18.16: 192-194; 20.x on: 516). */
const CREDENTIAL_CODES = new Set(["192", "193", "194", "516"]);

function loadClient(): typeof import("@clickhouse/client") {
  return loadOptional<typeof import("@clickhouse/client")>("@clickhouse/client", "`journey analyze --engine clickhouse`");
}

/** The user's message for a failed request, or the error itself when it is a bug of ours. */
function userError(error: unknown, source: ClickHouseSource): Error {
  const err = error as { code?: unknown; message?: string; cause?: { code?: unknown } };
  const message = err.message ?? String(error);
  // 18.16 answers "Code: 193, e.displayText() = ..." (the client leaves it in the message);
  // current servers "Code: 516. ...", which the client parses into `code`.
  const serverCode = /Code: (\d+)/.exec(message)?.[1] ?? (typeof err.code === "string" && /^\d+$/.test(err.code) ? err.code : undefined);
  if ((serverCode !== undefined && CREDENTIAL_CODES.has(serverCode)) || /Authentication failed|Wrong password|Unknown user/i.test(message)) {
    return new AnalyzeError(
      `ClickHouse at ${source.url} refused the credentials of user "${source.user ?? "default"}"; set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD`,
    );
  }
  if (serverCode !== undefined) return new AnalyzeError(`ClickHouse at ${source.url}: ${message.split("\n")[0].trim()}`);
  if (/^Timeout error/i.test(message)) return new AnalyzeError(`ClickHouse at ${source.url} did not answer within ${TIMEOUT_MS / 60_000} minutes`);
  // Connection, DNS and TLS failures: Node's error codes (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...).
  const systemCode = [err.code, err.cause?.code].find((code): code is string => typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code));
  if (systemCode !== undefined || /socket hang up/i.test(message)) {
    return new AnalyzeError(`cannot reach ClickHouse at ${source.url} (${systemCode ?? message}); check --url and that the server is running`);
  }
  return error instanceof Error ? error : new Error(message);
}

/**
 * A wrong host, port or scheme (TLS to a plain HTTP port) can leave a request hanging for the
 * whole query timeout; /ping answers at once when the server is there, so ask it first, briefly.
 */
async function ping(clickhouse: typeof import("@clickhouse/client"), source: ClickHouseSource): Promise<void> {
  const pinger = clickhouse.createClient({
    url: source.url,
    request_timeout: PING_TIMEOUT_MS,
    compression: { request: false, response: false },
    log: { level: clickhouse.ClickHouseLogLevel.OFF },
  });
  try {
    const result = await pinger.ping();
    if (result.success) return;
    if (/^Timeout error/i.test(result.error.message)) {
      throw new AnalyzeError(
        `cannot reach ClickHouse at ${source.url} (no answer to /ping within ${PING_TIMEOUT_MS / 1000} s); check --url and that the server is running`,
      );
    }
    throw userError(result.error, source);
  } finally {
    await pinger.close();
  }
}

/** 64-bit integers come back as JSON strings (output_format_json_quote_64bit_integers). */
const num = (value: unknown): number => Number(value);

export function createClickHouseEngine(): AnalysisEngine {
  let client: ClickHouseClient | undefined;
  let cancel = new AbortController();
  /** The id of each query being run (the client sends it as `query_id`), for KILL QUERY on SIGINT/SIGTERM. */
  const running = new Set<string>();
  return {
    name: "clickhouse",
    async analyze(plan, columns, source, progress) {
      if (source.kind !== "clickhouse") throw new Error("the clickhouse engine reads a ClickHouse table, not files");
      const clickhouse = loadClient();
      const { createClient, ClickHouseLogLevel } = clickhouse;
      await client?.close();
      try {
        client = createClient({
          url: source.url,
          username: source.user ?? "default",
          password: source.password ?? "",
          application: "journey-analyze",
          request_timeout: TIMEOUT_MS,
          // Response compression is a setting (enable_http_compression), and 18.16 refuses every setting
          // to a readonly user ("Cannot override setting ... in readonly mode"); only aggregates come back anyway.
          compression: { request: false, response: false },
          log: { level: ClickHouseLogLevel.OFF },
        });
      } catch (error) {
        throw new AnalyzeError(`--url ${JSON.stringify(source.url)} is not a ClickHouse HTTP URL (${(error as Error).message})`);
      }
      await ping(clickhouse, source);
      const select: Select = (async (sql: string, format: "JSONEachRow" | "JSON" = "JSONEachRow") => {
        const queryId = `journey-${randomUUID()}`;
        running.add(queryId);
        try {
          const result = await client!.query({ query: sql, format, query_id: queryId, abort_signal: cancel.signal });
          return await result.json();
        } catch (error) {
          if (cancel.signal.aborted) throw new AnalyzeError("the analysis was interrupted");
          throw userError(error, source);
        } finally {
          running.delete(queryId);
        }
      }) as Select;
      return analyzeTable(plan, columns, source, select, progress ?? (() => {}));
    },
    async interrupt() {
      // The request is abandoned at once; the server is told to stop the query too (a readonly
      // user may kill its own queries), within a second, else left to notice the closed connection.
      cancel.abort();
      const ids = [...running];
      if (!client || ids.length === 0) return;
      const kill = client.command({ query: `KILL QUERY WHERE query_id IN (${stringArrayLiteral(ids).slice(1, -1)}) ASYNC` }).catch(() => {});
      await Promise.race([kill, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    },
    async close() {
      await client?.close();
      client = undefined;
      cancel = new AbortController();
    },
  };
}

async function analyzeTable(
  plan: AnalysisPlan,
  columns: ColumnNames,
  source: ClickHouseSource,
  select: Select,
  progress: (message: string) => void,
): Promise<EngineFigures> {
  const table = `${source.database === undefined ? "" : `${identifier(source.database, "--database")}.`}${identifier(source.table, "--table")}`;
  const caseColumn = identifier(columns.caseId, "the case column");
  const activityColumn = identifier(columns.activity, "the activity column");
  const timeColumn = identifier(columns.timestamp, "the time column");
  const databaseValue = source.database === undefined ? "currentDatabase()" : stringLiteral(source.database);
  const tableName = `${source.database === undefined ? "" : `${source.database}.`}${source.table}`;

  progress(`clickhouse: reading the layout of ${tableName}`);
  const found = await select(`SELECT name, type FROM system.columns WHERE database = ${databaseValue} AND table = ${stringLiteral(source.table)}`);
  if (found.length === 0) throw new AnalyzeError(`ClickHouse at ${source.url} has no table ${tableName} (--table, --database)`);
  const types = new Map(found.map((row) => [String(row.name), String(row.type)]));
  const missing = [columns.caseId, columns.activity, columns.timestamp].filter((name) => !types.has(name));
  if (missing.length > 0) {
    throw new AnalyzeError(
      `table ${tableName} has no column ${missing.map((name) => `"${name}"`).join(", ")}; its columns are ${[...types.keys()].join(", ")} (rename with --case-column, --activity-column, --time-column)`,
    );
  }
  const timeType = types.get(columns.timestamp)!;
  const kind = timestampKind(timeType);
  if (kind === undefined) throw new AnalyzeError(`column "${columns.timestamp}" of ${tableName} is ${timeType}; the time column must be ${TIMESTAMP_TYPES}`);

  // The plan is ours, not the user's: a bad bound is a programming error, and it goes into SQL as a number.
  if (!Number.isSafeInteger(plan.top) || plan.top < 0) throw new Error(`plan.top must be a whole number, not ${plan.top}`);
  const limits = plan.limits ?? DEFAULT_LIMITS;
  if (!Number.isSafeInteger(limits.maxCaseEvents) || limits.maxCaseEvents < 1)
    throw new Error(`maxCaseEvents must be a whole number, not ${limits.maxCaseEvents}`);
  const n = plan.stepIds.length;
  const names = [...plan.activities.keys()];
  // Row-level names, defined once and used by every query that reads the table. They sit in the
  // query that aggregates over the table itself, so a Distributed table evaluates them (and the
  // first aggregation) on its shards instead of shipping rows.
  const rowNames = `WITH
    ${textExpression(caseColumn, types.get(columns.caseId)!)} AS __j_case,
    ${textExpression(activityColumn, types.get(columns.activity)!)} AS __j_activity,
    ${timestampMillisExpression(timeColumn, kind, isNullable(timeType))} AS __j_time,
    (__j_case = '' OR __j_activity = '' OR isNull(__j_time) OR NOT (assumeNotNull(__j_time) BETWEEN ${FIRST_MS} AND ${LAST_MS})) AS __j_skip,
    ${names.length === 0 ? "toInt32(-1)" : `toInt32(transform(__j_activity, ${stringArrayLiteral(names)}, ${intArrayLiteral(names.map((name) => plan.activities.get(name)!))}, -1))`} AS __j_step`;
  const stepIds = stringArrayLiteral(plan.stepIds);
  // Every case's path: its mapped events by time, then step position; consecutive events of one
  // step merged into the first. The GROUP BY runs on the table (partial states on each shard of a
  // Distributed table, merged where the query runs), so a case split over shards is still one path.
  const paths = `(${rowNames}
    SELECT __j_case,
      count() AS __j_event_count,
      arraySort(groupArray(${limits.maxCaseEvents + 1})((assumeNotNull(__j_time), __j_step))) AS __j_events,
      arrayFilter((e, previous) -> e.2 != previous, __j_events, arrayPushFront(arrayPopBack(arrayMap(e -> e.2, __j_events)), -1)) AS __j_elements,
      arrayMap(e -> e.2, __j_elements) AS __j_path,
      arrayMap(e -> e.1, __j_elements) AS __j_times
    FROM ${table} WHERE NOT __j_skip AND __j_step >= 0 GROUP BY __j_case)`;
  const has = (list: readonly number[], value: string) => (list.length === 0 ? "0" : `has(${intArrayLiteral(list)}, ${value})`);

  progress("clickhouse: counting events");
  const [totals] = await select(`${rowNames}
    SELECT count() AS __j_read, countIf(__j_skip) AS __j_skipped, countIf(NOT __j_skip AND __j_step >= 0) AS __j_mapped, countIf(NOT __j_skip AND __j_step < 0) AS __j_unmapped,
      minIf(__j_time, NOT __j_skip) AS __j_first, maxIf(__j_time, NOT __j_skip) AS __j_last,
      groupUniqArrayIf(__j_step, NOT __j_skip AND __j_step >= 0 AND __j_activity = arrayElement(${stepIds}, __j_step + 1)) AS __j_seen
    FROM ${table}`);

  progress("clickhouse: unmapped activities");
  // __j_activity itself, not a new alias of it: 18.16 loses an alias of an alias of a Nullable
  // column in GROUP BY ("not under aggregate function").
  const unmapped = await select(`${rowNames}
    SELECT __j_activity, count() AS __j_n FROM ${table} WHERE NOT __j_skip AND __j_step < 0 GROUP BY __j_activity ORDER BY __j_n DESC, __j_activity LIMIT ${plan.top}`);

  progress("clickhouse: funnel, fitness and variants");
  // One pass over the paths for both: grouped by path, the top rows are the variants, and WITH
  // TOTALS adds the sums over every path (LIMIT does not apply to totals), which are the funnel.
  // LIMIT 0 would drop the totals too (18.16), so at least one row comes back and is cut here.
  const perPath = await select(
    `SELECT __j_path, count() AS __j_cases,
      countIf(${plan.goals.length === 0 ? "0" : `hasAny(__j_path, ${intArrayLiteral(plan.goals)})`}) AS __j_converted,
      countIf(${has(plan.entries, "__j_path[1]")} AND arrayAll(edge -> ${has(
        plan.edges.map(([from, to]) => from * n + to),
        "edge",
      )}, arrayMap((a, b) -> a * ${n} + b, arrayPopBack(__j_path), arrayPopFront(__j_path)))) AS __j_fit,
      sumForEach(arrayMap(i -> toUInt64(has(__j_path, i)), range(${n}))) AS __j_reached,
      sumForEach(arrayMap(i -> toUInt64(__j_path[-1] = i), range(${n}))) AS __j_ended,
      max(__j_event_count) AS __j_longest,
      arrayStringConcat(arrayMap(i -> arrayElement(${stepIds}, i + 1), __j_path), ' ') AS __j_key
    FROM ${paths} GROUP BY __j_path WITH TOTALS ORDER BY __j_cases DESC, __j_key LIMIT ${Math.max(plan.top, 1)}`,
    "JSON",
  );

  // Each case's list is cut at one past the limit (groupArray(n)), and its full count checked here.
  const longest = num(perPath.totals?.__j_longest ?? 0);
  if (longest > limits.maxCaseEvents) throw new AnalyzeError(caseEventsMessage(limits, longest));

  progress("clickhouse: transitions");
  // The lower median from a histogram of whole seconds (sumMap sorts its keys): the first
  // duration whose running count passes half of the occurrences, rounded down. A histogram stays
  // small where a sorted array of every occurrence would not, and merges across shards.
  const transitions = await select(`
    SELECT __j_pair.1 AS __j_from, __j_pair.2 AS __j_to, count() AS __j_n, sumMap([__j_pair.3], [toUInt64(1)]) AS __j_histogram,
      arrayElement(__j_histogram.1, arrayFirstIndex(c -> c > intDiv(__j_n - 1, 2), arrayCumSum(__j_histogram.2))) AS __j_median
    FROM ${paths}
    ARRAY JOIN arrayMap((a, b, ta, tb) -> (a, b, intDiv(tb - ta, 1000)), arrayPopBack(__j_path), arrayPopFront(__j_path), arrayPopBack(__j_times), arrayPopFront(__j_times)) AS __j_pair
    GROUP BY __j_from, __j_to`);

  // No paths at all: no totals row (or one of zeros and empty arrays), and every step has 0.
  const figures = perPath.totals ?? {};
  const reached = (figures.__j_reached as unknown[] | undefined) ?? [];
  const ended = (figures.__j_ended as unknown[] | undefined) ?? [];
  return {
    events: { read: num(totals.__j_read), mapped: num(totals.__j_mapped), unmapped: num(totals.__j_unmapped), skipped: num(totals.__j_skipped) },
    // minIf over no rows is 0 (or NULL for a Nullable column), not a time: count the rows instead.
    period: num(totals.__j_read) === num(totals.__j_skipped) ? null : { from: num(totals.__j_first), to: num(totals.__j_last) },
    cases: num(figures.__j_cases ?? 0),
    converted: num(figures.__j_converted ?? 0),
    fit: num(figures.__j_fit ?? 0),
    steps: plan.stepIds.map((_, i) => ({ reached: num(reached[i] ?? 0), endedHere: num(ended[i] ?? 0) })),
    transitions: transitions.map((row) => ({ from: num(row.__j_from), to: num(row.__j_to), count: num(row.__j_n), medianSeconds: num(row.__j_median) })),
    variants: perPath.data.slice(0, plan.top).map((row) => ({ path: (row.__j_path as unknown[]).map(num), cases: num(row.__j_cases) })),
    unmappedActivities: unmapped.map((row) => ({ activity: String(row.__j_activity), count: num(row.__j_n) })),
    stepIdsSeen: (totals.__j_seen as unknown[]).map(num).sort((a, b) => a - b),
  };
}
