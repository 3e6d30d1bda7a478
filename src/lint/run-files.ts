import { statSync } from "node:fs";
import { checkJourneyFile, duplicateJourneyIds, internalFinding } from "../check.js";
import type { ProjectConfig, RuleSetting } from "../config/types.js";
import type { FileReport } from "../results.js";
import { journeyFacts } from "../model/journey-facts.js";
import { lintFile } from "./lint-file.js";
import { lintProject, type ProjectFile } from "./lint-project.js";
import { resolveProjectLinks } from "./project-links.js";
import { journeySummary } from "../model/journey-summary.js";

export interface RunOptions {
  lint: boolean;
  cliRules?: Record<string, RuleSetting>;
  reportUnusedDisableDirectives?: boolean;
  /**
   * The files are the whole project (`journey lint` with no paths): the project-level rules run
   * (`lint-project.ts`), and each file sends back the facts they need.
   */
  project?: boolean;
  /** Threads to use; 1 checks every file on the main thread. Default: `threadsFor` decides. */
  concurrency?: number;
  /** Also return each valid journey's `JourneySummary` (the portfolio's input), built where the file was checked. */
  summary?: boolean;
}

/**
 * A worker thread runs its own bundle (src/lint/worker.ts, built by scripts/bundle.mjs): only the
 * checking stages, without the CLI and its formatters. Spelt from two folders up so the path holds
 * in dist/lint/, in the CLI's bundle in dist/cli/ and in src/lint/ under the tests. Worked out when
 * a worker starts: the file's own URL is not needed by a run on one thread.
 */
const workerFile = (): URL => new URL("../../dist/cli/lint-worker.cjs", import.meta.url);

/**
 * Node's worker_threads and os, taken when a run needs threads: most runs are too small for them,
 * and a short run is mostly start-up (importing node:os is 1.5 M instructions).
 */
const workerThreads = () => process.getBuiltinModule("node:worker_threads");
const cores = (): number => process.getBuiltinModule("node:os").availableParallelism();

/**
 * With `--concurrency auto`, each thread gets at least this many files. On two cores a worker
 * competes with the main thread and V8's own threads, takes ~120 ms to start and sends its results
 * back by structured clone (17 MB for 2,000 files with warnings). Since journeys are read in one
 * pass (load/yaml-subset.ts) a file takes ~0.3 ms: 2,000 files linted in 1.19 s on one thread and
 * 1.30 s on two (126-130 MB peak against 175 MB), 8,000 files in 3.03 s and 2.98 s (load 2-2.5).
 * Under 100 files per thread, before that parse, 60 files were 34% slower on two threads.
 */
export const FILES_PER_THREAD = 2000;

/**
 * A file of this size or more (about 13,000 steps; journeys are 5-50 KB) is checked on a worker
 * thread of its own, under `LARGE_FILE_HEAP`. What such a file builds lives until its lint ends:
 * on the main thread V8 lets its young generation grow to 32 MB and its old one to about four
 * times what is live before collecting either. A 40,000-step journey (3 MB) peaked at 172 MB
 * there and at 121 MB this way, for 10-20% more time on such a file (the worker's start, ~35 ms,
 * and more frequent collections; bench/profiles.md).
 */
export const LARGE_FILE_BYTES = 1 << 20;

/**
 * The heap of the worker for large files: a young generation of 4 MB, and an old one that V8 lets
 * grow by less before collecting it, as it does for any heap under 1 GB. A file that needs more is
 * checked on the main thread instead (`checkLarge`).
 */
export const LARGE_FILE_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 512 } as const;

/**
 * Threads for checking `files` files: the number asked for, or with `auto` one per core as the
 * work repays; never more than the cores (more threads only share them, and each costs its own
 * heap: `--concurrency 99999` once started thousands and took 7.6 GB).
 */
export function threadsFor(files: number, concurrency?: number): number {
  const wanted = concurrency ?? Math.floor(files / FILES_PER_THREAD);
  return Math.min(wanted, files) <= 1 ? 1 : Math.min(wanted, files, cores());
}

/**
 * Checks (and lints) files and returns what formatters need: findings, the source of files with
 * findings (for code frames), the rules that ran, and the journey id. Parsed documents and
 * models are dropped as soon as a file is done, so memory stays flat over many files. Many files
 * are split between the main thread and worker threads, one per core.
 */
export async function checkFiles(files: readonly string[], config: ProjectConfig, options: RunOptions, cwd: string): Promise<FileReport[]> {
  const results = await checkSlim(files, config, options, cwd);
  const configReport = options.project && options.lint ? lintProject(results, config, options.cliRules) : undefined;
  // Formatters get reports only: what they show, nothing of the journey's model or ids.
  const reports: FileReport[] = results.map(({ filePath, source, findings, rulesChecked }) => ({
    filePath,
    findings,
    ...(source !== undefined ? { source } : {}),
    ...(rulesChecked ? { rulesChecked } : {}),
  }));
  if (configReport) reports.push(configReport);
  return reports;
}

/**
 * The slim results of checkFiles before they are cut down to reports: with the journey id, and
 * with `summary` when `options.summary` asks for it (the project model's input: the workers build
 * them, so the models never cross threads).
 */
export async function checkSlim(files: readonly string[], config: ProjectConfig, options: RunOptions, cwd: string): Promise<ProjectFile[]> {
  const { large, rest } = largeFiles(files, options);
  const threads = threadsFor(rest.length, options.concurrency);
  const checkingLarge = large.length > 0 ? checkLarge(large, config, options) : undefined;
  const checked = threads === 1 ? rest.map((file) => checkOne(file, config, options)) : await checkInThreads(rest, config, options, threads);
  let results = checked;
  if (checkingLarge) {
    // Back in the order of the files given.
    const isLarge = new Set(large);
    const largeResults = (await checkingLarge).results;
    let nextLarge = 0;
    let next = 0;
    results = files.map((file) => (isLarge.has(file) ? largeResults[nextLarge++] : checked[next++]));
  }
  duplicateJourneyIds(results, cwd);
  resolveProjectLinks(results, config);
  return results;
}

/**
 * One file through the pipeline, reduced to what reports and the duplicate-id check need: the
 * model is dropped, and so is the text of a file without findings (no code frame to show).
 */
export function checkOne(file: string, config: ProjectConfig, options: RunOptions): ProjectFile {
  const checked = checkJourneyFile(file, config);
  if (options.lint) lintFile(checked, config, { cliRules: options.cliRules, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
  const model = checked.model ?? checked.lintModel;
  const facts = options.project && options.lint && model ? journeyFacts(model.journey, model.graph, model.locator) : undefined;
  const { filePath, source, findings, rulesChecked, journeyId, idSpan, stepIds, links } = checked;
  return {
    ...(options.summary && checked.model ? { summary: journeySummary(checked.model.journey, checked.model.graph) } : {}),
    filePath,
    findings,
    // A link resolved later may add a finding: keep the text for its code frame.
    ...((findings.length > 0 || links) && source !== undefined ? { source } : {}),
    ...(rulesChecked ? { rulesChecked } : {}),
    ...(journeyId !== undefined ? { journeyId, idSpan, stepIds } : {}),
    ...(links ? { links } : {}),
    ...(facts ? { facts } : {}),
  };
}

/**
 * The files `checkLarge` takes (of `LARGE_FILE_BYTES` or more), and the rest, each in the order
 * given. `--concurrency 1` keeps every file on the main thread, large ones too; a file that cannot
 * be read is the pipeline's to report, on the main thread.
 */
export function largeFiles(files: readonly string[], options: Pick<RunOptions, "concurrency">): { large: string[]; rest: readonly string[] } {
  if (options.concurrency === 1) return { large: [], rest: files };
  const large: string[] = [];
  const rest: string[] = [];
  for (const file of files) {
    const stats = statSync(file, { throwIfNoEntry: false });
    (stats !== undefined && stats.isFile() && stats.size >= LARGE_FILE_BYTES ? large : rest).push(file);
  }
  return { large, rest };
}

/**
 * Checks large files, one at a time, on a worker thread whose heap is `limits`; the worker sends
 * each file's result as it is done. A file the worker's heap cannot hold (or any failure of the
 * worker) is checked on the main thread, with those after it: none is skipped, none reported twice.
 * `onWorker`: how many of the files (the first ones) the worker checked.
 */
export async function checkLarge(
  files: readonly string[],
  config: ProjectConfig,
  options: RunOptions,
  limits: { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } = LARGE_FILE_HEAP,
): Promise<{ results: ProjectFile[]; onWorker: number }> {
  const { Worker } = workerThreads();
  const results: ProjectFile[] = [];
  await new Promise<void>((resolve) => {
    const worker = new Worker(workerFile(), { workerData: { config, options: { ...options, concurrency: 1 }, files, oneByOne: true }, resourceLimits: limits });
    worker.on("message", (result: ProjectFile) => results.push(result));
    worker.once("error", () => resolve());
    worker.once("exit", () => resolve());
  });
  const onWorker = results.length;
  for (const file of files.slice(onWorker)) results.push(checkOne(file, config, options));
  return { results, onWorker };
}

async function checkInThreads(files: readonly string[], config: ProjectConfig, options: RunOptions, threads: number): Promise<ProjectFile[]> {
  // Contiguous chunks keep the output in file order; the main thread takes the first.
  const size = Math.ceil(files.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const workerData = { config, options: { ...options, concurrency: 1 } };
  const { Worker } = workerThreads();
  const pending = chunks.slice(1).map(
    (chunk) =>
      new Promise<ProjectFile[]>((resolve) => {
        const worker = new Worker(workerFile(), { workerData: { ...workerData, files: chunk } });
        worker.once("message", (results: ProjectFile[]) => resolve(results));
        // A worker that dies reports every file of its chunk, so none is silently skipped.
        worker.once("error", (error) => resolve(chunk.map((filePath) => ({ filePath, findings: [internalFinding(error)] }))));
      }),
  );
  const first = chunks[0].map((file) => checkOne(file, config, options));
  return [first, ...(await Promise.all(pending))].flat();
}

/** A worker thread of checkFiles: checks its chunk of files and sends back the slim results. */
export function runLintWorker(): void {
  const threads = workerThreads();
  const { files, config, options, oneByOne } = threads.workerData as { files: string[]; config: ProjectConfig; options: RunOptions; oneByOne?: boolean };
  const { parentPort } = threads;
  if (oneByOne) for (const file of files) parentPort!.postMessage(checkOne(file, config, options));
  else parentPort!.postMessage(files.map((file) => checkOne(file, config, options)));
}
