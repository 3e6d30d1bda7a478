import { resolve } from "node:path";
import { checkJourneyFile, duplicateJourneyIds } from "../check.js";
import { colorFor } from "../report/color.js";
import type { FormatContext } from "../report/context.js";
import { FORMATTERS } from "../report/formatters/index.js";
import { formatStylish } from "../report/formatters/stylish.js";
import type { FileResult } from "../results.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { EXIT, UsageError } from "./errors.js";
import { resolveConfig, selectFiles } from "./project.js";
import { VERSION } from "./version.js";

export interface CheckCommandOptions {
  config?: string;
  format: string;
  outputFile?: string;
  color?: boolean;
}

/**
 * `journey validate`: structural checks of every selected file, reported in the chosen format.
 * Exit 0 when no errors, 1 with errors, 2 when the run cannot be trusted (config errors, paths
 * that match nothing, internal errors).
 */
export function runValidate(paths: string[], options: CheckCommandOptions): number {
  const cwd = process.cwd();
  const formatter = FORMATTERS[options.format];
  if (!formatter) throw new UsageError(`unknown format \`${options.format}\`; use one of ${Object.keys(FORMATTERS).join(", ")}`);

  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = resolution;
  const { files, unmatched } = selectFiles(paths, config, cwd);
  for (const given of unmatched) process.stderr.write(`journey: no journey files found for \`${given}\` (looked for *.journey.yaml and *.journey.yml)\n`);
  if (files.length === 0) return EXIT.usage;

  const results: FileResult[] = files.map((file) => checkJourneyFile(file, config));
  duplicateJourneyIds(results, cwd);

  emit(formatter(results, contextFor(cwd, options, results.length, !options.outputFile)), options.outputFile, cwd);

  const internal = results.some((r) => r.findings.some((f) => f.ruleId === "internal"));
  if (internal || unmatched.length > 0) return EXIT.usage;
  return results.some((r) => r.findings.some((f) => f.severity === "error")) ? EXIT.findings : EXIT.ok;
}

export function contextFor(cwd: string, options: { color?: boolean }, fileCount: number, toTerminal: boolean): FormatContext {
  return { cwd, color: colorFor(toTerminal ? process.stdout : {}, options), version: VERSION, fileCount };
}

export function emit(text: string, outputFile: string | undefined, cwd: string): void {
  if (outputFile) writeFileAtomic(resolve(cwd, outputFile), text);
  else process.stdout.write(text);
}

export function reportConfigProblems(problems: FileResult, cwd: string, options: { color?: boolean }): void {
  const context = { cwd, color: colorFor(process.stderr, options), version: VERSION, fileCount: 1 };
  process.stderr.write(formatStylish([problems], context));
  process.stderr.write("journey: the config has errors; fix them and run again\n");
}
