import { resolveColumns } from "../../analyze/columns.js";
import type { ANALYZE_FORMAT_NAMES } from "../../analyze/formatters/names.js";
import { runAnalyze } from "../../analyze/run.js";
import { EXIT, UsageError } from "../errors.js";
import { resolveConfig } from "../project.js";
import { reportConfigProblems } from "../run-check.js";

export interface AnalyzeCommandOptions {
  events?: string[];
  engine: string;
  format: (typeof ANALYZE_FORMAT_NAMES)[number];
  outputFile?: string;
  top: string;
  caseColumn?: string;
  activityColumn?: string;
  timeColumn?: string;
  config?: string;
  color?: boolean;
}

/** `journey analyze <journey> --events <file|glob>...`: the options, checked; the work is `runAnalyze`. */
export async function runAnalyzeCommand(journeyPath: string, options: AnalyzeCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const top = Number(options.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top takes a whole number of 1 or more, not \`${options.top}\``);
  for (const [flag, value] of [["--case-column", options.caseColumn], ["--activity-column", options.activityColumn], ["--time-column", options.timeColumn]] as const) {
    if (value !== undefined && value.trim() === "") throw new UsageError(`${flag} takes a column name, not an empty text`);
  }
  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    await reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = resolution;
  return runAnalyze({
    cwd,
    config,
    journeyPath,
    events: options.events ?? [],
    engine: options.engine,
    format: options.format,
    outputFile: options.outputFile,
    top,
    columns: resolveColumns({ caseId: options.caseColumn, activity: options.activityColumn, timestamp: options.timeColumn }, config.analyze.columns),
    color: options.color,
  });
}
