/**
 * The contract between `journey analyze` and its engines (one module per engine under
 * `src/analyze/engines/`). The journey side is reduced to step indexes (file order) before it
 * reaches an engine, so SQL works on small integers; the only user text an engine handles is
 * activity names and column/table identifiers, which go in as bound parameters (DuckDB) or
 * through the one escaping function (ClickHouse), and identifiers only after validation.
 * Definitions of every figure: docs/analyze.md (the contract is the analyze spec).
 */
import type { AnalyzeLimits } from "./limits.js";

/** The journey as an engine needs it. Index `i` is `journey.steps[i]` (file order). */
export interface AnalysisPlan {
  journeyId: string;
  /** Step ids by index, in file order. */
  stepIds: readonly string[];
  /**
   * Activity name -> step index: every step's own id and every name in its `events:`.
   * One activity maps to at most one step (`duplicate-event-mapping` guarantees it).
   */
  activities: ReadonlyMap<string, number>;
  /** Flow-graph edges [from, to] (step indexes), each once. */
  edges: readonly (readonly [number, number])[];
  /** Entry step indexes. */
  entries: readonly number[];
  /** Goal step indexes. */
  goals: readonly number[];
  /** Bound on variants and unmapped activities returned (`--top`, default 10). */
  top: number;
  /** Memory of the process and events per case (`analyze/limits.ts`); the defaults when absent. */
  limits?: AnalyzeLimits;
  /** `--window`, milliseconds: each path keeps the elements at most this long after its first element. */
  windowMs?: number;
  /** `--since` / `--until`, epoch milliseconds: only cases whose path's first element is at or after `since` and before `until`. */
  since?: number;
  until?: number;
  /** `--every`: the engine also returns `startDays` (the trend is bucketed from them by `result.ts`). */
  every?: TrendUnit;
  /**
   * `--by`: a column of the log (a text column of the table for ClickHouse). A case's segment is
   * its value on the path's first element's first event (docs/analyze.md, "Segments"); the engine
   * also returns `segments`.
   */
  by?: string;
}

export type TrendUnit = "day" | "week" | "month";

/** Names of the three columns in the log (flags, config `analyze.columns`, or defaults). */
export interface ColumnNames {
  caseId: string;
  activity: string;
  timestamp: string;
}

export type LogFormat = "csv" | "tsv" | "jsonl" | "parquet" | "xes";

/** A local log file that `journey` has already checked is a regular file. */
export interface LogFile {
  path: string;
  /** For a file journey wrote from a log (an XES log as JSON Lines): the log's path, which messages name. */
  origin?: string;
  format: LogFormat;
  gzip: boolean;
}

/** How log files are read (`--delimiter`, `--timestamp-format`, `--lifecycle` and their config keys); docs/analyze.md. */
export interface ReadOptions {
  /** The CSV delimiter, forced; absent: detected from each CSV's header (`.tsv` is always tab). */
  delimiter?: string;
  /** strftime codes (`timestamps.ts`, `TIMESTAMP_FORMAT_CODES`) for text timestamps; absent: ISO 8601 or epoch milliseconds. */
  timestampFormat?: string;
  /** XES: `complete` (default) keeps events whose `lifecycle:transition` is complete or absent; `all` keeps every event. */
  lifecycle?: "complete" | "all";
}

export type EventSource =
  | { kind: "files"; files: readonly LogFile[]; reading?: ReadOptions }
  | { kind: "clickhouse"; url: string; database?: string; table: string; user?: string; password?: string };

/**
 * What an engine computes; `src/analyze/result.ts` turns it into the spec's JSON. All counts are
 * exact integers; lists that are bounded by `top` are already ordered as the spec says.
 */
export interface EngineFigures {
  /** `lifecycleDropped`: XES events left out by the lifecycle filter (not rows: in no other count); only when an XES log was read. */
  events: { read: number; mapped: number; unmapped: number; skipped: number; lifecycleDropped?: number };
  /** Earliest and latest timestamp of the rows not skipped, epoch milliseconds (floored); null when none. */
  period: { from: number; to: number } | null;
  /** Cases with at least one mapped event (within `since`/`until` when given). */
  cases: number;
  /** Cases whose path contains a goal step. */
  converted: number;
  /** Cases whose path starts at an entry step and whose every transition is a flow-graph edge. */
  fit: number;
  /** By step index: cases whose path contains the step, and cases whose path ends there. */
  steps: readonly { reached: number; endedHere: number }[];
  /**
   * Step indexes one of whose activities occurs in a row not skipped, on the whole log (ascending):
   * the measured steps, whatever `windowMs`, `since` and `until` cut.
   */
  measuredSteps: readonly number[];
  /**
   * Every observed transition once (any order): occurrences, and the lower median and the
   * nearest-rank 90th percentile of time(b) - time(a), in whole seconds rounded down.
   */
  transitions: readonly { from: number; to: number; count: number; medianSeconds: number; p90Seconds: number }[];
  /** Over converted cases: lower median and nearest-rank p90 of the seconds from the path's first element to its first goal element; null when none converts. */
  timeToGoal: { medianSeconds: number; p90Seconds: number } | null;
  /** On the whole log: cases with mapped events of different steps at one instant, and the mapped events in such same-instant groups. */
  ties: { cases: number; events: number };
  /**
   * With `plan.every`: the kept cases by the UTC day (days since 1970-01-01, negative before) of
   * their path's first element, any order, only days with cases: cases, converted and fit among them.
   */
  startDays?: readonly { day: number; cases: number; converted: number; fit: number }[];
  /** With `plan.by`: the kept cases by segment, any order, only segments with cases (`segments.ts` orders them and sums "other"). */
  segments?: readonly EngineSegment[];
  /** Top `plan.top` distinct paths, most cases first, ties by the step ids joined with a space (code-point order). */
  variants: readonly { path: readonly number[]; cases: number }[];
  /** Top `plan.top` unmapped activities (not skipped), most rows first, ties by name (code-point order). */
  unmappedActivities: readonly { activity: string; count: number }[];
  /** Step indexes whose own id occurs as an activity of a mapped row (for `--write`: instrumented steps). */
  stepIdsSeen: readonly number[];
  /** When rows were skipped and the engine can tell why (DuckDB): the reasons, for stylish and for the error of a log with no readable row. Not in the JSON. */
  skippedReasons?: SkippedReasons;
}

/**
 * The figures of one `--by` segment: its value (null for the missing value: no value, NULL or an
 * empty text), its cases, converted and fit among them, reached and ended here by step index, and
 * its time to goal (null when none of its cases converts).
 */
export interface EngineSegment {
  value: string | null;
  cases: number;
  converted: number;
  fit: number;
  steps: readonly { reached: number; endedHere: number }[];
  timeToGoal: { medianSeconds: number; p90Seconds: number } | null;
}

/**
 * Why rows were skipped, each row counted once, in this order: a CSV line that could not be split
 * into the header's fields, no case id, no activity, no readable time. With the first unreadable
 * time as written and where it is (`file:line`, the first line holding it), when it can be found.
 */
export interface SkippedReasons {
  malformedLines: number;
  noCaseId: number;
  noActivity: number;
  unreadableTime: number;
  firstUnreadable?: { value: string; where?: string };
}

export interface AnalysisEngine {
  readonly name: "duckdb" | "clickhouse";
  /** Computes the figures; throws `AnalyzeError` for what the user must fix (missing column, unreachable server, ...). */
  analyze(plan: AnalysisPlan, columns: ColumnNames, source: EventSource, progress?: (message: string) => void): Promise<EngineFigures>;
  /**
   * Stops the running query at once (SIGINT, SIGTERM): the pending `analyze` then rejects, and
   * `close` still runs. Resolves when the engine has stopped it or given up trying.
   */
  interrupt(): Promise<void>;
  close(): Promise<void>;
}

/** A problem the user must fix (exit 2, message only, no stack trace). */
export class AnalyzeError extends Error {
  override name = "AnalyzeError";
}

/** One `--by` segment of an analysis: the cases whose first mapped event carries `value`. */
export interface AnalysisSegment {
  value: string | null;
  cases: number;
  conversion: number;
  fitness: number;
  /** Every step in file order; null where the step is not measured on the whole log, 0 where measured but no case of the segment reached it. */
  steps: { id: string; reached: number | null; ended_here: number | null }[];
  time_to_goal: { median_seconds: number; p90_seconds: number } | null;
}

/** The result as `journey analyze --format json` prints it (the spec's JSON shape, field for field). */
export interface AnalysisResult {
  journey: string;
  engine: "duckdb" | "clickhouse";
  /** `lifecycle_dropped`: present only when an XES log was read (events the lifecycle filter left out; no other count includes them). */
  events: { read: number; mapped: number; unmapped: number; skipped: number; lifecycle_dropped?: number };
  /** `YYYY-MM-DDTHH:MM:SSZ`, with `.sss` only when the milliseconds are not zero; null when no row was read. */
  period: { from: string; to: string } | null;
  cases: number;
  conversion: number;
  fitness: number;
  /**
   * Every step of the journey in file order. `reached` and `ended_here` are null for a step that
   * is not measured (none of its activities occurs in the log); 0 would mean "measured, nobody".
   */
  steps: { id: string; reached: number | null; ended_here: number | null }[];
  /**
   * Every observed transition, ordered by `from`, then `to` (code-point order). `p90_seconds`,
   * `time_to_goal` and `ties` are always written; analyses of journey versions before them (read
   * by `render --analysis`) lack them, hence optional here.
   */
  transitions: { from: string; to: string; count: number; in_map: boolean; median_seconds: number; p90_seconds?: number }[];
  /** Seconds from a converted case's first element to its first goal element: lower median and nearest-rank p90; null when no case converts. */
  time_to_goal?: { median_seconds: number; p90_seconds: number } | null;
  /** Cases with mapped events of different steps at the same instant (ordered in the map's favour), and the mapped events in such groups. */
  ties?: { cases: number; events: number };
  /**
   * `--every day|week|month`, when given: every bucket (UTC; weeks from Monday) from the first
   * kept case's to the last's, in order; `from` is the bucket's start. Empty buckets have
   * `cases: 0` and null conversion and fitness.
   */
  trend?: { from: string; cases: number; conversion: number | null; fitness: number | null }[];
  /**
   * `--by <column>`, when given: the column, and one entry per value of it on the case's first
   * mapped event, ordered by `cases` descending, then value by code point; the missing value
   * (`null`) last. Every segment is listed (the human formats show at most `top`, the rest summed
   * as "other"); the top-level figures stay those of all cases.
   */
  by?: string;
  segments?: AnalysisSegment[];
  /** `--window`, in seconds, when given: every path figure is on paths cut that long after their first element. */
  window_seconds?: number;
  /** `--since` / `--until`, when given: only cases whose path starts at or after `since` and before `until`. */
  started?: { since: string | null; until: string | null };
  /** Transitions not in the map, most frequent first (ties by from, then to); at most `top`. */
  deviations: { from: string; to: string; count: number }[];
  /** At most `top`. */
  variants: { path: string[]; cases: number }[];
  /** At most `top`. */
  unmapped_activities: { activity: string; count: number }[];
}
