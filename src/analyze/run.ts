import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { checkJourneyFile } from "../check.js";
import type { ProjectConfig } from "../config/types.js";
import { visibleName, visibleText } from "../escape/terminal.js";
import { colorFor } from "../report/color.js";
import { formatStylish } from "../report/formatters/stylish.js";
import { onInterrupt, outputOverInput, writeOutputFile } from "../util/atomic-write.js";
import { DEFAULT_LIMITS, type AnalyzeLimits } from "./limits.js";
import type { FormatContext } from "../report/context.js";
import { ENGINES } from "./engines/index.js";
import { ANALYZE_FORMATTERS } from "./formatters/index.js";
import type { ANALYZE_FORMAT_NAMES } from "./formatters/names.js";
import { resolveLogFiles, verifyLogFile } from "./log-files.js";
import { contentHash, writeMeasurement } from "./write-back.js";
import { planAnalysis } from "./plan.js";
import { buildResult } from "./result.js";
import { segmentRows, type SegmentRow } from "./segments.js";
import { figureFlow, type FigureFlow } from "../model/step-figures.js";
import { AnalyzeError, type AnalysisResult, type ColumnNames, type EventSource, type ReadOptions, type SkippedReasons, type TrendUnit } from "./types.js";
import { acceptedTimes, skippedReasonsText } from "./skipped.js";

export interface AnalyzeRun {
  cwd: string;
  config: ProjectConfig;
  journeyPath: string;
  /** `--events` arguments: files or globs, for the engines that read files. */
  events: readonly string[];
  /** Where the events are when they are not files (a ClickHouse table); overrides `events`. */
  source?: EventSource;
  engine: string;
  format: (typeof ANALYZE_FORMAT_NAMES)[number];
  outputFile?: string;
  top: number;
  columns: ColumnNames;
  color?: boolean;
  /** `--write`: record metrics.reached and metrics.ended_here of the measured steps and `measured:` in the journey file. */
  write?: boolean;
  /** `--memory-limit`, `--max-case-events` or their config keys, checked (default: `DEFAULT_LIMITS`). */
  limits?: AnalyzeLimits;
  /** `--delimiter`, `--timestamp-format`, `--lifecycle`: how log files are read. */
  reading?: ReadOptions;
  /** `--window` in milliseconds, `--since` / `--until` in epoch milliseconds (docs/analyze.md, "For product teams"). */
  windowMs?: number;
  since?: number;
  until?: number;
  /** `--every`: the trend by the day, week or month cases started. */
  every?: TrendUnit;
  /** `--by`: the segments by this column's value on each case's first event. */
  by?: string;
  /** `--verbose`: stylish and Markdown also show each segment's funnel. */
  verbose?: boolean;
  /** What the stylish report of structural errors needs of the run (from the CLI, as for lint). */
  meta: Pick<FormatContext, "version" | "homepage" | "rulesMeta">;
}

/**
 * `journey analyze`: checks the journey, maps the event log onto its steps with the chosen
 * engine and prints the figures. Exit 0 analysed, 1 when the journey has structural errors
 * (printed as `journey validate` prints them, on stderr so stdout stays the analysis), 2 for
 * what the user must fix in the call or the log (`AnalyzeError`, printed without a stack).
 */
export async function runAnalyze(run: AnalyzeRun): Promise<number> {
  try {
    const { result, names, flow, measuredSteps, analyzedHash, skipped, segments } = await analyze(run);
    if (!result) return 1;
    // The journey is edited first: if that fails (exit 2), no report claims it was recorded.
    if (run.write) {
      const journeyPath = resolve(run.cwd, run.journeyPath);
      writeMeasurement(journeyPath, result, measuredSteps, run.config, analyzedHash);
      process.stderr.write(
        `journey: recorded the measurement in ${visibleText(run.journeyPath)} (metrics.reached and metrics.ended_here of ${measuredSteps.size} measured step${measuredSteps.size === 1 ? "" : "s"}, and measured:)\n`,
      );
    }
    const formatter = ANALYZE_FORMATTERS[run.format];
    const color = await colorFor(run.outputFile ? {} : process.stdout, { color: run.color });
    const text = formatter(result, { color, names, flow: flow!, skipped, segments, verbose: run.verbose ?? false });
    if (run.outputFile) writeOutputFile(resolve(run.cwd, run.outputFile), text);
    else process.stdout.write(text);
    return 0;
  } catch (error) {
    if (!(error instanceof AnalyzeError)) throw error;
    process.stderr.write(`journey: ${visibleText(error.message)}\n`);
    return 2;
  }
}

interface Analysed {
  result?: AnalysisResult;
  names: Map<string, string>;
  flow?: FigureFlow;
  /** Steps the log measures (`--write` records their figures): one of their activities occurs in it (`reached` is not null). */
  measuredSteps: Set<string>;
  /** With `--write`: the hash of the journey file's bytes as analysed. */
  analyzedHash?: string;
  /** Why rows were skipped, when the engine said. */
  skipped?: SkippedReasons;
  /** With `--by`: the rows of the segments table the human formats show (at most `--top`, then "other"). */
  segments?: SegmentRow[];
}

async function analyze(run: AnalyzeRun): Promise<Analysed> {
  const journeyPath = resolve(run.cwd, run.journeyPath);
  if (!existsSync(journeyPath) || !statSync(journeyPath).isFile()) throw new AnalyzeError(`journey file not found: ${run.journeyPath}`);
  // Every input is known before anything runs, so that -o naming one of them (by any path or link) is refused untouched.
  const source: EventSource = run.source ?? { kind: "files", files: resolveLogFiles(run.events, run.cwd), reading: run.reading };
  const inputs = [journeyPath, ...(run.config.path ? [run.config.path] : []), ...(source.kind === "files" ? source.files.map((file) => file.path) : [])];
  const problem = outputOverInput(run.outputFile, inputs, run.cwd, "an input of the analysis (the journey, its config or an event log)");
  if (problem !== undefined) throw new AnalyzeError(problem);
  // --write compares the file's content after the analysis with the content analysed.
  const analyzedHash = run.write ? hashOf(journeyPath) : undefined;
  const checked = checkJourneyFile(journeyPath, run.config);
  const errors = checked.findings.filter((f) => f.severity === "error");
  if (errors.length > 0 || !checked.model) {
    const context = { cwd: run.cwd, color: await colorFor(process.stderr, { color: run.color }), fileCount: 1, ...run.meta };
    process.stderr.write(formatStylish([{ ...checked, findings: errors }], context));
    process.stderr.write("journey: the journey has structural errors; fix them and run analyze again\n");
    return { names: new Map(), measuredSteps: new Set(), analyzedHash };
  }
  const { journey, graph } = checked.model;
  const plan = {
    ...planAnalysis(journey, graph, run.top),
    limits: run.limits ?? DEFAULT_LIMITS,
    windowMs: run.windowMs,
    since: run.since,
    until: run.until,
    every: run.every,
    by: run.by,
  };
  const factory = ENGINES[run.engine];
  if (!factory) throw new AnalyzeError(`unknown engine \`${run.engine}\`; use one of ${Object.keys(ENGINES).join(", ")}`);
  const engine = await factory();
  const progress = process.stderr.isTTY ? (message: string) => process.stderr.write(`journey: ${message}…\n`) : undefined;
  // SIGINT, SIGTERM: the query stops at once and the engine cleans up (its temporary files, the
  // server's query) before the process exits with 130 or 143.
  const running = (async () => {
    try {
      return await engine.analyze(plan, run.columns, source, progress);
    } finally {
      await engine.close();
    }
  })();
  const unregister = onInterrupt(async () => {
    await engine.interrupt();
    await running.catch(() => {});
  });
  // Beside the engine, in a stream: the text logs' encoding, and that a gzip stream is whole (the
  // engine would take a cut-short stream for the end of the file). A failure stops the engine.
  const stopVerifying = new AbortController();
  let damaged = false;
  const verifying = Promise.all(source.kind === "files" ? source.files.map((file) => verifyLogFile(file, run.cwd, stopVerifying.signal)) : []);
  verifying.catch(() => {
    damaged = true;
    return engine.interrupt();
  });
  let figures;
  try {
    figures = await running;
  } catch (error) {
    if (damaged) await verifying; // the engine was stopped because of this error: say it
    stopVerifying.abort();
    throw error;
  } finally {
    unregister();
  }
  await verifying;
  if (figures.events.mapped === 0) {
    const seen = figures.unmappedActivities.slice(0, 5).map((u) => `\`${visibleName(u.activity)}\` (${u.count})`);
    throw new AnalyzeError(
      figures.events.read - figures.events.skipped === 0
        ? noReadableRows(figures.events, figures.skippedReasons, source.kind === "files" ? source.reading?.timestampFormat : undefined)
        : `no activity in the event log belongs to a step of \`${journey.id}\`; the most frequent are ${seen.join(", ")}. Map them with \`events:\` on the steps they mean`,
    );
  }
  const result = buildResult(plan, figures, engine.name);
  return {
    result,
    names: new Map(journey.steps.map((s) => [s.id, s.name])),
    flow: figureFlow(journey, graph),
    measuredSteps: new Set(result.steps.filter((s) => s.reached !== null).map((s) => s.id)),
    analyzedHash,
    skipped: figures.skippedReasons,
    ...(plan.by !== undefined ? { segments: segmentRows(plan, figures, plan.top) } : {}),
  };
}

/** The message for a log none of whose rows can be read: why, the first unreadable time and where, and the times journey reads. */
function noReadableRows(events: { read: number; skipped: number }, reasons: SkippedReasons | undefined, timestampFormat: string | undefined): string {
  const counts = `the event log has no readable rows (${events.read} read, ${events.skipped} skipped)`;
  if (!reasons) return counts;
  const why = skippedReasonsText(reasons);
  return `${counts}${why ? `: ${why}` : ""}${reasons.unreadableTime > 0 ? `. journey reads ${acceptedTimes(timestampFormat)}` : ""}`;
}

/** The hash of the journey file's bytes, or undefined when it cannot be read (the check then says why). */
function hashOf(path: string): string | undefined {
  try {
    return contentHash(readFileSync(path));
  } catch {
    return undefined;
  }
}
