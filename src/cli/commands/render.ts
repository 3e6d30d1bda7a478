import { relative, resolve } from "node:path";
import { readAnalysesFor } from "../../analyze/read-result.js";
import { AnalyzeError } from "../../analyze/types.js";
import { checkJourneyFile, duplicateJourneyIds } from "../../check.js";
import { toPosix } from "../../util/paths.js";
import { lintFile } from "../../lint/lint-file.js";
import { colorFor } from "../../report/color.js";
import { LANGUAGES } from "../../render/i18n/index.js";
import { BROWSER_HELP, findBrowser } from "../../render/images.js";
import { renderImageFiles } from "../../render/image-files.js";
import { removeOrphans } from "../../render/orphans.js";
import { compareOutputs, writeOutputs } from "../../render/output.js";
import { planRender, type RenderEntry, type RenderOptions } from "../../render/plan.js";
import type { Labels } from "../../render/i18n/types.js";
import { groupByConfig, type ConfigGroup } from "../../config/resolve.js";
import { EXIT, UsageError } from "../errors.js";
import { reportUnmatched, resolveConfig, selectFiles } from "../project.js";
import { reportConfigProblems } from "../run-check.js";
import { releaseOptimizerFor } from "../../util/tiering.js";
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
  const color = colorFor(process.stdout, options);

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
  releaseOptimizerFor(files);

  let analyses;
  try {
    analyses = readAnalysesFor(
      options.analysis ?? [],
      folders.flatMap((folder) => folder.entries.flatMap(({ result }) => (result.model ? [result.model.journey] : []))),
    );
  } catch (error) {
    if (error instanceof AnalyzeError) throw new UsageError(error.message);
    throw error;
  }

  let exitCode: number = incomplete ? EXIT.usage : EXIT.ok;
  for (const folder of folders) exitCode = Math.max(exitCode, await renderFolder(folder, options, cwd, color, analyses));
  return exitCode;
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
    for (const file of files) folder.entries.push({ result: lintFile(checkJourneyFile(file, config), config), config });
  }
  return [...folders.values()];
}

async function renderFolder(
  folder: OutputFolder,
  options: RenderCommandOptions,
  cwd: string,
  color: ReturnType<typeof colorFor>,
  analyses: RenderOptions["analyses"],
): Promise<number> {
  const { outDir, entries, labels, image, map } = folder;
  const shownOut = toPosix(relative(cwd, outDir)) || ".";
  // Journey ids name the rendered files, so they must be unique within one output folder.
  duplicateJourneyIds(
    entries.map((entry) => entry.result),
    cwd,
  );
  const plan = planRender(entries, {
    labels,
    forceLabels: options.lang !== undefined,
    outDir,
    projectRoot: cwd,
    analyses,
    rulesMeta: rulesMeta(RULE_DOCS_BASE),
    homepage: HOMEPAGE,
    map,
    ...(image !== "none" ? { image } : {}),
  });
  for (const { filePath, reason } of plan.refused) process.stderr.write(`journey: ${visibleText(toPosix(relative(cwd, filePath)))}: not rendered: ${reason}\n`);
  for (const { filePath, message } of plan.warnings) process.stderr.write(`journey: ${visibleText(toPosix(relative(cwd, filePath)))}: ${message}\n`);
  let exitCode: number = plan.refused.length > 0 ? EXIT.findings : EXIT.ok;

  if (options.check) {
    const report = compareOutputs(outDir, plan); // images by their fingerprints: no browser
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
      `${lines.join("\n")}\n${color.red(`✖ ${lines.length} rendered file${lines.length === 1 ? " is" : "s are"} out of date: run \`journey render\` and commit the result`)}\n`,
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
  for (const name of removeOrphans(outDir, plan)) process.stdout.write(`  removed   ${shownOut}/${name} (no journey renders it any more)\n`);
  report(color, written.written.length, written.unchanged.length, images, shownOut);
  return exitCode;
}

function report(color: ReturnType<typeof colorFor>, written: number, unchanged: number, images: number, out: string): void {
  const parts = [`${written} written`, `${unchanged} unchanged`];
  if (images > 0) parts.push(`${images} image${images === 1 ? "" : "s"}`);
  process.stdout.write(color.green(`✔ rendered into ${out}: ${parts.join(", ")}\n`));
}
