import { catalogName } from "../i18n/names.js";
import type { Labels } from "../i18n/types.js";
import { own } from "../util/own.js";
import type { Portfolio } from "./types.js";

/** Display names of the portfolio's ids in a report's language: journeys by title, personas, stages, teams and channels by their catalogs. */
export class PortfolioNames {
  private readonly titles = new Map<string, string>();
  private readonly channelNames = new Map<string, Portfolio["channels"][number]["channel"]>();

  constructor(
    private readonly portfolio: Portfolio,
    readonly labels: Labels,
  ) {
    for (const { summary: facts } of portfolio.journeys) this.titles.set(facts.id, facts.title);
    for (const channel of portfolio.channels) this.channelNames.set(channel.id, channel.channel);
  }

  /** A journey's title; a link's target the portfolio does not hold is shown by its id. */
  journey(id: string): string {
    return this.titles.get(id) ?? id;
  }

  persona(entry: Portfolio["personas"][number]): string {
    return entry.persona ? catalogName(entry.persona, this.labels.lang) : this.labels.portfolio.noPersona;
  }

  stage(stage: Portfolio["stages"][number]): string {
    if (stage.names || stage.name !== stage.id) return catalogName(stage, this.labels.lang);
    return own(this.labels.stageNames, stage.id) ?? stage.id;
  }

  team(id: string | null): string {
    if (id === null) return this.labels.portfolio.noTeam;
    if (id === "customer" || id === "agent" || id === "system") return this.labels.actors[id];
    return catalogName(own(this.portfolio.teams, id), this.labels.lang, id);
  }

  channel(id: string): string {
    return catalogName(this.channelNames.get(id), this.labels.lang, id);
  }
}
