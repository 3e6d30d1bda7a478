import { relative, resolve } from "node:path";
import { checkJourneyFile, duplicateJourneyIds } from "../../check.js";
import { toPosix } from "../../util/paths.js";
import { lintFile } from "../../lint/lint-file.js";
import { colorFor } from "../../report/color.js";
import { LANGUAGES } from "../../render/i18n/index.js";
import { BROWSER_HELP, findBrowser } from "../../render/images.js";
import { renderImageFiles } from "../../render/image-files.js";
import { compareOutputs, writeOutputs } from "../../render/output.js";
import { planRender } from "../../render/plan.js";
import { EXIT, UsageError } from "../errors.js";
import { reportUnmatched, resolveConfig, selectFiles } from "../project.js";
import { reportConfigProblems } from "../run-check.js";
import { releaseOptimizerFor } from "../../util/tiering.js";
import { rulesMeta } from "../../lint/rules-meta.js";
import { HOMEPAGE, RULE_DOCS_BASE } from "../version.js";

export interface RenderCommandOptions {
  config?: string;
  out?: string;
  lang?: string;
  image?: string;
  check?: boolean;
  force?: boolean;
  color?: boolean;
}

const IMAGE_FORMATS = ["none", "svg", "png"];

/**
 * `journey render`: Markdown reports, Mermaid files and an index for every journey, optionally
 * SVG or PNG images; with --check, compares instead of writing. Exit 0 when everything was
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
  const lang = options.lang ?? config.render.lang ?? "en";
  const labels = LANGUAGES[lang];
  if (!labels) throw new UsageError(`unknown language \`${lang}\`; use one of ${Object.keys(LANGUAGES).join(", ")}`);
  const image = options.image ?? config.render.image ?? "none";
  if (!IMAGE_FORMATS.includes(image)) throw new UsageError(`--image takes none, svg or png, not \`${image}\``);
  const projectRoot = config.path ? config.dir : cwd;
  const outDir = options.out !== undefined ? resolve(cwd, options.out) : resolve(projectRoot, config.render.out ?? "journey-docs");
  const shownOut = toPosix(relative(cwd, outDir)) || ".";
  const color = colorFor(process.stdout, options);

  const { files, unmatched } = selectFiles(paths, config, cwd);
  reportUnmatched(unmatched);
  if (files.length === 0) return EXIT.usage;
  releaseOptimizerFor(files);
  const results = files.map((file) => lintFile(checkJourneyFile(file, config), config));
  duplicateJourneyIds(results, cwd);

  const plan = planRender(results, { config, labels, outDir, projectRoot, rulesMeta: rulesMeta(RULE_DOCS_BASE), homepage: HOMEPAGE });
  for (const { filePath, reason } of plan.refused) process.stderr.write(`journey: ${toPosix(relative(cwd, filePath))}: not rendered: ${reason}\n`);
  let exitCode: number = unmatched.length > 0 ? EXIT.usage : plan.refused.length > 0 ? EXIT.findings : EXIT.ok;

  if (options.check) {
    const report = compareOutputs(outDir, plan.files);
    const lines = [
      ...report.stale.map((name) => `  stale     ${shownOut}/${name}`),
      ...report.missing.map((name) => `  missing   ${shownOut}/${name}`),
      ...report.orphaned.map((name) => `  orphaned  ${shownOut}/${name} (no journey renders it any more)`),
    ];
    if (lines.length === 0) {
      process.stdout.write(color.green(`✔ ${plan.files.length} rendered files in ${shownOut} are up to date\n`));
      return exitCode;
    }
    process.stdout.write(`${lines.join("\n")}\n${color.red(`✖ ${lines.length} rendered file${lines.length === 1 ? " is" : "s are"} out of date: run \`journey render\` and commit the result`)}\n`);
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
    const rendered = await renderImageFiles(plan.diagrams, image as "svg" | "png", browser, plan.files);
    for (const failure of rendered.failures) process.stderr.write(`journey: ${failure}\n`);
    if (rendered.failures.length > 0) exitCode = Math.max(exitCode, EXIT.findings);
    const imageWrites = writeOutputs(outDir, rendered.files, options.force ?? false);
    for (const { name, reason } of imageWrites.refused) process.stderr.write(`journey: ${shownOut}/${name} ${reason}\n`);
    if (imageWrites.refused.length > 0) exitCode = Math.max(exitCode, EXIT.findings);
    images = imageWrites.written.length + imageWrites.unchanged.length;
  }
  report(color, written.written.length, written.unchanged.length, images, shownOut);
  return exitCode;
}

function report(color: ReturnType<typeof colorFor>, written: number, unchanged: number, images: number, out: string): void {
  const parts = [`${written} written`, `${unchanged} unchanged`];
  if (images > 0) parts.push(`${images} image${images === 1 ? "" : "s"}`);
  process.stdout.write(color.green(`✔ rendered into ${out}: ${parts.join(", ")}\n`));
}
