import { statSync } from "node:fs";
import { resolve } from "node:path";
import { compareVersions } from "../../diff/compare.js";
import { DIFF_FORMAT_NAMES, loadDiffFormatter } from "../../diff/formatters/index.js";
import { fileSources, revisionSources, type DiffInput } from "../../diff/sources.js";
import { failsOn } from "../../diff/summary.js";
import type { Severity } from "../../finding.js";
import { visibleText } from "../../escape/terminal.js";
import { colorFor } from "../../report/color.js";
import { LANGUAGES } from "../../i18n/index.js";
import { EXIT, UsageError } from "../errors.js";
import { resolveConfig } from "../project.js";
import { emit, reportConfigProblems, reportStream } from "../run-check.js";
import { longRunAhead, SHORT_RUN } from "../../util/tiering.js";
import { outputOverInput } from "../../util/atomic-write.js";

export interface DiffCommandOptions {
  config?: string;
  format: string;
  outputFile?: string;
  failOn: string;
  lang?: string;
  color?: boolean;
}

const FAIL_ON = ["error", "warning", "info", "never"];

/**
 * `journey diff <base> [<head>] [-- paths]` or `journey diff old.yaml new.yaml`. `operands` are
 * every argument; `pathCount` of them came after `--` (pathspecs, as in git). Exit 0 when no change
 * reaches --fail-on, 1 when one does, 2 for usage errors, unknown revisions and unreadable files.
 */
export async function runDiff(operands: string[], pathCount: number, options: DiffCommandOptions): Promise<number> {
  const cwd = process.cwd();
  if (!FAIL_ON.includes(options.failOn)) throw new UsageError(`--fail-on takes ${FAIL_ON.join(", ")}, not \`${options.failOn}\``);
  const formatter = await loadDiffFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format \`${options.format}\`; use one of ${DIFF_FORMAT_NAMES.join(", ")}`);
  const revisions = operands.slice(0, operands.length - pathCount);
  const paths = operands.slice(operands.length - pathCount);
  if (revisions.length < 1 || revisions.length > 2)
    throw new UsageError("give a base revision and optionally a head revision (journey diff main, journey diff main...HEAD -- docs/), or two journey files");

  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    await reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  // --config applies one config to both versions of every file; otherwise each version gets the
  // nearest config in its own revision.
  const fixed = options.config !== undefined ? resolution.config : undefined;
  const lang = options.lang ?? resolution.config.render.lang ?? "en";
  const labels = LANGUAGES[lang];
  if (!labels) throw new UsageError(`unknown language \`${lang}\`; use one of ${Object.keys(LANGUAGES).join(", ")}`);

  let input: DiffInput;
  if (revisions.length === 2 && pathCount === 0 && revisions.every((arg) => isFile(resolve(cwd, arg)))) {
    input = fileSources(cwd, revisions[0], revisions[1], fixed);
  } else {
    for (const arg of revisions) if (/\.ya?ml$/.test(arg) && !isFile(resolve(cwd, arg))) throw new UsageError(`file not found: ${arg}`);
    input = await revisionSources(cwd, revisions[0], revisions[1], paths, fixed);
  }
  if (input.problems) {
    for (const problems of input.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  // -o onto a file being compared (a side read from disk) or the config would replace it: refused before anything is written.
  const onDisk = [input.base, input.head].flatMap((version, i) =>
    version.commit === null ? input.pairs.flatMap((pair) => (i === 0 ? pair.base : pair.head)?.filePath ?? []) : [],
  );
  const configs = input.pairs.flatMap((pair) => [pair.base, pair.head]).flatMap((side) => side?.config.path ?? []);
  const problem = outputOverInput(
    options.outputFile,
    [...onDisk, ...(resolution.config.path ? [resolution.config.path] : []), ...configs],
    cwd,
    "one of the files being compared or their config",
  );
  if (problem !== undefined) throw new UsageError(problem);
  for (const note of input.notes) process.stderr.write(`journey: ${visibleText(note)}\n`);
  // More than a short run: let V8 optimise (bin/journey.cjs holds TurboFan off for short ones).
  const sides = input.pairs.flatMap((pair) => [pair.base, pair.head]).filter((side) => side !== undefined);
  if (sides.length > SHORT_RUN.files || sides.reduce((bytes, side) => bytes + (side.source.text?.length ?? 0), 0) > SHORT_RUN.bytes) longRunAhead();
  const result = compareVersions(input.base, input.head, input.pairs);
  emit(formatter(result, { cwd, color: await colorFor(reportStream(options.outputFile), options), labels }), options.outputFile, cwd);
  const internal = result.journeys.some((journey) => [journey.base, journey.head].some((side) => side?.result.findings.some((f) => f.ruleId === "internal")));
  if (internal) return EXIT.usage;
  return failsOn(result, options.failOn as Severity | "never") ? EXIT.findings : EXIT.ok;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
