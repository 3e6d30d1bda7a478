/**
 * Engine `clickhouse`: the analysis runs as SQL inside ClickHouse over the user's events table
 * (a MergeTree or a Distributed table over a cluster); only aggregates come back. The SQL keeps to
 * what ClickHouse 18.16 (Debian 12) has as well as current releases: arrays, lambdas and aggregate
 * functions; no window functions, no query parameters, no lower-median function. Layout, queries
 * and costs: docs/analyze.md (section ClickHouse).
 */
import { randomUUID } from "node:crypto";
import { cutText } from "../../escape/terminal.js";
import { loadOptional } from "../../util/optional-package.js";
import { redactCredentials } from "../../util/redact.js";
import { listedColumns, missingByColumnMessage } from "../columns.js";
import { caseEventsMessage, DEFAULT_LIMITS } from "../limits.js";
import { FIRST_MS, LAST_MS } from "../timestamps.js";
import type { ClickHouseClient } from "@clickhouse/client";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
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
/**
 * Absolute deadlines (not idle timeouts: a server sending a byte every few seconds is held to
 * them too): `/ping` and the layout query (system.columns) answer at once from any working
 * server. `JOURNEY_CLICKHOUSE_DEADLINES` ("ping,layout" in seconds) changes them, for tests and
 * very slow links.
 */
const [PING_DEADLINE_MS, LAYOUT_DEADLINE_MS] = deadlines(process.env.JOURNEY_CLICKHOUSE_DEADLINES);
/** The most of an error answer read: ClickHouse's messages are a few lines; the rest is dropped unread. */
export const ERROR_BODY_CAP = 64 * 1024;
/** The most of a result read: only aggregates come back (at most `--top` rows, or one per transition). */
const RESULT_CAP = 256 * 1024 * 1024;
/** The layout of one table: a row per column. */
const LAYOUT_CAP = 4 * 1024 * 1024;
/** The characters of a server's message a user sees. */
const SERVER_MESSAGE_LIMIT = 300;
type Row = Record<string, unknown>;
/** Rows of a query (JSONEachRow), or with format JSON its rows and the WITH TOTALS row. */
type Select = {
  (sql: string, options: QueryOptions & { format: "JSON" }): Promise<{ data: Row[]; totals?: Row }>;
  (sql: string, options?: QueryOptions): Promise<Row[]>;
};
interface QueryOptions {
  format?: "JSONEachRow" | "JSON";
  /** An absolute deadline in milliseconds and what to call the query in its message. */
  deadline?: { ms: number; what: string };
  cap?: number;
  /** Sent as `query_id`, so that an interrupted analysis can kill its query on the server. */
  queryId?: string;
  /** Aborted on SIGINT/SIGTERM: the request is abandoned. */
  cancel?: AbortSignal;
}

function deadlines(value: string | undefined): [number, number] {
  const parts = (value ?? "").split(",").map(Number);
  const seconds = (i: number, fallback: number) => (Number.isFinite(parts[i]) && parts[i] > 0 ? parts[i] : fallback);
  return [seconds(0, 10) * 1000, seconds(1, 30) * 1000];
}

/** Error codes of ClickHouse that mean the user or password is wrong (18.16: 192-194; 20.x on: 516). */
const CREDENTIAL_CODES = new Set(["192", "193", "194", "516"]);

function loadClient(): typeof import("@clickhouse/client") {
  return loadOptional<typeof import("@clickhouse/client")>("@clickhouse/client", "`journey analyze --engine clickhouse`");
}

/**
 * The client's own logger, silenced: it writes WARN lines to the console while it reads its
 * configuration (before any log level applies), and those may quote the URL.
 */
class SilentLogger {
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(): void {}
}

/** An answer that is not ClickHouse's (a body that is not JSON, or JSON of another shape). */
class NotClickHouse extends Error {}

/** The user's message for a failed request, or the error itself when it is a bug of ours. */
function userError(error: unknown, source: ClickHouseSource): Error {
  if (error instanceof AnalyzeError) return error;
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
  if (serverCode !== undefined) return new AnalyzeError(`ClickHouse at ${source.url}: ${cutText(message.split("\n")[0].trim(), SERVER_MESSAGE_LIMIT)}`);
  if (/^Timeout error/i.test(message)) return new AnalyzeError(`ClickHouse at ${source.url} did not answer within ${TIMEOUT_MS / 60_000} minutes`);
  // Connection, DNS and TLS failures: Node's error codes (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...).
  const systemCode = [err.code, err.cause?.code].find((code): code is string => typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code));
  if (systemCode !== undefined || /socket hang up/i.test(message)) {
    return new AnalyzeError(`cannot reach ClickHouse at ${source.url} (${systemCode ?? message}); check --url and that the server is running`);
  }
  return error instanceof Error ? error : new Error(message);
}

const notClickHouse = (source: ClickHouseSource, detail: string) =>
  new AnalyzeError(`${source.url} did not answer as a ClickHouse server (${detail}); check --url`);

/**
 * `work` with an absolute deadline: past `ms` its request is aborted (the signal) and the
 * returned promise rejects with `timeout()` whether or not the request has noticed.
 */
async function withDeadline<T>(ms: number | undefined, timeout: () => Error, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (ms === undefined) return work(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeout());
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The body of an answer, at most `cap` bytes (the rest is not read: the stream is destroyed). */
async function readCapped(stream: NodeJS.ReadableStream & { destroy(): void }, cap: number, signal: AbortSignal): Promise<{ text: string; cut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stop = () => stream.destroy();
  signal.addEventListener("abort", stop);
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      if (size + bytes.length > cap) {
        chunks.push(bytes.subarray(0, cap - size));
        stream.destroy();
        return { text: Buffer.concat(chunks).toString("utf8"), cut: true };
      }
      chunks.push(bytes);
      size += bytes.length;
    }
    return { text: Buffer.concat(chunks).toString("utf8"), cut: false };
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

/**
 * A wrong host, port or scheme (TLS to a plain HTTP port) can leave a request hanging for the
 * whole query timeout; /ping answers at once when the server is there, so ask it first, with an
 * absolute deadline. Asked with Node's own request rather than the client's ping, which reads an
 * error body whole (an endless one for as long as the deadline allows).
 */
async function ping(source: ClickHouseSource, url: string): Promise<void> {
  const seconds = PING_DEADLINE_MS / 1000;
  const timeout = () =>
    new AnalyzeError(`cannot reach ClickHouse at ${source.url} (no answer to /ping within ${seconds} s); check --url and that the server is running`);
  const target = new URL(url);
  target.pathname = target.pathname === "/" ? "/ping" : `${target.pathname}/ping`;
  target.search = "";
  target.username = target.password = "";
  await withDeadline(PING_DEADLINE_MS, timeout, async (signal) => {
    const request = target.protocol === "https:" ? httpsRequest : httpRequest;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const sent = request(target, { method: "GET", signal }, resolve);
      sent.on("error", (error) => reject(signal.aborted ? timeout() : userError(error, source)));
      sent.end();
    });
    const { text } = await readCapped(response, ERROR_BODY_CAP, signal);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status <= 299) return;
    if (/Code: \d+/.test(text)) throw userError(new Error(text), source);
    throw notClickHouse(source, `HTTP ${status} to /ping`);
  });
}

/** One query through the client: its answer read by us, so that an error body is capped and a result's shape checked. */
async function query(client: ClickHouseClient, source: ClickHouseSource, sql: string, options: QueryOptions = {}): Promise<unknown> {
  const format = options.format ?? "JSONEachRow";
  const timeout = () =>
    new AnalyzeError(`ClickHouse at ${source.url} did not answer ${options.deadline?.what ?? "the query"} within ${(options.deadline?.ms ?? 0) / 1000} s`);
  const text = await withDeadline(options.deadline?.ms, timeout, async (deadline) => {
    const signal = options.cancel ? AbortSignal.any([deadline, options.cancel]) : deadline;
    let answer;
    try {
      answer = await client.exec({
        query: `${sql}\nFORMAT ${format}`,
        ignore_error_response: true,
        abort_signal: signal,
        ...(options.queryId !== undefined && { query_id: options.queryId }),
      });
    } catch (error) {
      throw userError(error, source);
    }
    const status = answer.http_status_code ?? 0;
    const exception = answer.response_headers["x-clickhouse-exception-code"];
    if (status < 200 || status > 299 || exception !== undefined) {
      const { text: body } = await readCapped(answer.stream, ERROR_BODY_CAP, signal);
      const code = typeof exception === "string" && /^\d+$/.test(exception) ? exception : undefined;
      if (code === undefined && !/Code: \d+/.test(body)) throw notClickHouse(source, `HTTP ${status} without a ClickHouse error`);
      throw userError(Object.assign(new Error(body), { code }), source);
    }
    const cap = options.cap ?? RESULT_CAP;
    const { text: body, cut } = await readCapped(answer.stream, cap, signal);
    if (cut) throw notClickHouse(source, `more than ${cap / (1024 * 1024)} MB for one query, where only aggregates come back`);
    return body;
  });
  // A query that fails after its first rows still has status 200: ClickHouse appends its exception to the body.
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      const code = /Code: (\d+)[^\n]*/.exec(line);
      if (code) throw userError(new Error(code[0]), source);
      throw notClickHouse(source, "an answer that is not JSON");
    }
  };
  if (format === "JSON") {
    const parsed = parse(text);
    if (!isRow(parsed) || !Array.isArray(parsed.data) || !parsed.data.every(isRow) || (parsed.totals !== undefined && !isRow(parsed.totals))) {
      throw notClickHouse(source, "JSON of another shape");
    }
    return parsed;
  }
  const rows = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(parse);
  if (!rows.every(isRow)) throw notClickHouse(source, "JSON of another shape");
  return rows;
}

/** A list in an answer; anything else is not ClickHouse's answer. */
function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new NotClickHouse(`${JSON.stringify(value)?.slice(0, 40) ?? "nothing"} where a list belongs`);
  return value;
}

const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);

/** 64-bit integers come back as JSON strings (output_format_json_quote_64bit_integers); anything but a whole number is not ClickHouse's answer. */
function num(value: unknown): number {
  const n = typeof value === "number" || typeof value === "string" ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new NotClickHouse(`${JSON.stringify(value)?.slice(0, 40) ?? "nothing"} where a count belongs`);
  return n;
}

export function createClickHouseEngine(): AnalysisEngine {
  let client: ClickHouseClient | undefined;
  let cancel = new AbortController();
  /** The id of each query being run (the client sends it as `query_id`), for KILL QUERY on SIGINT/SIGTERM. */
  const running = new Set<string>();
  return {
    name: "clickhouse",
    async analyze(plan, columns, source, progress) {
      if (source.kind !== "clickhouse") throw new Error("the clickhouse engine reads a ClickHouse table, not files");
      // Every message names the server without credentials, and never quotes the password back.
      const shown: ClickHouseSource = { ...source, url: redactCredentials(source.url, [source.password]) };
      try {
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
            log: { LoggerClass: SilentLogger, level: ClickHouseLogLevel.OFF },
          });
        } catch (error) {
          throw new AnalyzeError(`--url ${JSON.stringify(shown.url)} is not a ClickHouse HTTP URL (${(error as Error).message})`);
        }
        const connected = client;
        await ping(shown, source.url);
        // Each query has an id of its own, so that SIGINT/SIGTERM can KILL QUERY it on the server.
        const select = (async (sql: string, options?: QueryOptions) => {
          const queryId = `journey-${randomUUID()}`;
          running.add(queryId);
          try {
            return await query(connected, shown, sql, { ...options, queryId, cancel: cancel.signal });
          } catch (error) {
            if (cancel.signal.aborted) throw new AnalyzeError("the analysis was interrupted");
            throw error;
          } finally {
            running.delete(queryId);
          }
        }) as Select;
        return await analyzeTable(plan, columns, shown, select, progress ?? (() => {}));
      } catch (error) {
        if (error instanceof NotClickHouse) throw notClickHouse(shown, error.message);
        if (error instanceof Error) error.message = redactCredentials(error.message, [source.password]);
        throw error;
      }
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
  const found = await select(`SELECT name, type FROM system.columns WHERE database = ${databaseValue} AND table = ${stringLiteral(source.table)}`, {
    deadline: { ms: LAYOUT_DEADLINE_MS, what: `the layout of ${tableName} (system.columns)` },
    cap: LAYOUT_CAP,
  });
  if (!found.every((row) => typeof row.name === "string" && typeof row.type === "string")) throw new NotClickHouse("a layout without column names and types");
  if (found.length === 0) throw new AnalyzeError(`ClickHouse at ${source.url} has no table ${tableName} (--table, --database)`);
  const types = new Map(found.map((row) => [String(row.name), String(row.type)]));
  const missing = [columns.caseId, columns.activity, columns.timestamp].filter((name) => !types.has(name));
  if (missing.length > 0) {
    throw new AnalyzeError(
      `table ${tableName} has no column ${missing.map((name) => `"${name}"`).join(", ")}; its columns are ${listedColumns([...types.keys()])} (rename with --case-column, --activity-column, --time-column)`,
    );
  }
  if (plan.by !== undefined && !types.has(plan.by)) throw new AnalyzeError(missingByColumnMessage(`table ${tableName}`, plan.by, [...types.keys()]));
  const byColumn = plan.by === undefined ? undefined : identifier(plan.by, "the --by column");
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
    ${names.length === 0 ? "toInt32(-1)" : `toInt32(transform(__j_activity, ${stringArrayLiteral(names)}, ${intArrayLiteral(names.map((name) => plan.activities.get(name)!))}, -1))`} AS __j_step${
      byColumn === undefined ? "" : `,\n    ${textExpression(byColumn, types.get(plan.by!)!)} AS __j_seg`
    }`;
  const stepIds = stringArrayLiteral(plan.stepIds);
  // Every case's path: its mapped events by time, then step position; consecutive events of one
  // step merged into the first. The GROUP BY runs on the table (partial states on each shard of a
  // Distributed table, merged where the query runs), so a case split over shards is still one path.
  // --by: each event also carries its segment value ('' when missing, sorted after every value), so
  // the sorted list's first event gives the case's segment: on the earliest key, the smallest value.
  const paths = `(${rowNames}
    SELECT __j_case,
      count() AS __j_event_count,
      arraySort(groupArray(${limits.maxCaseEvents + 1})((assumeNotNull(__j_time), __j_step${byColumn === undefined ? "" : ", __j_seg = '', __j_seg"}))) AS __j_events,${
        byColumn === undefined
          ? ""
          : `
      tupleElement(arrayElement(__j_events, 1), 3) AS __j_seg_missing,
      tupleElement(arrayElement(__j_events, 1), 4) AS __j_segment,`
      }
      arrayFilter((e, previous) -> e.2 != previous, __j_events, arrayPushFront(arrayPopBack(arrayMap(e -> e.2, __j_events)), -1)) AS __j_elements,
      arrayMap(e -> e.2, __j_elements) AS __j_whole_path,
      arrayMap(e -> e.1, __j_elements) AS __j_whole_times,
      ${plan.windowMs === undefined ? "length(__j_whole_times)" : `arrayCount(t -> t <= __j_whole_times[1] + ${whole(plan.windowMs)}, __j_whole_times)`} AS __j_cut,
      arraySlice(__j_whole_path, 1, __j_cut) AS __j_path,
      arraySlice(__j_whole_times, 1, __j_cut) AS __j_times
    FROM ${table} WHERE NOT __j_skip AND __j_step >= 0 GROUP BY __j_case${started(plan, limits.maxCaseEvents)})`;
  const has = (list: readonly number[], value: string) => (list.length === 0 ? "0" : `has(${intArrayLiteral(list)}, ${value})`);

  progress("clickhouse: counting events");
  const [totals] = await select(`${rowNames}
    SELECT count() AS __j_read, countIf(__j_skip) AS __j_skipped, countIf(NOT __j_skip AND __j_step >= 0) AS __j_mapped, countIf(NOT __j_skip AND __j_step < 0) AS __j_unmapped,
      minIf(__j_time, NOT __j_skip) AS __j_first, maxIf(__j_time, NOT __j_skip) AS __j_last,
      groupUniqArrayIf(__j_step, NOT __j_skip AND __j_step >= 0 AND __j_activity = arrayElement(${stepIds}, __j_step + 1)) AS __j_seen,
      groupUniqArrayIf(__j_step, NOT __j_skip AND __j_step >= 0) AS __j_measured
    FROM ${table}`);

  progress("clickhouse: ties");
  // A case's mapped events grouped by instant: a group of two steps or more is a tie (whole log).
  const [ties] = await select(`
    SELECT uniqExactIf(__j_case, __j_steps > 1) AS __j_cases, sumIf(__j_count, __j_steps > 1) AS __j_events
    FROM (${rowNames}
      SELECT __j_case, assumeNotNull(__j_time) AS __j_instant, count() AS __j_count, uniqExact(__j_step) AS __j_steps
      FROM ${table} WHERE NOT __j_skip AND __j_step >= 0 GROUP BY __j_case, __j_instant)`);

  progress("clickhouse: unmapped activities");
  // __j_activity itself, not a new alias of it: 18.16 loses an alias of an alias of a Nullable
  // column in GROUP BY ("not under aggregate function").
  const unmapped = await select(`${rowNames}
    SELECT __j_activity, count() AS __j_n FROM ${table} WHERE NOT __j_skip AND __j_step < 0 GROUP BY __j_activity ORDER BY __j_n DESC, __j_activity LIMIT ${plan.top}`);

  progress("clickhouse: funnel, fitness and variants");
  // One pass over the paths for both: grouped by path, the top rows are the variants, and WITH
  // TOTALS adds the sums over every path (LIMIT does not apply to totals), which are the funnel.
  // LIMIT 0 would drop the totals too (18.16), so at least one row comes back and is cut here.
  const converts = plan.goals.length === 0 ? "0" : `hasAny(__j_path, ${intArrayLiteral(plan.goals)})`;
  const fits = `${has(plan.entries, "__j_path[1]")} AND arrayAll(edge -> ${has(
    plan.edges.map(([from, to]) => from * n + to),
    "edge",
  )}, arrayMap((a, b) -> a * ${n} + b, arrayPopBack(__j_path), arrayPopFront(__j_path)))`;
  const perPath = await select(
    `SELECT __j_path, count() AS __j_cases,
      countIf(${converts}) AS __j_converted,
      countIf(${fits}) AS __j_fit,
      sumForEach(arrayMap(i -> toUInt64(has(__j_path, i)), range(${n}))) AS __j_reached,
      sumForEach(arrayMap(i -> toUInt64(__j_path[-1] = i), range(${n}))) AS __j_ended,
      max(__j_event_count) AS __j_longest,
      arrayStringConcat(arrayMap(i -> arrayElement(${stepIds}, i + 1), __j_path), ' ') AS __j_key
    FROM ${paths} GROUP BY __j_path WITH TOTALS ORDER BY __j_cases DESC, __j_key LIMIT ${Math.max(plan.top, 1)}`,
    { format: "JSON" },
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
      arrayElement(__j_histogram.1, arrayFirstIndex(c -> c > intDiv(__j_n - 1, 2), arrayCumSum(__j_histogram.2))) AS __j_median,
      arrayElement(__j_histogram.1, arrayFirstIndex(c -> c >= intDiv(9 * __j_n + 9, 10), arrayCumSum(__j_histogram.2))) AS __j_p90
    FROM ${paths}
    ARRAY JOIN arrayMap((a, b, ta, tb) -> (a, b, intDiv(tb - ta, 1000)), arrayPopBack(__j_path), arrayPopFront(__j_path), arrayPopBack(__j_times), arrayPopFront(__j_times)) AS __j_pair
    GROUP BY __j_from, __j_to`);

  // --every: the kept cases by the UTC day of their first element (counted from the year 1, so
  // that intDiv, which truncates, floors), for result.ts to bucket.
  const startDays =
    plan.every === undefined
      ? undefined
      : await select(`
    SELECT intDiv(__j_times[1] - (${FIRST_MS}), 86400000) - ${-FIRST_MS / 86_400_000} AS __j_day, count() AS __j_cases, countIf(${converts}) AS __j_converted, countIf(${fits}) AS __j_fit
    FROM ${paths} GROUP BY __j_day`);

  progress("clickhouse: time to goal");
  // The same histogram over the converted cases' seconds from the first element to the first goal
  // element; with --by per segment, and WITH TOTALS gives the whole log's in the same pass.
  const bySegment = byColumn !== undefined;
  const toGoalRows =
    plan.goals.length === 0
      ? { data: [] as Row[], totals: undefined }
      : await select(
          `
    SELECT ${bySegment ? "__j_seg_missing, __j_segment, " : ""}count() AS __j_n, sumMap([__j_seconds], [toUInt64(1)]) AS __j_histogram,
      arrayElement(__j_histogram.1, arrayFirstIndex(c -> c > intDiv(__j_n - 1, 2), arrayCumSum(__j_histogram.2))) AS __j_median,
      arrayElement(__j_histogram.1, arrayFirstIndex(c -> c >= intDiv(9 * __j_n + 9, 10), arrayCumSum(__j_histogram.2))) AS __j_p90
    FROM (SELECT ${bySegment ? "__j_seg_missing, __j_segment, " : ""}intDiv(__j_times[arrayFirstIndex(s -> has(${intArrayLiteral(plan.goals)}, s), __j_path)] - __j_times[1], 1000) AS __j_seconds
      FROM ${paths} WHERE hasAny(__j_path, ${intArrayLiteral(plan.goals)}))${bySegment ? " GROUP BY __j_seg_missing, __j_segment WITH TOTALS" : ""}`,
          { format: "JSON" },
        );
  const toGoal = bySegment ? toGoalRows.totals : toGoalRows.data[0];

  // --by: the funnel, conversion and fitness of each segment, in one pass over the paths.
  const segmentKey = (row: Row) =>
    num(row.__j_seg_missing) === 1 ? null : typeof row.__j_segment === "string" ? row.__j_segment : JSON.stringify(row.__j_segment);
  const segments = bySegment
    ? await select(`
    SELECT __j_seg_missing, __j_segment, count() AS __j_cases, countIf(${converts}) AS __j_converted, countIf(${fits}) AS __j_fit,
      sumForEach(arrayMap(i -> toUInt64(has(__j_path, i)), range(${n}))) AS __j_reached,
      sumForEach(arrayMap(i -> toUInt64(__j_path[-1] = i), range(${n}))) AS __j_ended
    FROM ${paths} GROUP BY __j_seg_missing, __j_segment`)
    : undefined;
  const segmentTimes = new Map(toGoalRows.data.filter(() => bySegment).map((row) => [segmentKey(row), row]));

  // No paths at all: no totals row (or one of zeros and empty arrays), and every step has 0.
  const figures = perPath.totals ?? {};
  const reached = figures.__j_reached === undefined ? [] : list(figures.__j_reached);
  const ended = figures.__j_ended === undefined ? [] : list(figures.__j_ended);
  if (totals === undefined) throw new NotClickHouse("no row where the counts belong");
  return {
    events: { read: num(totals.__j_read), mapped: num(totals.__j_mapped), unmapped: num(totals.__j_unmapped), skipped: num(totals.__j_skipped) },
    // minIf over no rows is 0 (or NULL for a Nullable column), not a time: count the rows instead.
    period: num(totals.__j_read) === num(totals.__j_skipped) ? null : { from: num(totals.__j_first), to: num(totals.__j_last) },
    cases: num(figures.__j_cases ?? 0),
    converted: num(figures.__j_converted ?? 0),
    fit: num(figures.__j_fit ?? 0),
    steps: plan.stepIds.map((_, i) => ({ reached: num(reached[i] ?? 0), endedHere: num(ended[i] ?? 0) })),
    measuredSteps: list(totals.__j_measured)
      .map(num)
      .sort((a, b) => a - b),
    transitions: transitions.map((row) => ({
      from: num(row.__j_from),
      to: num(row.__j_to),
      count: num(row.__j_n),
      medianSeconds: num(row.__j_median),
      p90Seconds: num(row.__j_p90),
    })),
    timeToGoal: toGoal === undefined || num(toGoal.__j_n) === 0 ? null : { medianSeconds: num(toGoal.__j_median), p90Seconds: num(toGoal.__j_p90) },
    ties: { cases: num(ties?.__j_cases ?? 0), events: num(ties?.__j_events ?? 0) },
    ...(startDays === undefined
      ? {}
      : {
          startDays: startDays.map((row) => ({ day: num(row.__j_day), cases: num(row.__j_cases), converted: num(row.__j_converted), fit: num(row.__j_fit) })),
        }),
    ...(segments === undefined
      ? {}
      : {
          segments: segments.map((row) => {
            const value = segmentKey(row);
            const time = segmentTimes.get(value);
            const [reachedHere, endedHere] = [list(row.__j_reached), list(row.__j_ended)];
            return {
              value,
              cases: num(row.__j_cases),
              converted: num(row.__j_converted),
              fit: num(row.__j_fit),
              steps: plan.stepIds.map((_, i) => ({ reached: num(reachedHere[i] ?? 0), endedHere: num(endedHere[i] ?? 0) })),
              timeToGoal: time === undefined || num(time.__j_n) === 0 ? null : { medianSeconds: num(time.__j_median), p90Seconds: num(time.__j_p90) },
            };
          }),
        }),
    variants: perPath.data.slice(0, plan.top).map((row) => ({ path: list(row.__j_path).map(num), cases: num(row.__j_cases) })),
    unmappedActivities: unmapped.map((row) => ({ activity: String(row.__j_activity), count: num(row.__j_n) })),
    stepIdsSeen: list(totals.__j_seen)
      .map(num)
      .sort((a, b) => a - b),
  };
}

/** A whole number of our own (a plan's times) for the SQL text. */
function whole(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${n}`);
  return String(n);
}

/**
 * `--since` / `--until` as a HAVING on a case's first element (none without them). A case past
 * the events-per-case limit is kept whatever its time, so that the limit's check still sees it.
 */
function started(plan: AnalysisPlan, maxCaseEvents: number): string {
  const conditions = [
    ...(plan.since === undefined ? [] : [`__j_whole_times[1] >= ${whole(plan.since)}`]),
    ...(plan.until === undefined ? [] : [`__j_whole_times[1] < ${whole(plan.until)}`]),
  ];
  return conditions.length === 0 ? "" : ` HAVING __j_event_count > ${whole(maxCaseEvents)} OR (${conditions.join(" AND ")})`;
}
