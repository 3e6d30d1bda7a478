import type { ChannelMode } from "../model/types.js";
import type { JourneySummary } from "../model/journey-summary.js";

/**
 * The output of `journey portfolio --format json`, field for field: the contract docs/portfolio.md
 * documents. Ids are ordered by code point (`util/code-point-order.ts`).
 */
export interface PortfolioJson {
  journeys: {
    id: string;
    title: string;
    file: string;
    persona: { id: string | null; name: string } | null;
    stages: string[];
    reviewed: string | null;
    measured_to: string | null;
    stale: boolean;
  }[];
  personas: { id: string | null; name: string | null; stages: Record<string, string[]> }[];
  channels: { id: string; name: string; mode: ChannelMode; self_service: boolean; uses: JourneyStep[] }[];
  unused_channels: string[];
  handoffs: { from: string; to: string | null; count: number }[];
  backlog: BacklogEntry[];
  links: { from: JourneyStep; to: JourneyStep }[];
}

export interface JourneyStep {
  journey: string;
  step: string;
}

export interface BacklogEntry {
  kind: "pain" | "opportunity";
  text: string;
  journey: string;
  step: string;
  emotion: number | null;
  lost: number | null;
}

/** A name as a catalog gives it: English-or-first, and per language when the catalog names them. */
export interface DisplayName {
  name: string;
  names?: Readonly<Record<string, string>>;
}

/** One journey as the portfolio's inputs give it: its summary, its file, and its lint health when it was linted. */
export interface PortfolioJourney {
  summary: JourneySummary;
  /** Relative to the working directory (the command) or the output folder's link target (the index). */
  file: string;
  health?: { errors: number; warnings: number; infos: number };
}

/** The catalogs the portfolio reads from the project's configs. */
export interface PortfolioCatalogs {
  channels: Readonly<Record<string, DisplayName & { mode: ChannelMode; self_service?: boolean }>>;
  personas: Readonly<Record<string, DisplayName>>;
  teams: Readonly<Record<string, DisplayName>>;
  /** In the config's order. */
  stages: Readonly<Record<string, DisplayName>>;
  staleAfter: number;
}

/** Per journey: its dates, and whether it is stale (undefined when no day was given: render's index never flags). */
export interface Freshness {
  journey: string;
  reviewed: string | null;
  measuredTo: string | null;
  stale?: boolean;
}

/** Everything the portfolio computes, once; the formatters and the index read it from here. */
export interface Portfolio {
  journeys: PortfolioJourney[];
  /** Coverage's stages, in catalog order then by code point, with their names. */
  stages: ({ id: string } & DisplayName)[];
  personas: { id: string | null; persona: DisplayName | null; stages: Record<string, string[]> }[];
  channels: { id: string; channel: DisplayName; mode: ChannelMode; selfService: boolean; uses: JourneyStep[] }[];
  unusedChannels: string[];
  teams: Readonly<Record<string, DisplayName>>;
  handoffs: { from: string; to: string | null; count: number }[];
  backlog: BacklogEntry[];
  links: { from: JourneyStep; to: JourneyStep }[];
  /** Journeys no link leaves or reaches. */
  unlinked: string[];
  freshness: Freshness[];
  staleAfter: number;
  /** The day staleness was judged against (`--today`), when it was. */
  today?: string;
}
