import { loadProject } from "../../project/load.js";
import { buildPortfolio, projectCatalogs } from "../../portfolio/portfolio.js";
import { dayNumber } from "../../portfolio/freshness.js";
import { PORTFOLIO_FORMAT_NAMES, PORTFOLIO_FORMATTERS, type PortfolioFormatName } from "../../portfolio/formatters/index.js";
import { colorFor } from "../../report/color.js";
import { LANGUAGES } from "../../i18n/index.js";
import { own } from "../../util/own.js";
import { outputOverInput } from "../../util/atomic-write.js";
import { settleOptimizerFor } from "../../util/tiering.js";
import { EXIT, UsageError } from "../errors.js";
import { reportUnmatched, resolveConfig, selectFiles } from "../project.js";
import { contextFor, emit, reportConfigProblems, reportStream } from "../run-check.js";

export interface PortfolioCommandOptions {
  config?: string;
  format: string;
  outputFile?: string;
  lang?: string;
  today?: string;
  color?: boolean;
}

/**
 * `journey portfolio [paths...]`: the project's journeys (the set `journey lint` checks) read
 * once, and their coverage, channels, handoffs, backlog, links and freshness printed. Exit 0, 1
 * when a journey has structural errors (it is named on stderr and left out), 2 for usage and
 * config errors or paths that matched nothing.
 */
export async function runPortfolio(paths: string[], options: PortfolioCommandOptions): Promise<number> {
  const cwd = process.cwd();
  if (!(PORTFOLIO_FORMAT_NAMES as readonly string[]).includes(options.format))
    throw new UsageError(`unknown format \`${options.format}\`; use one of ${PORTFOLIO_FORMAT_NAMES.join(", ")}`);
  const today = parseToday(options.today);
  const resolution = resolveConfig(cwd, options.config);
  if (resolution.problems) {
    await reportConfigProblems(resolution.problems, cwd, options);
    return EXIT.usage;
  }
  const { config } = resolution;
  const lang = options.lang ?? config.render.lang ?? "en";
  if (!own(LANGUAGES, lang)) throw new UsageError(`unknown language \`${lang}\`; use one of ${Object.keys(LANGUAGES).join(", ")}`);

  const discovery = selectFiles(paths, config, cwd);
  const incomplete = reportUnmatched(discovery);
  if (discovery.files.length === 0 || discovery.truncated.length > 0) return EXIT.usage;
  const problem = outputOverInput(options.outputFile, [...discovery.files, ...(config.path ? [config.path] : [])], cwd, "one of the files being read");
  if (problem !== undefined) throw new UsageError(problem);
  settleOptimizerFor(discovery.files);

  // The aggregates need no lint rule: the journeys are checked for structure only.
  const load = await loadProject(discovery.files, { cwd, fixed: options.config !== undefined ? config : undefined, lint: false });
  if (load.problems) {
    for (const problems of load.problems) await reportConfigProblems(problems, cwd, options);
    return EXIT.usage;
  }
  const left = load.project.journeys.filter((journey) => !journey.summary);
  if (left.length > 0) {
    const { formatStylish } = await import("../../report/formatters/stylish.js");
    const reports = left.map((journey) => ({ ...journey.report, findings: journey.report.findings.filter((f) => f.severity === "error") }));
    process.stderr.write(formatStylish(reports, await contextFor(cwd, options, reports.length, process.stderr)));
    process.stderr.write(
      `journey: ${left.length} journey file${left.length === 1 ? " has" : "s have"} errors and ${left.length === 1 ? "is" : "are"} left out of the portfolio; fix them and run again\n`,
    );
  }
  const portfolio = buildPortfolio(
    load.project.journeys.flatMap((journey) => (journey.summary ? [{ summary: journey.summary, file: journey.file }] : [])),
    projectCatalogs(config, load.project.configs),
    today,
  );
  const style = await colorFor(reportStream(options.outputFile), options);
  emit(PORTFOLIO_FORMATTERS[options.format as PortfolioFormatName](portfolio, { style, labels: LANGUAGES[lang] }), options.outputFile, cwd);
  return incomplete ? EXIT.usage : left.length > 0 ? EXIT.findings : EXIT.ok;
}

/** `--today YYYY-MM-DD`, else today's date in UTC. */
function parseToday(text: string | undefined): { day: number; text: string } {
  const value = text ?? new Date().toISOString().slice(0, 10);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayNumber(value) : undefined;
  if (day === undefined) throw new UsageError(`--today takes a day as YYYY-MM-DD, e.g. 2026-12-01, not \`${value}\``);
  return { day, text: value };
}
