import type { ProjectConfig } from "../config/types.js";
import { compareCodePoints } from "../util/code-point-order.js";
import { backlog } from "./backlog.js";
import { channelInventory } from "./channels.js";
import { coverage, coverageStages } from "./coverage.js";
import { freshness } from "./freshness.js";
import { handoffMatrix } from "./handoffs.js";
import { journeyLinks } from "./links.js";
import type { Portfolio, PortfolioCatalogs, PortfolioJourney } from "./types.js";

/**
 * The catalogs of a project's configs: channels, personas and teams of every config (the first
 * config to declare an id names it), the stage catalog and `portfolio.stale_after` of `main`,
 * the config the command runs with.
 */
export function projectCatalogs(main: ProjectConfig, configs: readonly ProjectConfig[]): PortfolioCatalogs {
  const merged = <T>(pick: (config: ProjectConfig) => Record<string, T>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const config of [main, ...configs]) for (const [id, entry] of Object.entries(pick(config))) if (!Object.hasOwn(out, id)) out[id] = entry;
    return out;
  };
  return {
    channels: merged((config) => config.channels),
    personas: merged((config) => config.personas),
    teams: merged((config) => config.teams),
    stages: main.stages,
    staleAfter: main.portfolio.staleAfter,
  };
}

/**
 * Every aggregate of the portfolio, computed once from the journeys' facts: coverage, channels,
 * handoffs, backlog, links and freshness. `today` (days since 1970-01-01, UTC) judges staleness;
 * without it nothing is flagged.
 */
export function buildPortfolio(input: readonly PortfolioJourney[], catalogs: PortfolioCatalogs, today?: { day: number; text: string }): Portfolio {
  const journeys = [...input].sort((a, b) => compareCodePoints(a.summary.id, b.summary.id));
  const facts = journeys.map((journey) => journey.summary);
  const stages = coverageStages(facts, catalogs);
  return {
    journeys,
    stages,
    personas: coverage(facts, stages, catalogs),
    ...channelInventory(facts, catalogs),
    teams: catalogs.teams,
    handoffs: handoffMatrix(facts),
    backlog: backlog(facts),
    ...journeyLinks(facts),
    freshness: freshness(facts, catalogs.staleAfter, today?.day),
    staleAfter: catalogs.staleAfter,
    ...(today ? { today: today.text } : {}),
  };
}
