import { relative, resolve } from "node:path";
import { toPosix } from "../util/paths.js";
import { checkJourneyFile } from "../check.js";
import { checkFiles } from "../lint/run-files.js";
import type { ProjectConfig, RuleSetting } from "../config/types.js";
import { effectiveRules } from "../lint/settings.js";
import { colorFor } from "../report/color.js";
import type { FormatContext, HiddenCounts } from "../report/context.js";
import { FORMAT_NAMES, loadFormatter } from "../report/formatters/index.js";
import { countFindings, type FileReport } from "../results.js";
import { rulesMeta } from "../lint/rules-meta.js";
import { sameFileAmong, writeOutputFile } from "../util/atomic-write.js";
import { releaseOptimizerFor } from "../util/tiering.js";
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

  const discovery = selectFiles(paths, config, cwd);
  const { files } = discovery;
  const incomplete = reportUnmatched(discovery);
  // A walk stopped at its limit went somewhere it should not have: check nothing rather than part.
  if (files.length === 0 || discovery.truncated.length > 0) return EXIT.usage;
  const grouping = groupByConfig(files, cwd, fixed);
  if (grouping.problems) {
    for (const problems of grouping.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  refuseOutputOverInput(options.outputFile, [...files, ...grouping.groups.flatMap((group) => (group.config.path ? [group.config.path] : []))], cwd);
  releaseOptimizerFor(files);

  const runOptions = {
    lint: mode === "lint",
    cliRules,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    concurrency: parseConcurrency(options.concurrency),
  };
  const byFile = new Map<string, FileReport>();
  for (const group of grouping.groups) {
    for (const result of await checkFiles(group.files, group.config, runOptions, cwd)) byFile.set(result.filePath, result);
  }
  const results = files.map((file) => byFile.get(file)!);
  // --quiet reports errors only, and the summary says how many warnings and notes it hid.
  let hidden: HiddenCounts | undefined;
  if (options.quiet) {
    const { warningCount, infoCount } = countFindings(results.flatMap((r) => r.findings));
    hidden = { warningCount, infoCount };
    for (const result of results) result.findings = result.findings.filter((f) => f.severity === "error");
  }

  emit(formatter(results, { ...contextFor(cwd, options, results.length, !options.outputFile), hidden }), options.outputFile, cwd);

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
  process.stdout.write(JSON.stringify({ config: config.path ?? null, extends: config.extends, rules }, null, 2) + "\n");
  return EXIT.ok;
}

export function contextFor(cwd: string, options: { color?: boolean }, fileCount: number, toTerminal: boolean): FormatContext {
  return {
    cwd,
    color: colorFor(toTerminal ? process.stdout : {}, options),
    version: VERSION,
    homepage: HOMEPAGE,
    rulesMeta: rulesMeta(RULE_DOCS_BASE),
    fileCount,
  };
}

export function emit(text: string, outputFile: string | undefined, cwd: string): void {
  if (outputFile) writeOutputFile(resolve(cwd, outputFile), text);
  else process.stdout.write(text);
}

/** `-o` onto a journey or config being read would replace it with the report: refused before anything runs. */
function refuseOutputOverInput(outputFile: string | undefined, inputs: readonly string[], cwd: string): void {
  if (outputFile === undefined) return;
  const input = sameFileAmong(resolve(cwd, outputFile), inputs);
  if (input !== undefined)
    throw new UsageError(`--output-file ${outputFile} is ${toPosix(relative(cwd, input))}, one of the files being checked; write the report to another file`);
}

export async function reportConfigProblems(problems: FileReport, cwd: string, options: { color?: boolean }): Promise<void> {
  const { formatStylish } = await import("../report/formatters/stylish.js");
  process.stderr.write(formatStylish([problems], { ...contextFor(cwd, options, 1, false), color: colorFor(process.stderr, options) }));
  process.stderr.write("journey: the config has errors; fix them and run again\n");
}
