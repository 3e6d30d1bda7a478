import { resolve } from "node:path";
import { resolveColumns } from "../../analyze/columns.js";
import type { ANALYZE_FORMAT_NAMES } from "../../analyze/formatters/names.js";
import { runAnalyze } from "../../analyze/run.js";
import type { EventSource, TrendUnit } from "../../analyze/types.js";
import { groupByConfig } from "../../config/resolve.js";
import type { ProjectConfig } from "../../config/types.js";
import { rulesMeta } from "../../lint/rules-meta.js";
import { parseInstant, parseWindow } from "../../analyze/scope.js";
import { DEFAULT_LIMITS, formatSize, MIN_MEMORY_LIMIT, parseSize, type AnalyzeLimits } from "../../analyze/limits.js";
import { EXIT, UsageError } from "../errors.js";
import { parseDelimiter } from "../../analyze/log-files.js";
import { timestampFormatProblem } from "../../analyze/timestamps.js";
import type { ReadOptions } from "../../analyze/types.js";
import { redactCredentials, urlCredentials } from "../../util/redact.js";
import { HOMEPAGE, RULE_DOCS_BASE, VERSION } from "../version.js";
import { resolveConfig } from "../project.js";
import { reportConfigProblems } from "../run-check.js";

export interface AnalyzeCommandOptions {
  events?: string[];
  engine: string;
  format: (typeof ANALYZE_FORMAT_NAMES)[number];
  outputFile?: string;
  top: string;
  caseColumn?: string;
  activityColumn?: string;
  timeColumn?: string;
  config?: string;
  color?: boolean;
  write?: boolean;
  url?: string;
  table?: string;
  database?: string;
  memoryLimit?: string;
  maxCaseEvents?: string;
  delimiter?: string;
  timestampFormat?: string;
  lifecycle?: string;
  window?: string;
  every?: TrendUnit;
  since?: string;
  until?: string;
  by?: string;
  verbose?: boolean;
}

/** `journey analyze <journey> --events <file|glob>...`: the options, checked; the work is `runAnalyze`. */
export async function runAnalyzeCommand(journeyPath: string, options: AnalyzeCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const top = Number(options.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top takes a whole number of 1 or more, not \`${options.top}\``);
  for (const [flag, value] of [
    ["--case-column", options.caseColumn],
    ["--activity-column", options.activityColumn],
    ["--time-column", options.timeColumn],
  ] as const) {
    if (value !== undefined && value.trim() === "") throw new UsageError(`${flag} takes a column name, not an empty text`);
  }
  if (options.by !== undefined && options.by.trim() === "") {
    throw new UsageError("--by takes a column name, not an empty text");
  }
  const scope = analysisScope(options);
  if (options.write && Object.keys(scope).length > 0) {
    throw new UsageError("--write records the whole log's figures in the journey; run it without --window, --since and --until");
  }
  const source = clickHouseSource(options);
  if (options.engine !== "clickhouse" && (options.url ?? options.table ?? options.database) !== undefined) {
    throw new UsageError("--url, --table and --database go with --engine clickhouse");
  }
  if (source && options.events?.some(isXes))
    throw new UsageError("XES logs are read by the duckdb engine only (--engine duckdb, the default); ClickHouse analyses a table (--table)");
  if (source && options.events?.length) throw new UsageError("--events is for log files; with --engine clickhouse the events are in --table");
  // The journey's own config, as lint finds it, or --config. (The working directory's config names
  // lint's `include`; analyze takes one named journey, so it has no use for it.)
  let fixed: ProjectConfig | undefined;
  if (options.config !== undefined) {
    const resolution = resolveConfig(cwd, options.config);
    if (resolution.problems) {
      await reportConfigProblems(resolution.problems, cwd, options);
      return EXIT.usage;
    }
    fixed = resolution.config;
  }
  const grouping = groupByConfig([resolve(cwd, journeyPath)], cwd, fixed);
  if (grouping.problems) {
    await reportConfigProblems(grouping.problems[0], cwd, options);
    return EXIT.usage;
  }
  const { config } = grouping.groups[0];
  const limits = analyzeLimits(options, config);
  const reading = readOptions(options, config);
  return runAnalyze({
    cwd,
    config,
    journeyPath,
    events: options.events ?? [],
    engine: options.engine,
    format: options.format,
    outputFile: options.outputFile,
    top,
    columns: resolveColumns({ caseId: options.caseColumn, activity: options.activityColumn, timestamp: options.timeColumn }, config.analyze.columns),
    color: options.color,
    write: options.write ?? false,
    source,
    limits,
    reading,
    ...scope,
    every: options.every,
    by: options.by,
    verbose: options.verbose ?? false,
    meta: { version: VERSION, homepage: HOMEPAGE, rulesMeta: rulesMeta(RULE_DOCS_BASE) },
  });
}

/** `--window`, `--since` and `--until`, checked: milliseconds. */
function analysisScope(options: AnalyzeCommandOptions): { windowMs?: number; since?: number; until?: number } {
  const scope: { windowMs?: number; since?: number; until?: number } = {};
  if (options.window !== undefined) {
    const ms = parseWindow(options.window);
    if (ms === undefined)
      throw new UsageError(`--window takes a duration such as 90s, 30m, 2h or 7d (a whole number of 1 or more, then s, m, h or d), not \`${options.window}\``);
    scope.windowMs = ms;
  }
  for (const key of ["since", "until"] as const) {
    const text = options[key];
    if (text === undefined) continue;
    const ms = parseInstant(text);
    if (ms === undefined) throw new UsageError(`--${key} takes an ISO 8601 time such as 2026-03-01 or 2026-03-01T09:00:00Z (no zone: UTC), not \`${text}\``);
    scope[key] = ms;
  }
  if (scope.since !== undefined && scope.until !== undefined && scope.until <= scope.since) {
    throw new UsageError(`--until (${options.until}) must be later than --since (${options.since}): no case could start in that period`);
  }
  return scope;
}

/** `--engine clickhouse`: the table named by the flags, credentials from the environment (never the command line). */
function clickHouseSource(options: AnalyzeCommandOptions): EventSource | undefined {
  if (options.engine !== "clickhouse") return undefined;
  if (!options.url || !options.table) throw new UsageError("--engine clickhouse needs --url (e.g. http://localhost:8123) and --table");
  const credentials = urlCredentials(options.url);
  if (credentials !== undefined) {
    throw new UsageError(
      `--url ${redactCredentials(options.url)} has ${credentials}; credentials on the command line are visible to other users (ps, shell history, CI logs): set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD instead`,
    );
  }
  const { CLICKHOUSE_USER: user, CLICKHOUSE_PASSWORD: password } = process.env;
  return { kind: "clickhouse", url: options.url, table: options.table, database: options.database, user: user || undefined, password: password || undefined };
}

/** `--memory-limit` and `--max-case-events`, else the config's `analyze.memory_limit` / `analyze.max_case_events`, else the defaults. */
function analyzeLimits(options: AnalyzeCommandOptions, config: ProjectConfig): AnalyzeLimits {
  const limits = { ...DEFAULT_LIMITS };
  const memory = options.memoryLimit ?? config.analyze.memoryLimit;
  if (memory !== undefined) {
    const where = options.memoryLimit !== undefined ? "--memory-limit" : `analyze.memory_limit in ${config.path ?? "the config"}`;
    const bytes = parseSize(memory);
    if (bytes === undefined) throw new UsageError(`${where} takes a size such as 512MB, 2GB or 1.5GiB, not \`${memory}\``);
    if (bytes < MIN_MEMORY_LIMIT) throw new UsageError(`${where} must be at least ${formatSize(MIN_MEMORY_LIMIT)}, not \`${memory}\``);
    limits.memoryBytes = bytes;
  }
  const events = options.maxCaseEvents ?? config.analyze.maxCaseEvents;
  if (events !== undefined) {
    const n = typeof events === "number" ? events : /^\s*\d+\s*$/.test(events) ? Number(events) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-case-events takes a whole number of 1 or more, not \`${events}\``);
    limits.maxCaseEvents = n;
  }
  return limits;
}

/** `--events foo.xes`, `.xes.gz`, or a glob naming such files (`logs/*.xes`). */
function isXes(given: string): boolean {
  return /\.xes(\.gz)?$/i.test(given);
}

/** `--delimiter`, `--timestamp-format` (else `analyze.delimiter`, `analyze.timestamp_format`) and `--lifecycle`, checked. */
function readOptions(options: AnalyzeCommandOptions, config: ProjectConfig): ReadOptions {
  const reading: ReadOptions = {};
  const where = (flag: string, key: string, fromFlag: boolean) => (fromFlag ? flag : `analyze.${key} in ${config.path ?? "the config"}`);
  const delimiter = options.delimiter ?? config.analyze.delimiter;
  if (delimiter !== undefined) {
    const parsed = parseDelimiter(delimiter);
    if (parsed === undefined)
      throw new UsageError(
        `${where("--delimiter", "delimiter", options.delimiter !== undefined)} takes one character such as ';' or '|', or tab; not a letter, digit, space, quote or backslash, and not \`${delimiter}\``,
      );
    reading.delimiter = parsed;
  }
  const format = options.timestampFormat ?? config.analyze.timestampFormat;
  if (format !== undefined) {
    const named = where("--timestamp-format", "timestamp_format", options.timestampFormat !== undefined);
    const problem = timestampFormatProblem(format);
    if (problem !== undefined) throw new UsageError(`${named} \`${format}\` cannot be used: ${problem}`);
    if (options.engine === "clickhouse")
      throw new UsageError(
        `${named} is for the duckdb engine: ClickHouse 18.16 has no function that reads a time by a format; store the times as DateTime, or as ISO 8601 text, in the table`,
      );
    reading.timestampFormat = format;
  }
  if (options.lifecycle !== undefined) reading.lifecycle = options.lifecycle === "all" ? "all" : "complete";
  return reading;
}
