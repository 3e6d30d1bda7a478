import { readRegularFile } from "../util/regular-file.js";
import type { Journey } from "../model/types.js";
import { AnalyzeError, type AnalysisResult } from "./types.js";

/** An analysis lists at most every transition and `--top` variants: 64 MB is far beyond any real one. */
const MAX_ANALYSIS_BYTES = 64 * 2 ** 20;

/**
 * Reads the JSON that `journey analyze --format json` printed, for `journey render --analysis`
 * and `render.analysis`. The file comes from outside (another machine, an old run, a hand edit),
 * so its shape is checked field by field and the first problem is named with its JSON path.
 * Throws an `AnalyzeError` whose message does not name the file: the caller does.
 */
export function readAnalysisFile(path: string): AnalysisResult {
  // A regular file of bounded size, as journeys are read (not /dev/zero, not a FIFO).
  const read = readRegularFile(path, MAX_ANALYSIS_BYTES);
  if (read.problem !== undefined)
    throw new AnalyzeError(read.tooLarge !== undefined ? `larger than ${MAX_ANALYSIS_BYTES / 2 ** 20} MB, which no analysis is` : read.problem);
  const text = read.bytes.toString("utf8");
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new AnalyzeError(`not JSON (${(error as Error).message}); give the output of \`journey analyze --format json\``);
  }
  const problem = shapeProblem(data) ?? consistencyProblem(data as AnalysisResult);
  if (problem) throw new AnalyzeError(`not the output of \`journey analyze --format json\`: ${problem}`);
  return data as AnalysisResult;
}

/** An analysis file to read: its path, and how messages name it. */
export interface AnalysisFile {
  /** Absolute path, or relative to the working directory. */
  path: string;
  /** The name messages give it (relative to the working directory). */
  shown: string;
  /** Where it was named, when not on the command line: `render.analysis in journey.config.yaml:7:5`. */
  origin?: string;
  /** The journeys it may apply to: those rendered with the config that names it (every one rendered, for `--analysis`). */
  journeys: readonly Journey[];
  /**
   * Ids of journeys that are there but cannot be rendered this time (structural errors, which
   * render reports): an analysis of one is set aside without a word, its files are kept anyway.
   */
  unrendered?: readonly string[];
}

/** A file that cannot be used, with the journey it names when that much could be read. */
export interface AnalysisProblem {
  file: AnalysisFile;
  /** The journey the file names, when it is one of `file.journeys`: that journey's outputs are at stake. */
  journeyId?: string;
  /** One line, starting with the file's name. */
  message: string;
}

/**
 * `render --analysis` and `render.analysis`: reads every file and pairs it with the journey it
 * analyses, which must be one of its `journeys` and fit it, one analysis per journey. A file from
 * the command line (no `origin`) replaces a configured one of the same journey. Every file is
 * read, whatever the others hold: each bad one is a problem naming it, the good ones are used.
 */
export function readAnalyses(files: readonly AnalysisFile[]): { analyses: Map<string, AnalysisResult>; problems: AnalysisProblem[] } {
  const analyses = new Map<string, { analysis: AnalysisResult; file: AnalysisFile }>();
  const problems: AnalysisProblem[] = [];
  // Configured files first, so that the command line's replace them.
  const ordered = [...files.filter((file) => file.origin !== undefined), ...files.filter((file) => file.origin === undefined)];
  for (const file of ordered) {
    const named = file.origin !== undefined ? `${file.shown} (${file.origin})` : file.shown;
    const problem = (message: string, journeyId?: string) =>
      problems.push({ file, message: `${named}: ${message}`, ...(journeyId !== undefined ? { journeyId } : {}) });
    let analysis: AnalysisResult;
    try {
      analysis = readAnalysisFile(file.path);
    } catch (error) {
      if (!(error instanceof AnalyzeError)) throw error;
      problem(error.message);
      continue;
    }
    const journey = file.journeys.find((j) => j.id === analysis.journey);
    if (!journey && file.unrendered?.includes(analysis.journey)) continue;
    if (!journey) {
      const ids = file.journeys.map((j) => `\`${j.id}\``).join(", ") || "none";
      problem(
        file.origin !== undefined
          ? `the analysis is of journey \`${analysis.journey}\`, which is not among the journeys rendered with this config (${ids}): remove the file from \`render.analysis\` (or delete it) if the journey is gone, or run \`journey analyze\` again on the journey it should describe`
          : `the analysis is of journey \`${analysis.journey}\`, which is not among the journeys rendered (${ids}); render its file too`,
      );
      continue;
    }
    const earlier = analyses.get(journey.id);
    if (earlier && (earlier.file.origin === undefined || file.origin !== undefined)) {
      problem(`journey \`${journey.id}\` already has an analysis (${earlier.file.shown}); give one per journey`, journey.id);
      continue;
    }
    const mismatch = analysisMismatch(journey, analysis);
    if (mismatch) {
      problem(mismatch, journey.id);
      continue;
    }
    analyses.set(journey.id, { analysis, file });
  }
  return { analyses: new Map([...analyses].map(([id, { analysis }]) => [id, analysis])), problems };
}

/** Why the analysis does not fit the journey (steps renamed or removed since the analysis), or undefined. */
export function analysisMismatch(journey: Journey, analysis: AnalysisResult): string | undefined {
  const unknown = [
    ...analysis.steps.map((s) => s.id),
    ...analysis.transitions.flatMap((t) => [t.from, t.to]),
    ...analysis.variants.flatMap((v) => v.path),
    ...(analysis.segments ?? []).flatMap((segment) => segment.steps.map((s) => s.id)),
  ].find((id) => !journey.stepById.has(id));
  if (unknown !== undefined)
    return `it names step \`${unknown}\`, which journey \`${journey.id}\` does not have; run \`journey analyze\` again on the current file`;
  return undefined;
}

type Check = (value: unknown, at: string) => string | undefined;

const count: Check = (v, at) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `\`${at}\` must be a whole number, 0 or more`);
const share: Check = (v, at) => (typeof v === "number" && v >= 0 && v <= 1 ? undefined : `\`${at}\` must be a number from 0 to 1`);
/** Any string, the empty one included (a segment's value is the column's, as the log has it). */
const string: Check = (v, at) => (typeof v === "string" ? undefined : `\`${at}\` must be a string`);
const text: Check = (v, at) => (typeof v === "string" && v.length > 0 ? undefined : `\`${at}\` must be a non-empty string`);
const bool: Check = (v, at) => (typeof v === "boolean" ? undefined : `\`${at}\` must be true or false`);
const time: Check = (v, at) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v) ? undefined : `\`${at}\` must be a UTC time like 2026-01-31T23:59:59Z`;
const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
const oneOf =
  (...allowed: string[]): Check =>
  (v, at) =>
    allowed.includes(v as string) ? undefined : `\`${at}\` must be one of ${allowed.join(", ")}`;

function object(fields: Record<string, Check>, nullable = false): Check {
  return (value, at) => {
    if (value === null && nullable) return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return `\`${at || "the file"}\` must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check((value as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** A field analyses of older versions lack: checked when present. */
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);

function list(item: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return `\`${at}\` must be a list`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** A step's figures: both whole numbers, or both null (not measured). */
const measuredStep: Check = (value, at) => {
  const problem = object({ id: text })(value, at);
  if (problem) return problem;
  const step = value as Record<string, unknown>;
  if (step.reached === null && step.ended_here === null) return undefined;
  if (step.reached === null || step.ended_here === null) return `\`${at}.reached\` and \`${at}.ended_here\` must both be null (not measured) or both numbers`;
  return object({ reached: count, ended_here: count })(value, at);
};

/** A `--by` segment (src/analyze/types.ts, AnalysisSegment). */
const segment = object({
  value: nullable(string),
  cases: count,
  conversion: share,
  fitness: share,
  steps: list(measuredStep),
  time_to_goal: object({ median_seconds: count, p90_seconds: count }, true),
});

/** A `--every` bucket: an empty one (no cases) has null conversion and fitness, any other has both. */
const bucket: Check = (value, at) => {
  const problem = object({ from: time, cases: count, conversion: nullable(share), fitness: nullable(share) })(value, at);
  if (problem) return problem;
  const { cases, conversion, fitness } = value as { cases: number; conversion: number | null; fitness: number | null };
  if (cases === 0 && (conversion !== null || fitness !== null)) return `\`${at}\` has no cases, so its \`conversion\` and \`fitness\` must be null`;
  if (cases > 0 && (conversion === null || fitness === null)) return `\`${at}\` has cases, so its \`conversion\` and \`fitness\` must be numbers`;
  return undefined;
};

/** The spec's JSON shape (src/analyze/types.ts, AnalysisResult). */
const shapeProblem = (data: unknown) =>
  object({
    journey: text,
    engine: oneOf("duckdb", "clickhouse"),
    events: object({ read: count, mapped: count, unmapped: count, skipped: count }),
    period: object({ from: time, to: time }, true),
    cases: count,
    conversion: share,
    fitness: share,
    steps: list(measuredStep),
    transitions: list(object({ from: text, to: text, count, in_map: bool, median_seconds: count, p90_seconds: optional(count) })),
    time_to_goal: optional(object({ median_seconds: count, p90_seconds: count }, true)),
    ties: optional(object({ cases: count, events: count })),
    trend: optional(list(bucket)),
    by: optional(text),
    segments: optional(list(segment)),
    window_seconds: optional(count),
    started: optional(object({ since: nullable(time), until: nullable(time) })),
    deviations: list(object({ from: text, to: text, count })),
    variants: list(object({ path: list(text), cases: count })),
    unmapped_activities: list(object({ activity: text, count })),
  })(data, "");

/**
 * What the shape cannot say: `by` and `segments` come together; every case is in one segment and
 * in one bucket of the trend (so each adds up to `cases`); segment values are distinct, the
 * missing one last; buckets are in time order. A hand-edited or truncated file fails here, named.
 */
function consistencyProblem(result: AnalysisResult): string | undefined {
  if ((result.by === undefined) !== (result.segments === undefined))
    return result.by === undefined ? "`segments` without `by` (the column they are by)" : "`by` without `segments`";
  if (result.segments) {
    const sum = result.segments.reduce((total, s) => total + s.cases, 0);
    if (sum !== result.cases) return `the segments' cases add up to ${sum}, but \`cases\` is ${result.cases}: every case is in one segment`;
    const seen = new Set<string | null>();
    for (const [i, s] of result.segments.entries()) {
      if (seen.has(s.value)) return `\`segments[${i}].value\` ${s.value === null ? "null" : JSON.stringify(s.value)} is listed twice`;
      if (s.value !== null && seen.has(null)) return `\`segments[${i}]\` comes after the segment without a value (null), which is listed last`;
      seen.add(s.value);
    }
  }
  if (result.trend) {
    const sum = result.trend.reduce((total, b) => total + b.cases, 0);
    if (sum !== result.cases) return `the trend's cases add up to ${sum}, but \`cases\` is ${result.cases}: every case is in one bucket`;
    const late = result.trend.findIndex((b, i) => i > 0 && Date.parse(b.from) <= Date.parse(result.trend![i - 1].from));
    if (late > 0) return `\`trend[${late}].from\` is not after \`trend[${late - 1}].from\`: buckets are in time order`;
  }
  return undefined;
}
