import { resolve } from "node:path";
import { checkJourneyFile, checkJourneyText, type CheckedFile } from "../check.js";
import { decodeSource, fileProblem, formatBytes, tooLarge } from "../load/source.js";
import { lintFile } from "../lint/lint-file.js";
import { fixFiles } from "../lint/fix-files.js";
import { fixText } from "../lint/fix.js";
import { checkFiles } from "../lint/run-files.js";
import { resolveProjectLinks } from "../lint/project-links.js";
import type { ProjectConfig, RuleSetting } from "../config/types.js";
import { effectiveRules } from "../lint/settings.js";
import { colorFor } from "../report/color.js";
import type { FormatContext, HiddenCounts } from "../report/context.js";
import { FORMAT_NAMES, loadFormatter, type Formatter } from "../report/formatters/index.js";
import { countFindings, type FileReport } from "../results.js";
import { rulesMeta } from "../lint/rules-meta.js";
import { outputOverInput, writeOutputFile } from "../util/atomic-write.js";
import { stdoutIsTTY, writeStdout } from "../util/stdout.js";
import { settleOptimizerFor } from "../util/tiering.js";
import { schemaMessages } from "../validate/schema.js";
import { validateRulesSchema } from "../validate/schema-validators.js";
import { groupByConfig } from "../config/resolve.js";
import { EXIT, UsageError } from "./errors.js";
import { reportUnmatched, resolveConfig, selectFiles } from "./project.js";
import { HOMEPAGE, RULE_DOCS_BASE, VERSION } from "./version.js";

export interface CheckCommandOptions {
  config?: string;
  format: string;
  outputFile?: string;
  color?: boolean;
  /** lint only */
  quiet?: boolean;
  maxWarnings?: string;
  rule?: string[];
  reportUnusedDisableDirectives?: boolean;
  printConfig?: string;
  concurrency?: string;
  /** Apply the findings' fixes to the files (lint only). */
  fix?: boolean;
  /** Compute the fixes without writing; the JSON format shows the fixed text. */
  fixDryRun?: boolean;
  /** Check the text on standard input instead of files (editors, lint-staged). */
  stdin?: boolean;
  /** With --stdin: the path the text is checked as (config lookup, file name in the report). */
  stdinFilename?: string;
}

/**
 * `journey validate` (structure only) and `journey lint` (structure and rules) over every
 * selected file, reported in the chosen format. Exit 0 when there are no errors (and, for lint,
 * no more warnings than --max-warnings), 1 otherwise, 2 when the run cannot be trusted: config
 * errors, paths that match nothing, internal errors.
 */
export async function runCheck(paths: string[], options: CheckCommandOptions, mode: "validate" | "lint"): Promise<number> {
  const cwd = process.cwd();
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format \`${options.format}\`; use one of ${FORMAT_NAMES.join(", ")}`);
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const cliRules = parseRuleOptions(options.rule ?? []);

  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    await reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = resolution;
  // --config applies one config to every file; otherwise each file gets its nearest config.
  const fixed = options.config !== undefined ? config : undefined;
  if (options.printConfig !== undefined) return printConfig(options.printConfig, fixed, cliRules, cwd, options);
  if ((options.fix || options.fixDryRun) && mode !== "lint") throw new UsageError("--fix is an option of journey lint");
  if (options.fix && options.fixDryRun) throw new UsageError("--fix writes the fixes and --fix-dry-run only shows them: give one of the two");
  if (options.stdinFilename !== undefined && !options.stdin) throw new UsageError("--stdin-filename names the text read with --stdin; add --stdin");
  if (options.stdin) {
    if (paths.length > 0) throw new UsageError("--stdin checks the text on standard input: give no paths (name the file it stands for with --stdin-filename)");
    return checkStdin(options, mode, fixed, cliRules, formatter, maxWarnings, cwd);
  }

  const discovery = selectFiles(paths, config, cwd);
  const { files } = discovery;
  const incomplete = reportUnmatched(discovery);
  // A walk stopped at its limit went somewhere it should not have: check nothing rather than part.
  if (files.length === 0 || discovery.truncated.length > 0) return EXIT.usage;
  const grouping = groupByConfig(files, cwd, fixed, config);
  if (grouping.problems) {
    for (const problems of grouping.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  refuseOutputOverInput(options.outputFile, [...files, ...grouping.groups.flatMap((group) => (group.config.path ? [group.config.path] : []))], cwd);
  settleOptimizerFor(files);

  const runOptions = {
    lint: mode === "lint",
    cliRules,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    concurrency: parseConcurrency(options.concurrency),
    // With no paths lint sees the whole project: the project-level rules run.
    project: paths.length === 0,
  };
  const byFile = new Map<string, FileReport>();
  const fixing = options.fix || options.fixDryRun;
  for (const group of grouping.groups) {
    const reports = fixing
      ? fixFiles(group.files, group.config, { cliRules, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, dryRun: !options.fix })
      : await checkFiles(group.files, group.config, runOptions, cwd);
    for (const result of reports) byFile.set(result.filePath, result);
  }
  // The journeys in the order given, then the configs the project-level rules reported on.
  const given = new Set(files);
  const results = [...files.map((file) => byFile.get(file)!), ...[...byFile.values()].filter((report) => !given.has(report.filePath))];
  const hidden = options.quiet ? hideAllButErrors(results) : undefined;

  emit(formatter(results, { ...(await contextFor(cwd, options, results.length, reportStream(options.outputFile))), hidden }), options.outputFile, cwd);

  return exitCodeFor(results, incomplete, maxWarnings);
}

/** --quiet reports errors only, and the summary says how many warnings and notes it hid. */
function hideAllButErrors(results: FileReport[]): HiddenCounts {
  const { warningCount, infoCount } = countFindings(results.flatMap((r) => r.findings));
  for (const result of results) result.findings = result.findings.filter((f) => f.severity === "error");
  return { warningCount, infoCount };
}

/** 2 when the run cannot be trusted (an internal error, paths that matched nothing), 1 for errors or too many warnings, else 0. */
function exitCodeFor(results: readonly FileReport[], incomplete: boolean, maxWarnings: number | undefined): number {
  const internal = results.some((r) => r.findings.some((f) => f.ruleId === "internal"));
  if (internal || incomplete) return EXIT.usage;
  const counts = countFindings(results.flatMap((r) => r.findings));
  if (counts.errorCount > 0) return EXIT.findings;
  if (maxWarnings !== undefined && counts.warningCount > maxWarnings) {
    process.stderr.write(`journey: ${counts.warningCount} warning${counts.warningCount === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/**
 * `--stdin [--stdin-filename <path>]`: the text on standard input checked as if it were that file
 * (its nearest config, its name in the report), as ESLint's options of those names do. Nothing is
 * read from disk but configs; the text is bounded by the config's `limits.max_file_size`.
 */
async function checkStdin(
  options: CheckCommandOptions,
  mode: "validate" | "lint",
  fixed: ProjectConfig | undefined,
  cliRules: Record<string, RuleSetting>,
  formatter: Formatter,
  maxWarnings: number | undefined,
  cwd: string,
): Promise<number> {
  const filePath = resolve(cwd, options.stdinFilename ?? STDIN_NAME);
  const grouping = groupByConfig([filePath], cwd, fixed);
  if (grouping.problems) {
    for (const problems of grouping.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = grouping.groups[0];
  const bytes = await readStdin(config.limits.maxFileSize);
  const source =
    bytes.length > config.limits.maxFileSize
      ? fileProblem(tooLarge(`over ${formatBytes(config.limits.maxFileSize)}`, config.limits.maxFileSize))
      : decodeSource(bytes);
  if (options.fix) throw new UsageError("--fix cannot write to standard input: use --fix-dry-run, which shows the fixed text in the JSON format's `output`");
  const lintOptions = { cliRules, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives };
  let output: string | undefined;
  let checked: CheckedFile;
  if (source.finding) checked = { filePath, findings: [source.finding] };
  else if (options.fixDryRun) ({ checked, output } = fixText(filePath, source.text, config, { ...lintOptions, lint: true }));
  else {
    checked = checkJourneyText(filePath, source.text, config);
    if (mode === "lint") lintFile(checked, config, lintOptions);
  }
  resolveProjectLinks([checked], config);
  const { findings, rulesChecked } = checked;
  const result: FileReport = {
    filePath,
    findings,
    ...(checked.source !== undefined ? { source: checked.source } : {}),
    ...(rulesChecked ? { rulesChecked } : {}),
    ...(output !== undefined ? { output } : {}),
  };
  const hidden = options.quiet ? hideAllButErrors([result]) : undefined;
  emit(formatter([result], { ...(await contextFor(cwd, options, 1, reportStream(options.outputFile))), hidden }), options.outputFile, cwd);
  return exitCodeFor([result], false, maxWarnings);
}

/** The file name a report gives text read with --stdin and no --stdin-filename (ESLint says `<text>`). */
const STDIN_NAME = "<stdin>";

/** Standard input up to `maxBytes` (one byte more tells that it is too large), as bytes. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > maxBytes) {
      process.stdin.destroy();
      break;
    }
  }
  return Buffer.concat(chunks, length);
}

/** `--concurrency auto|off|<n>`: threads for checking files (as ESLint's option of that name). */
function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined || value === "auto") return undefined;
  if (value === "off") return 1;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--concurrency takes auto, off or a whole number of 1 or more, not \`${value}\``);
  return number;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not \`${value}\``);
  return number;
}

/** `--rule id=severity` or `--rule 'id=["warning",{"max":5}]'`, checked against the rules schema. */
export function parseRuleOptions(values: string[]): Record<string, RuleSetting> {
  if (values.length === 0) return {}; // the usual run: no schema check to pay for
  // Own properties whatever the id: `rules["__proto__"] = ...` would set the prototype instead,
  // and the schema would never see an unknown rule.
  const rules = new Map<string, unknown>();
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) throw new UsageError(`--rule takes id=severity, e.g. --rule path-too-long=error, not \`${value}\``);
    const [, id, settingText] = match;
    let setting: unknown = settingText;
    if (settingText.trim().startsWith("[")) {
      try {
        setting = JSON.parse(settingText);
      } catch {
        throw new UsageError(`--rule ${id}: \`${settingText}\` is not valid JSON; write e.g. '${id}=["warning",{"max":5}]'`);
      }
    }
    rules.set(id.trim(), setting);
  }
  const object = Object.fromEntries(rules);
  const problems = schemaMessages(validateRulesSchema, object);
  if (problems.length > 0) throw new UsageError(`--rule: ${problems.join("; ")}`);
  return object as Record<string, RuleSetting>;
}

/** `--print-config <file>`: the config file that file gets, and the rules in force for it after config, file and --rule. */
async function printConfig(
  file: string,
  fixed: ProjectConfig | undefined,
  cliRules: Record<string, RuleSetting>,
  cwd: string,
  options: { color?: boolean },
): Promise<number> {
  const path = resolve(cwd, file);
  const grouping = groupByConfig([path], cwd, fixed);
  if (grouping.problems) {
    await reportConfigProblems(grouping.problems[0], cwd, options);
    return EXIT.usage;
  }
  const { config } = grouping.groups[0];
  const result = checkJourneyFile(path, config);
  const settings = effectiveRules(config, (result.model ?? result.lintModel)?.journey.rules, cliRules);
  const rules = Object.fromEntries([...settings].map(([id, { severity, options }]) => [id, Object.keys(options).length > 0 ? [severity, options] : severity]));
  writeStdout(JSON.stringify({ config: config.path ?? null, extends: config.extends, rules }, null, 2) + "\n");
  return EXIT.ok;
}

/** What a formatter is given; its colours are those of `stream`, where the text goes. */
export async function contextFor(cwd: string, options: { color?: boolean }, fileCount: number, stream: { isTTY?: boolean }): Promise<FormatContext> {
  return {
    cwd,
    color: await colorFor(stream, options),
    version: VERSION,
    homepage: HOMEPAGE,
    rulesMeta: rulesMeta(RULE_DOCS_BASE),
    fileCount,
  };
}

/** Where `emit` writes, as colorFor sees it: a file (`-o`) gets no colour; stdout is asked whether it is a terminal without building process.stdout. */
export function reportStream(outputFile: string | undefined): { isTTY?: boolean } {
  return outputFile ? {} : { isTTY: stdoutIsTTY() };
}

export function emit(text: string, outputFile: string | undefined, cwd: string): void {
  if (outputFile) writeOutputFile(resolve(cwd, outputFile), text);
  else writeStdout(text);
}

/** `-o` onto a journey or config being read would replace it with the report: refused before anything runs. */
function refuseOutputOverInput(outputFile: string | undefined, inputs: readonly string[], cwd: string): void {
  const problem = outputOverInput(outputFile, inputs, cwd, "one of the files being checked");
  if (problem !== undefined) throw new UsageError(problem);
}

export async function reportConfigProblems(problems: FileReport, cwd: string, options: { color?: boolean }): Promise<void> {
  const { formatStylish } = await import("../report/formatters/stylish.js");
  process.stderr.write(formatStylish([problems], await contextFor(cwd, options, 1, process.stderr)));
  process.stderr.write("journey: the config has errors; fix them and run again\n");
}
