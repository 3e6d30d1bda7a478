import { existsSync, readdirSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { readAnalyses, type AnalysisFile, type AnalysisProblem } from "../../analyze/read-result.js";
import type { AnalysisResult } from "../../analyze/types.js";
import { checkPattern, expandGlob, GlobPatternError, isGlob, MAX_WALK_ENTRIES } from "../../discover/files.js";
import type { Journey } from "../../model/types.js";
import type { ProjectConfig } from "../../config/types.js";
import { journeyCommand } from "../../util/invocation.js";
import { shellQuote } from "../../util/shell-quote.js";
import { checkJourneyFile, duplicateJourneyIds } from "../../check.js";
import { toPosix } from "../../util/paths.js";
import { lintFile } from "../../lint/lint-file.js";
import { resolveProjectLinks } from "../../lint/project-links.js";
import type { ChalkInstance } from "chalk";
import { colorFor } from "../../report/color.js";
import { LANGUAGES } from "../../i18n/index.js";
import { BROWSER_HELP, findBrowser } from "../../render/images.js";
import { renderImageFiles } from "../../render/image-files.js";
import { removeOrphans } from "../../render/orphans.js";
import { compareOutputs, writeOutputs } from "../../render/output.js";
import { planRender, type PlannedImage, type RenderEntry, type RenderOptions } from "../../render/plan.js";
import type { Labels } from "../../i18n/types.js";
import { groupByConfig, type ConfigGroup } from "../../config/resolve.js";
import { EXIT, UsageError } from "../errors.js";
import { reportUnmatched, resolveConfig, selectFiles } from "../project.js";
import { reportConfigProblems } from "../run-check.js";
import { settleOptimizerFor } from "../../util/tiering.js";
import { requireInstalled } from "../../util/optional-package.js";
import { own } from "../../util/own.js";
import { visibleText } from "../../escape/terminal.js";
import { rulesMeta } from "../../lint/rules-meta.js";
import { HOMEPAGE, RULE_DOCS_BASE } from "../version.js";

export interface RenderCommandOptions {
  config?: string;
  out?: string;
  lang?: string;
  image?: string;
  check?: boolean;
  force?: boolean;
  analysis?: string[];
  /** `--no-map` sets it false. */
  map?: boolean;
  color?: boolean;
}

/** svg and png draw the Mermaid diagrams (png also the map); pdf prints the map. */
export const IMAGE_FORMATS = ["none", "svg", "png", "pdf"] as const;
type ImageFormat = (typeof IMAGE_FORMATS)[number];

/**
 * `journey render`: Markdown reports, Mermaid files, the journey maps (HTML) and indexes for every
 * journey, optionally SVG or PNG images of the diagrams and PDF or PNG of the maps; with --check, compares instead of writing. Exit 0 when everything was
 * rendered (or is up to date), 1 when a journey could not be rendered or --check found
 * differences, 2 for usage and config errors or when images were asked for and no browser exists.
 */
export async function runRender(paths: string[], options: RenderCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    await reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = resolution;
  if (options.lang !== undefined && !own(LANGUAGES, options.lang))
    throw new UsageError(`unknown language \`${options.lang}\`; use one of ${Object.keys(LANGUAGES).join(", ")}`);
  const color = await colorFor(process.stdout, options);

  const discovery = selectFiles(paths, config, cwd);
  const { files } = discovery;
  const incomplete = reportUnmatched(discovery);
  // A walk stopped at its limit went somewhere it should not have: check nothing rather than part.
  if (files.length === 0 || discovery.truncated.length > 0) return EXIT.usage;
  const grouping = groupByConfig(files, cwd, options.config !== undefined ? config : undefined);
  if (grouping.problems) {
    for (const problems of grouping.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  const folders = outputFolders(grouping.groups, options, cwd);
  // Before anything is written: images need the optional browser packages.
  const imageFormats = [...new Set(folders.map((folder) => folder.image))].filter((image) => image !== "none");
  // --check compares fingerprints: it needs neither (it compares the Mermaid version where installed).
  if (imageFormats.length > 0 && !options.check) {
    const needsMermaid = imageFormats.some((image) => image !== "pdf");
    requireInstalled(needsMermaid ? ["puppeteer-core", "mermaid"] : ["puppeteer-core"], `\`journey render --image ${imageFormats.join("/")}\``);
  }
  settleOptimizerFor(files);

  const { analyses, problems } = readAnalyses(analysisFiles(folders, options.analysis ?? [], cwd));
  for (const problem of problems) process.stderr.write(`journey: ${visibleText(problem.message)}\n`);
  // A file given on the command line that cannot be used is a mistyped command: nothing is done.
  if (problems.some((problem) => problem.file.origin === undefined)) return EXIT.usage;
  const usable: Analyses = { analyses, ...withheldBy(problems) };

  let exitCode: number = incomplete || problems.length > 0 ? EXIT.usage : EXIT.ok;
  for (const folder of folders) exitCode = Math.max(exitCode, await renderFolder(folder, paths, options, cwd, color, usable));
  return exitCode;
}

/** The analyses a run uses, and what the ones it cannot use hold back. */
interface Analyses {
  analyses: ReadonlyMap<string, AnalysisResult>;
  /** Journeys whose analysis file cannot be used, by id: not rendered, their files kept as they are. */
  withheld: ReadonlyMap<string, string>;
  /** An analysis file could not be read far enough to know its journey: nothing is removed this run. */
  keepOrphans: boolean;
}

/**
 * For the configured files (`render.analysis`), which one run cannot fix: a journey whose analysis
 * cannot be used is not rendered (rendering it without would drop the analysis from its report and
 * remove its observed flow); a file that cannot be tied to a journey holds back every removal, for
 * the same reason.
 */
function withheldBy(problems: readonly AnalysisProblem[]): Omit<Analyses, "analyses"> {
  const withheld = new Map<string, string>();
  for (const { journeyId, file } of problems)
    if (journeyId !== undefined && !withheld.has(journeyId)) withheld.set(journeyId, `its analysis ${file.shown} cannot be used (see above)`);
  return { withheld, keepOrphans: problems.some((problem) => problem.journeyId === undefined) };
}

/**
 * The analysis files of the run: each config's `render.analysis` (files and globs relative to the
 * config, for the journeys rendered with it), then `--analysis` (for any journey rendered), which
 * replaces a configured one of the same journey. A glob journey will not run is a usage error
 * naming the config's line and column; a file that is not there is read, and reported, as such.
 */
function analysisFiles(folders: readonly OutputFolder[], given: readonly string[], cwd: string): AnalysisFile[] {
  const journeysOf = new Map<ProjectConfig, Journey[]>();
  const unrenderedOf = new Map<ProjectConfig, string[]>();
  for (const { entries } of folders)
    for (const { result, config } of entries) {
      const journeys = journeysOf.get(config) ?? [];
      const unrendered = unrenderedOf.get(config) ?? [];
      if (result.model) journeys.push(result.model.journey);
      else if (result.journeyId !== undefined) unrendered.push(result.journeyId);
      journeysOf.set(config, journeys);
      unrenderedOf.set(config, unrendered);
    }
  const files: AnalysisFile[] = [];
  for (const [config, journeys] of journeysOf) {
    if (config.path === undefined) continue;
    const configShown = toPosix(relative(cwd, config.path)) || config.path;
    const seen = new Set<string>();
    for (const { pattern, line, column } of config.render.analysis) {
      const origin = `render.analysis in ${configShown}:${line}:${column}`;
      for (const path of expandAnalysisPattern(pattern, config.dir, origin)) {
        if (seen.has(path)) continue;
        seen.add(path);
        files.push({ path, shown: toPosix(relative(cwd, path)) || path, origin, journeys, unrendered: unrenderedOf.get(config) ?? [] });
      }
    }
  }
  const every = [...journeysOf.values()].flat();
  for (const path of given) files.push({ path: resolve(cwd, path), shown: path, journeys: every });
  return files;
}

/** A `render.analysis` entry's files: the file itself, or a glob's matches (none is fine: no analysis yet). */
function expandAnalysisPattern(pattern: string, dir: string, origin: string): string[] {
  if (!isGlob(pattern)) return [resolve(dir, pattern)];
  try {
    checkPattern(pattern, "the glob");
  } catch (error) {
    if (error instanceof GlobPatternError) throw new UsageError(`${origin}: ${error.message}`);
    throw error;
  }
  const walked = expandGlob(pattern, dir);
  if (walked.truncated)
    throw new UsageError(
      `${origin}: stopped walking \`${pattern}\` after ${MAX_WALK_ENTRIES.toLocaleString("en")} entries; name the folder that holds the analyses`,
    );
  return walked.files;
}

/** One output folder: the journeys rendered into it, with their configs, its labels and image format. */
interface OutputFolder {
  outDir: string;
  entries: RenderEntry[];
  labels: Labels;
  image: ImageFormat;
  map: boolean;
}

/**
 * Each journey goes into its config's `render.out` (relative to that config's folder; the defaults
 * relative to the working directory), or into `-o` for all of them. The folder's labels and image
 * format come from the flags, else from the config of the first journey rendered into it.
 */
function outputFolders(groups: readonly ConfigGroup[], options: RenderCommandOptions, cwd: string): OutputFolder[] {
  const folders = new Map<string, OutputFolder>();
  for (const { config, files } of groups) {
    const projectRoot = config.path ? config.dir : cwd;
    const outDir = options.out !== undefined ? resolve(cwd, options.out) : resolve(projectRoot, config.render.out ?? "journey-docs");
    let folder = folders.get(outDir);
    if (!folder) {
      if (statSync(outDir, { throwIfNoEntry: false })?.isDirectory() === false) {
        const shown = visibleText(toPosix(relative(cwd, outDir)));
        throw new UsageError(
          options.out !== undefined
            ? `-o ${shown} is a file, not a folder: name the folder to render into`
            : `render.out in ${config.path ?? "the config"} names ${shown}, which is a file, not a folder`,
        );
      }
      const lang = options.lang ?? config.render.lang ?? "en";
      const labels = own(LANGUAGES, lang);
      if (!labels) throw new UsageError(`unknown language \`${lang}\` in ${config.path ?? "the config"}; use one of ${Object.keys(LANGUAGES).join(", ")}`);
      const image = (options.image ?? config.render.image ?? "none") as ImageFormat;
      if (!IMAGE_FORMATS.includes(image)) throw new UsageError(`--image takes ${IMAGE_FORMATS.join(", ")}, not \`${image}\``);
      const map = options.map !== false && config.render.map !== false;
      if (image === "pdf" && !map)
        throw new UsageError(
          `--image pdf prints the journey map, which ${options.map === false ? "--no-map" : `render.map: false in ${config.path ?? "the config"}`} turns off`,
        );
      folder = { outDir, entries: [], labels, image, map };
      folders.set(outDir, folder);
    }
    const results = files.map((file) => lintFile(checkJourneyFile(file, config), config));
    // A link to a journey or step the project does not have is an error, as in lint: that journey is not rendered.
    resolveProjectLinks(results, config);
    for (const result of results) folder.entries.push({ result, config });
  }
  return [...folders.values()];
}

async function renderFolder(
  folder: OutputFolder,
  paths: readonly string[],
  options: RenderCommandOptions,
  cwd: string,
  color: ChalkInstance,
  { analyses, withheld, keepOrphans }: Analyses,
): Promise<number> {
  const { outDir, entries, labels, image, map } = folder;
  const shownOut = toPosix(relative(cwd, outDir)) || ".";
  // Journey ids name the rendered files, so they must be unique within one output folder.
  duplicateJourneyIds(
    entries.map((entry) => entry.result),
    cwd,
  );
  const planOptions: RenderOptions = {
    labels,
    forceLabels: options.lang !== undefined,
    outDir,
    projectRoot: cwd,
    analyses,
    withheld,
    rulesMeta: rulesMeta(RULE_DOCS_BASE),
    homepage: HOMEPAGE,
    map,
  };
  const plan = planRender(entries, { ...planOptions, ...(image !== "none" ? { image } : {}) });
  for (const { filePath, reason } of plan.refused) process.stderr.write(`journey: ${visibleText(toPosix(relative(cwd, filePath)))}: not rendered: ${reason}\n`);
  for (const { filePath, message } of plan.warnings) process.stderr.write(`journey: ${visibleText(toPosix(relative(cwd, filePath)))}: ${message}\n`);
  let exitCode: number = plan.refused.length > 0 ? EXIT.findings : EXIT.ok;

  if (options.check) {
    // Images by their fingerprints, no browser: those of this run's format, and any other drawn once (`--image svg`).
    // Planned only for a format the folder holds a file of: most folders have none.
    const present = existsSync(outDir) ? readdirSync(outDir) : [];
    const drawable = IMAGE_FORMATS.flatMap((format): PlannedImage[] =>
      format === "none" || format === image || (format === "pdf" && !map) || !present.some((name) => name.endsWith(`.${format}`))
        ? []
        : planRender(entries, { ...planOptions, image: format }).images,
    );
    const report = compareOutputs(outDir, plan, drawable);
    const lines = [
      ...report.stale.map((name) => `  stale     ${shownOut}/${name}`),
      ...report.staleImages.map(
        (name) => `  stale     ${shownOut}/${name} (drawn from an earlier version of its journey, or by another version of journey or Mermaid)`,
      ),
      ...report.editedImages.map((name) => `  edited    ${shownOut}/${name} (changed since journey render drew it)`),
      ...report.unmarkedImages.map(
        (name) => `  unmarked  ${shownOut}/${name} (has no fingerprint of what it was drawn from: drawn by an older journey, or by hand)`,
      ),
      ...report.missing.map((name) => `  missing   ${shownOut}/${name}`),
      ...report.orphaned.map((name) => `  orphaned  ${shownOut}/${name} (no journey renders it any more)`),
    ];
    if (lines.length === 0) {
      process.stdout.write(color.green(`✔ ${plan.files.length + plan.images.length} rendered files in ${shownOut} are up to date\n`));
      return exitCode;
    }
    process.stdout.write(
      `${lines.join("\n")}\n${color.red(`✖ ${lines.length} rendered file${lines.length === 1 ? " is" : "s are"} out of date: run \`${visibleText(renderCommand(paths, options, cwd))}\` and commit the result`)}\n`,
    );
    return Math.max(exitCode, EXIT.findings);
  }

  const written = writeOutputs(outDir, plan.files, options.force ?? false);
  for (const { name, reason } of written.refused) process.stderr.write(`journey: ${shownOut}/${name} ${reason}\n`);
  if (written.refused.length > 0) exitCode = Math.max(exitCode, EXIT.findings);

  let images = 0;
  if (image !== "none") {
    const browser = findBrowser();
    if (!browser) {
      process.stderr.write(`journey: ${BROWSER_HELP}\n`);
      report(color, written.written.length, written.unchanged.length, 0, shownOut);
      return EXIT.usage;
    }
    const rendered = await renderImageFiles(plan, image, browser);
    for (const failure of rendered.failures) process.stderr.write(`journey: ${failure}\n`);
    if (rendered.failures.length > 0) exitCode = Math.max(exitCode, EXIT.findings);
    const imageWrites = writeOutputs(outDir, rendered.files, options.force ?? false);
    for (const { name, reason } of imageWrites.refused) process.stderr.write(`journey: ${shownOut}/${name} ${reason}\n`);
    if (imageWrites.refused.length > 0) exitCode = Math.max(exitCode, EXIT.findings);
    images = imageWrites.written.length + imageWrites.unchanged.length;
  }
  // After writing, so that a failed run leaves the previous files in place.
  if (keepOrphans) process.stderr.write(`journey: ${shownOut}: nothing removed while an analysis file cannot be used\n`);
  else for (const name of removeOrphans(outDir, plan)) process.stdout.write(`  removed   ${shownOut}/${name} (no journey renders it any more)\n`);
  report(color, written.written.length, written.unchanged.length, images, shownOut);
  return exitCode;
}

/**
 * The command that renders what `--check` checked, with the options it was given (`--config`, the
 * paths, `-o`, `--lang`, `--image`, `--analysis`, `--no-map`), each quoted for a POSIX shell: a plain
 * `journey render` would drop what only the command line asked for, such as an analysis.
 */
export function renderCommand(paths: readonly string[], options: RenderCommandOptions, cwd: string): string {
  const words = [journeyCommand(cwd, process.argv[1]), "render"];
  if (options.config !== undefined) words.push("--config", shellQuote(options.config, { path: true }));
  words.push(...paths.map((path) => shellQuote(path, { path: true })));
  if (options.out !== undefined) words.push("-o", shellQuote(options.out, { path: true }));
  if (options.lang !== undefined) words.push("--lang", shellQuote(options.lang));
  if (options.image !== undefined) words.push("--image", shellQuote(options.image));
  for (const file of options.analysis ?? []) words.push("--analysis", shellQuote(file, { path: true }));
  if (options.map === false) words.push("--no-map");
  return words.join(" ");
}

function report(color: ChalkInstance, written: number, unchanged: number, images: number, out: string): void {
  const parts = [`${written} written`, `${unchanged} unchanged`];
  if (images > 0) parts.push(`${images} image${images === 1 ? "" : "s"}`);
  process.stdout.write(color.green(`✔ rendered into ${out}: ${parts.join(", ")}\n`));
}
