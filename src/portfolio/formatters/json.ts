import type { Portfolio, PortfolioJson } from "../types.js";

/** The portfolio as the JSON contract of docs/portfolio.md: exactly these fields, in this order. */
export function portfolioJson(portfolio: Portfolio): PortfolioJson {
  const stale = new Map(portfolio.freshness.map((entry) => [entry.journey, entry.stale ?? false]));
  return {
    journeys: portfolio.journeys.map(({ summary: facts, file }) => ({
      id: facts.id,
      title: facts.title,
      file,
      persona: facts.persona ? { id: facts.persona.id, name: facts.persona.name } : null,
      stages: facts.stages.map((stage) => stage.id),
      reviewed: facts.reviewed,
      measured_to: facts.measuredTo,
      stale: stale.get(facts.id) ?? false,
    })),
    personas: portfolio.personas.map((entry) => ({ id: entry.id, name: entry.persona?.name ?? null, stages: entry.stages })),
    channels: portfolio.channels.map((channel) => ({
      id: channel.id,
      name: channel.channel.name,
      mode: channel.mode,
      self_service: channel.selfService,
      uses: channel.uses,
    })),
    unused_channels: portfolio.unusedChannels,
    handoffs: portfolio.handoffs,
    backlog: portfolio.backlog,
    links: portfolio.links,
  };
}

export function formatJson(portfolio: Portfolio): string {
  return JSON.stringify(portfolioJson(portfolio), null, 2) + "\n";
}
