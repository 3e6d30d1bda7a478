import { relative } from "node:path";
import type { ProjectConfig } from "../config/types.js";
import { groupByConfig } from "../config/resolve.js";
import { checkSlim } from "../lint/run-files.js";
import type { JourneySummary } from "../model/journey-summary.js";
import type { FileReport } from "../results.js";
import { toPosix } from "../util/paths.js";

/** One journey of a loaded project: its report, and its summary when it is structurally valid and its id is its own. */
export interface ProjectJourney {
  report: FileReport;
  /** The file relative to the working directory, with `/` separators (what outputs show). */
  file: string;
  summary?: JourneySummary;
}

/** A project loaded once: every journey checked (and linted, when asked), with the catalogs of its configs. */
export interface LoadedProject {
  /** Every file, in the order given; `summary` only for the journeys the project's views use. */
  journeys: ProjectJourney[];
  /** The configs the files were checked with (one per config file). */
  configs: ProjectConfig[];
}

export type ProjectLoad = { project: LoadedProject; problems?: undefined } | { project?: undefined; problems: FileReport[] };

/**
 * Loads the journeys of a project: each checked once with its own config (the nearest one, or
 * `fixed` from `--config`), on lint's worker threads, which send back each valid journey's summary
 * instead of its model. With `lint`, the rules run too (the index shows their health); the
 * portfolio's aggregates need no rule, so `journey portfolio` skips them. A journey whose id an
 * earlier file already took carries lint's `duplicate-id` error and no summary.
 */
export async function loadProject(
  files: readonly string[],
  options: { cwd: string; fixed?: ProjectConfig; lint: boolean; concurrency?: number },
): Promise<ProjectLoad> {
  const grouping = groupByConfig(files, options.cwd, options.fixed);
  if (grouping.problems) return { problems: grouping.problems };
  const byFile = new Map<string, ProjectJourney>();
  for (const group of grouping.groups) {
    const results = await checkSlim(group.files, group.config, { lint: options.lint, summary: true, concurrency: options.concurrency }, options.cwd);
    for (const { filePath, source, findings, rulesChecked, summary } of results) {
      const duplicate = findings.some((finding) => finding.ruleId === "duplicate-id" && finding.messageId === "journey");
      byFile.set(filePath, {
        report: { filePath, findings, ...(source !== undefined ? { source } : {}), ...(rulesChecked ? { rulesChecked } : {}) },
        file: toPosix(relative(options.cwd, filePath)),
        ...(summary && !duplicate ? { summary } : {}),
      });
    }
  }
  return { project: { journeys: files.map((file) => byFile.get(file)!), configs: grouping.groups.map((group) => group.config) } };
}
