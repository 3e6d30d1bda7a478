import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadOptional } from "../../util/optional-package.js";
import { caseEventsMessage, DEFAULT_LIMITS, duckDbShare, memoryLimitMessage, type AnalyzeLimits } from "../limits.js";
import { EPOCH_MILLIS_PATTERN, FIRST_MS, ISO_8601_PATTERN, LAST_MS } from "../timestamps.js";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { columnCandidates, delimiterAdvice, missingByColumnMessage, missingColumnMessage } from "../columns.js";
import { detectDelimiter, firstLineHolding, notUtf8Message, readHeaderLine, shownPath } from "../log-files.js";
import { convertXes } from "../xes.js";
import { compareCodePoints } from "../../util/code-point-order.js";
import {
  AnalyzeError,
  type AnalysisEngine,
  type AnalysisPlan,
  type ColumnNames,
  type EngineFigures,
  type EngineSegment,
  type LogFile,
  type ReadOptions,
  type SkippedReasons,
} from "../types.js";

type DuckDBModule = typeof import("@duckdb/node-api");

/**
 * The embedded engine: DuckDB in this process reads the log files itself and only aggregates
 * come back. The database is in memory, may read only the files journey checked
 * (`allowed_paths` with external access off), never installs or loads extensions, and its
 * configuration is locked before any user value reaches it. File paths and activity names go in
 * as bound parameters or through an appender; column names only after they were found among
 * the file's own columns, and quoted.
 */
export function createDuckDbEngine(): AnalysisEngine {
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let temporary: string | undefined;
  let interrupted = false;
  const stopConverting = new AbortController();
  return {
    name: "duckdb",
    async analyze(plan, columns, source, progress) {
      if (source.kind !== "files") throw new AnalyzeError("the duckdb engine reads log files (--events); use --engine clickhouse for a ClickHouse table");
      const duckdb = loadOptional<DuckDBModule>("@duckdb/node-api", "`journey analyze --engine duckdb` (the default engine)");
      const limits = plan.limits ?? DEFAULT_LIMITS;
      // Bounded: DuckDB's share of the memory limit, at most 4 threads (each holds buffers of its
      // own), and spilling only into a fresh folder of the OS's temporary folder, at most twice
      // the limit, removed by close().
      temporary = mkdtempSync(join(tmpdir(), "journey-duckdb-"));
      instance = await duckdb.DuckDBInstance.create(":memory:", {
        autoinstall_known_extensions: "false",
        autoload_known_extensions: "false",
        memory_limit: `${duckDbShare(limits.memoryBytes)}B`,
        threads: String(Math.min(4, availableParallelism())),
        temp_directory: temporary,
        max_temp_directory_size: `${limits.memoryBytes * 2}B`,
      });
      connection = await instance.connect();
      try {
        // XES logs become JSON Lines in the same temporary folder first (removed by close()).
        const reading = source.reading ?? {};
        const files: LogFile[] = [];
        let lifecycleDropped: number | undefined;
        for (const [i, file] of source.files.entries()) {
          if (file.format !== "xes") {
            files.push(file);
            continue;
          }
          progress?.(`reading the XES log ${shown(file.path)}`);
          const out = join(temporary, `xes-${i + 1}.jsonl`);
          const converted = await convertXes(file, shown(file.path), out, reading.lifecycle ?? "complete", stopConverting.signal);
          lifecycleDropped = (lifecycleDropped ?? 0) + converted.lifecycleDropped;
          files.push({ path: out, format: "jsonl", gzip: false, origin: file.path });
        }
        const figures = await analyzeFiles(duckdb, connection, plan, limits, columns, files, reading, progress ?? (() => {}));
        if (lifecycleDropped !== undefined) figures.events.lifecycleDropped = lifecycleDropped;
        return figures;
      } catch (error) {
        if (interrupted) throw new AnalyzeError("the analysis was interrupted");
        if (error instanceof AnalyzeError) throw error;
        if (/^Out of Memory Error/i.test(firstLine(error))) throw new AnalyzeError(memoryLimitMessage(limits));
        const encoding = /^Invalid Input Error: Malformed JSON in file "(.*)", at byte \d+ in line (\d+): invalid UTF-8/.exec(firstLine(error));
        // (DuckDB counts that line from 2: a one-line file's bad byte is "in line 2".)
        if (encoding) throw new AnalyzeError(notUtf8Message(shown(encoding[1]), Math.max(1, Number(encoding[2]) - 1)));
        // Past the checks, what DuckDB refuses is the content of a log (a malformed CSV line, a
        // broken gzip stream): the user's to fix, with DuckDB's own words.
        throw new AnalyzeError(`the event log could not be read: ${firstLine(error)}`);
      }
    },
    interrupt() {
      interrupted = true;
      stopConverting.abort();
      connection?.interrupt();
      return Promise.resolve();
    },
    close() {
      connection?.closeSync();
      instance?.closeSync();
      connection = instance = undefined;
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
      temporary = undefined;
      return Promise.resolve();
    },
  };
}

/** Where DuckDB keeps the lines of CSV file `n` that it could not read (a temporary table). */
const rejectsTable = (n: number) => `csv_rejects_${n}`;

/** A SQL identifier, quoted; only ever applied to a column name the file was found to have. */
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function analyzeFiles(
  duckdb: DuckDBModule,
  db: DuckDBConnection,
  plan: AnalysisPlan,
  limits: AnalyzeLimits,
  names: ColumnNames,
  files: readonly LogFile[],
  reading: ReadOptions,
  progress: (message: string) => void,
): Promise<EngineFigures> {
  const paths = files.map((f) => f.path);
  await db.run("SET TimeZone = 'UTC'");
  await db.run("SET preserve_insertion_order = false");
  await db.run("SET allowed_paths = $1", [duckdb.listValue(paths)]);
  await db.run("SET enable_external_access = false");
  await db.run("SET lock_configuration = true");

  // Activity -> step index, as a tiny table: the join maps the whole log in one pass.
  await db.run("CREATE TABLE activity_map (activity VARCHAR, step INTEGER, is_id BOOLEAN)");
  const appender = await db.createAppender("activity_map");
  for (const [activity, step] of plan.activities) {
    appender.appendVarchar(activity);
    appender.appendInteger(step);
    appender.appendBoolean(plan.stepIds[step] === activity);
    appender.endRow();
  }
  appender.closeSync();

  progress(`reading ${files.length} log file${files.length === 1 ? "" : "s"}`);
  const reads = await Promise.all(files.map((file, i) => readerFor(db, file, i + 1, names, reading, plan.by)));
  // (case_id VARCHAR, activity VARCHAR, ts BIGINT epoch ms, NULL when unreadable, and with --by
  // seg VARCHAR): every file alike.
  const bySegment = plan.by !== undefined;
  const events = `SELECT case_id, activity, CASE WHEN ts BETWEEN ${FIRST_MS} AND ${LAST_MS} THEN ts END AS ts${bySegment ? ", seg" : ""} FROM (${reads.join("\nUNION ALL\n")})`;
  const skipped = "(case_id IS NULL OR case_id = '' OR activity IS NULL OR activity = '' OR ts IS NULL)";
  // The same rows with the time as written, read again only when rows were skipped, to say why.
  const diagnosed = `SELECT case_id, activity, CASE WHEN ts BETWEEN ${FIRST_MS} AND ${LAST_MS} THEN ts END AS ts, raw_ts FROM (${reads.join("\nUNION ALL\n")})`;

  // Each mapped event becomes one integer key, (time - year 1) * steps + step index, never
  // negative: sorting a case's keys orders its events by time and, on equal times, by the step's
  // position in the file, without sorting the log as a whole. Times lie in the years 1 to 9999, so
  // the keys of up to 29,000 steps fit a BIGINT; larger journeys take HUGEINT keys (slower, same
  // result).
  const stepCount = plan.stepIds.length;
  const keyType = (LAST_MS - FIRST_MS + 1) * stepCount < 2 ** 63 ? "BIGINT" : "HUGEINT";
  const key = `(ts::${keyType} - (${FIRST_MS})) * ${stepCount} + step`;
  // --by: the value on the case's first event (smallest key); among events of that key the
  // smallest value by code point, the missing value only when all of them lack one.
  const first = (filter = "") => (bySegment ? `, min({'k': ${key}, 'm': seg IS NULL OR seg = '', 'v': coalesce(seg, '')})${filter} AS first` : "");
  // Every row grouped per activity (for every count), and the mapped rows grouped per case, each
  // case's keys collected in one list. Parquet is read twice, once for each: a columnar scan costs
  // less than carrying the unmapped and skipped rows through the per-case grouping. A text log
  // (CSV, JSON Lines) is parsed once, grouped both ways at once (GROUPING SETS).
  const mappedJoin = "JOIN activity_map m ON e.activity = m.activity";
  if (files.every((file) => file.format === "parquet")) {
    await db.run(
      `CREATE TABLE activities AS SELECT CASE WHEN skipped THEN NULL ELSE activity END AS activity, skipped, count(*) AS n, min(ts) AS lo, max(ts) AS hi
       FROM (SELECT *, ${skipped} AS skipped FROM (${events})) GROUP BY ALL`,
      paths,
    );
    await db.run(
      `CREATE TABLE cases AS SELECT list(${key}) AS keys${first()}
       FROM (SELECT * FROM (${events}) WHERE NOT ${skipped}) e ${mappedJoin} GROUP BY case_id`,
      paths,
    );
  } else {
    await db.run(
      `CREATE TABLE grouped AS
       SELECT grouping(case_id) = 1 AS per_activity, activity, skipped, count(*) AS n, min(ts) AS lo, max(ts) AS hi,
              list(${key}) FILTER (step IS NOT NULL AND NOT skipped) AS keys${first(" FILTER (step IS NOT NULL AND NOT skipped)")}
       FROM (SELECT e.*, m.step FROM (SELECT *, ${skipped} AS skipped FROM (${events})) e LEFT ${mappedJoin})
       GROUP BY GROUPING SETS ((activity, skipped), (case_id, skipped))`,
      paths,
    );
    await db.run(
      "CREATE TABLE activities AS SELECT CASE WHEN skipped THEN NULL ELSE activity END AS activity, skipped, sum(n) AS n, min(lo) AS lo, max(hi) AS hi FROM grouped WHERE per_activity GROUP BY ALL",
    );
    await db.run(`CREATE TABLE cases AS SELECT keys${bySegment ? ", first" : ""} FROM grouped WHERE NOT per_activity AND NOT skipped AND len(keys) > 0`);
    await db.run("DROP TABLE grouped");
  }
  // A case's events are one list: past the limit, stop before sorting and walking it.
  const [[longest]] = await rows(db, "SELECT coalesce(max(len(keys)), 0) FROM cases");
  if (Number(longest) > limits.maxCaseEvents) throw new AnalyzeError(caseEventsMessage(limits, Number(longest)));
  const [totals] = await rows(
    db,
    `SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (skipped), 0), coalesce(sum(n) FILTER (m.step IS NOT NULL), 0), min(lo) FILTER (NOT skipped), max(hi) FILTER (NOT skipped)
     FROM activities a LEFT JOIN activity_map m ON NOT a.skipped AND a.activity = m.activity`,
  );
  // CSV lines DuckDB could not split into the header's fields are rows read and skipped.
  let rejected = 0;
  for (const [i, file] of files.entries()) {
    if (file.format !== "csv" && file.format !== "tsv") continue;
    const [[count, badEncoding]] = await rows(db, `SELECT count(*), min(line) FILTER (error_type = 'INVALID ENCODING') FROM ${rejectsTable(i + 1)}`);
    // Past the part journey checked itself (log-files.ts): a line that is not UTF-8 is a wrong encoding, not a bad row.
    if (badEncoding !== null) throw new AnalyzeError(notUtf8Message(shown(file.path), Number(badEncoding)));
    rejected += Number(count);
  }
  const [read, skippedRows, mapped] = [Number(totals[0]) + rejected, Number(totals[1]) + rejected, Number(totals[2])];
  const unmappedActivities = (
    await rows(
      db,
      `SELECT activity, n FROM activities a WHERE NOT skipped AND NOT EXISTS (SELECT 1 FROM activity_map m WHERE m.activity = a.activity)
       ORDER BY n DESC, activity LIMIT ${plan.top}`,
    )
  ).map(([activity, count]) => ({ activity: String(activity), count: Number(count) }));
  const stepIdsSeen = (
    await rows(db, "SELECT DISTINCT m.step FROM activities a JOIN activity_map m ON NOT a.skipped AND a.activity = m.activity AND m.is_id ORDER BY 1")
  ).map(([step]) => Number(step));
  // Measured steps are decided on the whole log, before any window or period.
  const measuredSteps = (
    await rows(db, "SELECT DISTINCT m.step FROM activities a JOIN activity_map m ON NOT a.skipped AND a.activity = m.activity ORDER BY 1")
  ).map(([step]) => Number(step));
  const figures: EngineFigures = {
    events: { read, mapped, unmapped: read - skippedRows - mapped, skipped: skippedRows },
    period: totals[3] === null ? null : { from: Number(totals[3]), to: Number(totals[4]) },
    cases: 0,
    converted: 0,
    fit: 0,
    steps: plan.stepIds.map(() => ({ reached: 0, endedHere: 0 })),
    measuredSteps,
    transitions: [],
    timeToGoal: null,
    ties: { cases: 0, events: 0 },
    ...(plan.every !== undefined ? { startDays: [] } : {}),
    ...(bySegment ? { segments: [] } : {}),
    variants: [],
    unmappedActivities,
    stepIdsSeen,
  };
  if (skippedRows > 0) figures.skippedReasons = await skippedReasons(db, diagnosed, paths, rejected, files);
  if (mapped === 0) return figures;

  progress("building the paths of every case");
  // Each case's keys sorted once (time, then step), and each key paired with the next (pairs of
  // list elements, not lambdas looking up a neighbour by index: those copy the list per element).
  // Ties, on the whole log: a case has one when two neighbours share an instant (key // steps)
  // but not a key, so not a step; its keys are kept for counting the tied events below.
  // Consecutive events of one step are one element, timed by its first event.
  // --by: with its segment (NULL for the missing value).
  const segment = bySegment ? ", CASE WHEN first.m THEN NULL ELSE first.v END AS segment" : "";
  const carried = bySegment ? ", segment" : "";
  await db.run(
    `CREATE TABLE merged AS
     SELECT CASE WHEN list_bool_or(list_transform(pairs, p -> p[1] // ${stepCount} = p[2] // ${stepCount} AND p[1] <> p[2])) THEN keys END AS tied,
            list_prepend(keys[1], list_transform(list_filter(pairs, p -> p[1] % ${stepCount} <> p[2] % ${stepCount}), p -> p[2])) AS keys${carried}
     FROM (SELECT keys, list_zip(keys[:-2], keys[2:]) AS pairs${carried} FROM (SELECT list_sort(keys) AS keys${segment} FROM cases))`,
  );
  await db.run("DROP TABLE cases");

  // The tied cases' events grouped by instant, a group holding two steps or more when its
  // smallest and largest step differ.
  const [ties] = await rows(
    db,
    `WITH tied AS (SELECT row_number() OVER () AS c, tied AS keys FROM merged WHERE tied IS NOT NULL)
     SELECT (SELECT count(*) FROM tied), (SELECT coalesce(sum(cnt), 0) FROM (
       SELECT c, k // ${stepCount} AS t, count(*) AS cnt, min(k % ${stepCount}) <> max(k % ${stepCount}) AS tie
       FROM (SELECT c, unnest(keys) AS k FROM tied)
       GROUP BY c, t) WHERE tie)`,
  );
  figures.ties = { cases: Number(ties[0]), events: Number(ties[1]) };

  await db.run(
    `CREATE TABLE paths AS
     WITH whole AS (SELECT list_transform(keys, k -> (k % ${stepCount})::INTEGER) AS path, list_transform(keys, k -> (k // ${stepCount})::BIGINT) AS times${carried} FROM merged),
     -- --since/--until keep the cases whose path starts in the period; --window cuts each path
     -- after the last element at most the window after its first (times are ascending).
     started AS (SELECT * FROM whole WHERE ${started(plan)})
     ${
       plan.windowMs === undefined
         ? "SELECT * FROM started"
         : `SELECT path[1:cut] AS path, times[1:cut] AS times${carried} FROM (SELECT *, len(list_filter(times, x -> x <= times[1] + ${whole(plan.windowMs)})) AS cut FROM started)`
     }`,
  );
  await db.run("DROP TABLE merged");

  progress("measuring");
  // Lists of our own integers (step indexes, edge codes) written into the SQL text.
  const ints = (list: readonly number[], type = "INTEGER") => `[${list.map((n) => String(Math.trunc(n))).join(", ")}]::${type}[]`;
  const edgeCodes = ints(
    plan.edges.map(([from, to]) => from * stepCount + to),
    "BIGINT",
  );
  const converts = `list_has_any(path, ${ints(plan.goals)})`;
  const fits = `list_contains(${ints(plan.entries)}, path[1]) AND list_has_all(${edgeCodes}, list_transform(path[:-2], (s, i) -> s::BIGINT * ${stepCount} + path[i + 1]))`;
  // With --by every count is taken per segment in the same pass, and the whole log's is their sum.
  const [segmentColumn, perSegment] = bySegment ? ["segment", "GROUP BY segment"] : ["NULL", ""];
  const segments = new Map<string | null, EngineSegment & { steps: { reached: number; endedHere: number }[] }>();
  const segmentOf = (value: unknown): EngineSegment & { steps: { reached: number; endedHere: number }[] } => {
    const key = value === null ? null : typeof value === "string" ? value : JSON.stringify(value);
    let found = segments.get(key);
    if (!found)
      segments.set(
        key,
        (found = { value: key, cases: 0, converted: 0, fit: 0, steps: plan.stepIds.map(() => ({ reached: 0, endedHere: 0 })), timeToGoal: null }),
      );
    return found;
  };
  // The cases by distinct path (and segment, and start day): the figures that depend on the path
  // alone are computed once per distinct path, weighted by its cases, not once per case.
  const day = `times[1] // 86400000 - ${-FIRST_MS / 86_400_000}`;
  await db.run(
    `CREATE TABLE variants AS SELECT path${bySegment ? ", segment" : ""}${plan.every !== undefined ? `, ${day} AS day` : ""}, count(*) AS n FROM paths GROUP BY ALL`,
  );
  for (const [value, cases, converted, fit] of await rows(
    db,
    `SELECT ${segmentColumn}, coalesce(sum(n), 0), coalesce(sum(n) FILTER (${converts}), 0), coalesce(sum(n) FILTER (${fits}), 0) FROM variants ${perSegment}`,
  )) {
    figures.cases += Number(cases);
    figures.converted += Number(converted);
    figures.fit += Number(fit);
    if (bySegment) Object.assign(segmentOf(value), { cases: Number(cases), converted: Number(converted), fit: Number(fit) });
  }
  if (plan.every !== undefined) {
    // The UTC day of each path's first element: times count from the year 1, which is 719,162 days before 1970.
    figures.startDays = (
      await rows(db, `SELECT day, sum(n), coalesce(sum(n) FILTER (${converts}), 0), coalesce(sum(n) FILTER (${fits}), 0) FROM variants GROUP BY day`)
    ).map(([day, cases, converted, fit]) => ({ day: Number(day), cases: Number(cases), converted: Number(converted), fit: Number(fit) }));
  }
  for (const [value, step, count] of await rows(
    db,
    `SELECT ${segmentColumn}, s, sum(n) FROM (SELECT ${segmentColumn} AS segment, n, unnest(list_distinct(path)) AS s FROM variants) GROUP BY ALL`,
  )) {
    figures.steps[Number(step)].reached += Number(count);
    if (bySegment) segmentOf(value).steps[Number(step)].reached = Number(count);
  }
  for (const [value, step, count] of await rows(db, `SELECT ${segmentColumn}, path[-1], sum(n) FROM variants GROUP BY ALL`)) {
    figures.steps[Number(step)].endedHere += Number(count);
    if (bySegment) segmentOf(value).steps[Number(step)].endedHere = Number(count);
  }

  // The lower median is the value at position ceil(n / 2) of the sorted values, the p90 the one
  // at ceil(0.9 n): read from how many values each distinct value has (`count`), the first value
  // whose running count reaches the position, not from a sorted list of all of them. `groups`
  // are the columns a quantile is taken per.
  const quantiles = (counted: string, groups: string) => `
    SELECT ${groups}, total, min(value) FILTER (running >= (total + 1) // 2), min(value) FILTER (running >= (9 * total + 9) // 10) FROM (
      SELECT *, sum(count) OVER (PARTITION BY ${groups} ORDER BY value) AS running, sum(count) OVER (PARTITION BY ${groups}) AS total FROM (${counted}))
    GROUP BY ${groups}, total`;
  // Transitions: the durations of each pair of consecutive elements, in milliseconds floored to
  // seconds (flooring keeps the order, so the quantiles of the floored values are the floored
  // quantiles).
  figures.transitions = (
    await rows(
      db,
      quantiles(
        `SELECT f, t, (b - a) // 1000 AS value, count(*) AS count FROM (
           SELECT unnest(path[:-2]) AS f, unnest(path[2:]) AS t, unnest(times[:-2]) AS a, unnest(times[2:]) AS b FROM paths WHERE len(path) > 1)
         GROUP BY ALL`,
        "f, t",
      ),
    )
  ).map(([from, to, count, median, p90]) => ({
    from: Number(from),
    to: Number(to),
    count: Number(count),
    medianSeconds: Number(median),
    p90Seconds: Number(p90),
  }));

  // Time to goal: the first goal element's time minus the first element's, per converted case,
  // in whole seconds. The first goal element: the least of each goal's first position
  // (list_position is NULL for a goal the path lacks, and least skips NULLs).
  const firstGoal = plan.goals.length === 0 ? "NULL" : `least(${plan.goals.map((goal) => `list_position(path, ${whole(goal)})`).join(", ")})`;
  // With --by, per segment too (GROUPING SETS: the whole log's and each segment's in one pass).
  const toGoal = `SELECT ${bySegment ? "segment, " : ""}(times[${firstGoal}] - times[1]) // 1000 AS value FROM paths WHERE ${firstGoal} IS NOT NULL`;
  for (const [overall, value, n, median, p90] of await rows(
    db,
    quantiles(
      bySegment
        ? `SELECT grouping(segment) = 1 AS overall, segment, value, count(*) AS count FROM (${toGoal}) GROUP BY GROUPING SETS ((value), (segment, value))`
        : `SELECT TRUE AS overall, NULL AS segment, value, count(*) AS count FROM (${toGoal}) GROUP BY value`,
      "overall, segment",
    ),
  )) {
    if (Number(n) === 0) continue;
    const timeToGoal = { medianSeconds: Number(median), p90Seconds: Number(p90) };
    if (overall) figures.timeToGoal = timeToGoal;
    else segmentOf(value).timeToGoal = timeToGoal;
  }
  if (bySegment) figures.segments = [...segments.values()];

  // Ties between variants go by the step ids joined with a space. Ids are letters, digits and
  // hyphens (the schema's id rule), all above the space in code-point order, so that order is the
  // lexicographic order of the paths by each id's code-point rank: integers SQL can compare.
  const ranks = plan.stepIds.map((_, i) => i).sort((a, b) => compareCodePoints(plan.stepIds[a], plan.stepIds[b]) || a - b);
  const rankOf = new Array<number>(stepCount);
  ranks.forEach((step, rank) => (rankOf[step] = rank));
  figures.variants = (
    await rows(
      db,
      `SELECT path, sum(n) AS c FROM variants GROUP BY path ORDER BY c DESC, list_transform(path, s -> (${ints(rankOf)})[s + 1]) LIMIT ${plan.top}`,
    )
  ).map(([path, cases]) => ({ path: (path as unknown[]).map(Number), cases: Number(cases) }));
  return figures;
}

/** Why rows were skipped (`SkippedReasons`): one more pass over the logs, made only when some were. */
async function skippedReasons(
  db: DuckDBConnection,
  events: string,
  paths: string[],
  malformedLines: number,
  files: readonly LogFile[],
): Promise<SkippedReasons> {
  const noCase = "(case_id IS NULL OR case_id = '')";
  const noActivity = "(activity IS NULL OR activity = '')";
  const badTime = `NOT ${noCase} AND NOT ${noActivity} AND ts IS NULL`;
  const [[noCaseId, noActivityRows, unreadableTime]] = await rows(
    db,
    `SELECT count(*) FILTER (${noCase}), count(*) FILTER (NOT ${noCase} AND ${noActivity}), count(*) FILTER (${badTime}) FROM (${events})`,
    paths,
  );
  const reasons: SkippedReasons = { malformedLines, noCaseId: Number(noCaseId), noActivity: Number(noActivityRows), unreadableTime: Number(unreadableTime) };
  if (reasons.unreadableTime === 0) return reasons;
  // Some unreadable values (the scan order is not the file's), then the first line holding one of them.
  const values = (await rows(db, `SELECT DISTINCT raw_ts FROM (${events}) WHERE ${badTime} AND raw_ts <> '' LIMIT 100`, paths)).map(([v]) => String(v));
  if (values.length === 0) return reasons;
  reasons.firstUnreadable = (await firstLineHolding(files, values, process.cwd())) ?? { value: values[0] };
  return reasons;
}

/** A whole number of our own (a plan's times) for the SQL text. */
function whole(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${n}`);
  return String(n);
}

/**
 * The condition on a path's first time that `--since` and `--until` set (TRUE without them).
 * A path's times count from the year 1 (`FIRST_MS`), like the keys they come from.
 */
function started(plan: AnalysisPlan): string {
  const conditions = [
    ...(plan.since === undefined ? [] : [`times[1] >= ${whole(plan.since - FIRST_MS)}`]),
    ...(plan.until === undefined ? [] : [`times[1] < ${whole(plan.until - FIRST_MS)}`]),
  ];
  return conditions.length === 0 ? "TRUE" : conditions.join(" AND ");
}

async function rows(db: DuckDBConnection, sql: string, params?: string[]): Promise<unknown[][]> {
  return (await db.runAndReadAll(sql, params)).getRowsJS();
}

/**
 * The SELECT that reads one file as (case_id, activity, ts): the file's path is parameter `$n`;
 * its columns are looked up first so a missing one can be named, and so each timestamp type is
 * read the way it is stored.
 */
async function readerFor(db: DuckDBConnection, file: LogFile, n: number, names: ColumnNames, reading: ReadOptions, by?: string): Promise<string> {
  const compression = file.gzip ? "gzip" : "none";
  // A TSV is tab-separated; a CSV's delimiter is the forced one or the one its header shows.
  const wanted = (["caseId", "activity", "timestamp"] as const).flatMap((key) => columnCandidates(names, key));
  const delimiter = file.format === "tsv" ? "\t" : file.format === "csv" ? (reading.delimiter ?? detectDelimiter(await readHeaderLine(file), wanted)) : ",";
  const delim = delimiter === "\t" ? "\\t" : delimiter.replace(/'/g, "''");
  const from =
    file.format === "parquet"
      ? `read_parquet($${n})`
      : // Text columns as text: the timestamp rules below decide what a value means, not the sniffer.
        // A line with too many or too few fields is set aside in a rejects table and counted.
        `read_csv($${n}, header = true, all_varchar = true, delim = '${delim}', quote = '"', escape = '"', compression = '${compression}', store_rejects = true, rejects_table = '${rejectsTable(n)}', rejects_scan = 'reject_scans_${n}')`;
  let described: unknown[][];
  try {
    if (file.format === "jsonl") {
      // The keys of the first objects (a line that is an array, a string or a number is a row to
      // skip, not a reason to see the file as one column `json`); values are read as text below.
      const keys = new Map<string, string>();
      const objects = `SELECT json_keys(json) FROM read_ndjson_objects($1, compression = '${file.gzip ? "gzip" : "uncompressed"}') WHERE json_type(json) = 'OBJECT' LIMIT 1000`;
      for (const [names] of (await db.runAndReadAll(objects, [file.path])).getRowsJS()) for (const key of names as string[]) keys.set(key, "JSON");
      described = [...keys];
    } else described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${from.replace(`$${n}`, "$1")}`, [file.path])).getRowsJS();
  } catch (error) {
    // A header of one column holding another delimiter (a semicolon log read with `,`): DuckDB's
    // sniffer fails on its quoted fields; the advice is --delimiter.
    const advice = file.format === "csv" || file.format === "tsv" ? delimiterAdvice(shown(file.path), delimiter, await readHeaderLine(file)) : undefined;
    if (advice !== undefined) throw new AnalyzeError(advice);
    throw new AnalyzeError(
      `${shown(file.origin ?? file.path)} cannot be read as ${file.format.toUpperCase()}${file.gzip ? " (gzip)" : ""}: ${firstLine(error)}`,
    );
  }
  const types = new Map(described.map(([name, type]) => [String(name), String(type)]));
  const pick = (key: keyof ColumnNames): string => {
    const found = columnCandidates(names, key).find((c) => types.has(c));
    if (found !== undefined) return found;
    throw new AnalyzeError(missingColumnMessage(shown(file.origin ?? file.path), names, key, [...types.keys()], delimiter));
  };
  const caseId = pick("caseId");
  const activity = pick("activity");
  const timestamp = pick("timestamp");
  if (by !== undefined && !types.has(by)) throw new AnalyzeError(missingByColumnMessage(shown(file.origin ?? file.path), by, [...types.keys()]));
  if (file.format === "jsonl") {
    // DuckDB types JSON fields from a sample of the file and fails on a later value of another
    // type; a bad row must be counted, not fatal. So each line is read as JSON text and the three
    // fields extracted as text (JSON pointers, one parse per line), then read like a CSV's.
    const pointer = (column: string) => `'/${column.replace(/~/g, "~0").replace(/\//g, "~1").replace(/'/g, "''")}'`;
    const fields = `json_extract_string(json, [${[caseId, activity, timestamp, ...(by === undefined ? [] : [by])].map(pointer).join(", ")}])`;
    const lines = `(SELECT f[1] AS c, f[2] AS a, f[3] AS t${by === undefined ? "" : ", f[4] AS s"} FROM (SELECT ${fields} AS f FROM read_ndjson_objects($${n}, compression = '${file.gzip ? "gzip" : "uncompressed"}')))`;
    return `SELECT c AS case_id, a AS activity, ${asEpochMs("t", "VARCHAR", reading.timestampFormat)} AS ts, t AS raw_ts${by === undefined ? "" : ", s AS seg"} FROM ${lines}`;
  }
  return `SELECT ${asText(caseId)} AS case_id, ${asText(activity)} AS activity, ${asEpochMs(timestamp, types.get(timestamp)!, reading.timestampFormat)} AS ts, ${asText(timestamp)} AS raw_ts${by === undefined ? "" : `, ${asText(by)} AS seg`} FROM ${from}`;
}

const asText = (column: string) => `CAST(${quote(column)} AS VARCHAR)`;

/**
 * Epoch milliseconds, NULL when the value cannot be read (the caller also drops times outside
 * the years 1 to 9999). Native timestamps as they are (without
 * a zone: UTC, the session's zone); integers are epoch milliseconds; text is ISO 8601 (without a
 * zone: UTC) or a whole number of epoch milliseconds.
 */
function asEpochMs(column: string, type: string, timestampFormat?: string): string {
  const c = quote(column);
  // A time with a zone is an instant already. One without is read as UTC, the session's zone:
  // the same instant as a cast to TIMESTAMPTZ would give, without the time-zone library's
  // conversion of every value (most of a Parquet log's reading time).
  if (/WITH TIME ZONE$/.test(type)) return `epoch_ms(${c})`;
  if (/^TIMESTAMP/.test(type) || type === "DATE") return `epoch_ms(CAST(${c} AS TIMESTAMP))`;
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(type)) return `TRY_CAST(${c} AS BIGINT)`;
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(type)) return `CASE WHEN ${c} = trunc(${c}) THEN TRY_CAST(${c} AS BIGINT) END`;
  const text = asText(column);
  if (timestampFormat !== undefined) {
    // `--timestamp-format` (checked: timestampFormatProblem), as a SQL string; strptime's %z does not take `Z`, which means +00:00.
    const format = `'${timestampFormat.replace(/'/g, "''")}'`;
    const value = timestampFormat.includes("%z") ? `regexp_replace(${text}, 'Z$', '+00:00')` : text;
    return `epoch_ms(CAST(try_strptime(${value}, ${format}) AS TIMESTAMPTZ))`;
  }
  // The same text as every engine reads (analyze/timestamps.ts): DuckDB's own cast accepts more.
  return `CASE WHEN regexp_full_match(${text}, '${ISO_8601_PATTERN}') THEN epoch_ms(TRY_CAST(${text} AS TIMESTAMPTZ)) WHEN regexp_full_match(${text}, '${EPOCH_MILLIS_PATTERN}') THEN CAST(${text} AS BIGINT) END`;
}

const shown = (path: string) => shownPath(path, process.cwd());

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
