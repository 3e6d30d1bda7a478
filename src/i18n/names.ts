import type { ProjectConfig } from "../config/types.js";
import type { Journey, Named, Stage, Step } from "../model/types.js";
import { formatList, formatSigned } from "./format.js";
import type { Labels } from "./types.js";
import { own } from "../util/own.js";

/**
 * A channel's, team's or persona's name in a report: its name in the report's language, then the
 * English name, then the first given (`name`, as `config/catalog-name.ts` read it), then the id.
 */
export function catalogName(entry: Named | undefined, lang: string, id = ""): string {
  if (!entry) return id;
  return (entry.names && own(entry.names, lang)) ?? entry.name;
}

/** Display names of the things a journey refers to by id, in the report's language. */
export class Names {
  constructor(
    private readonly journey: Journey,
    private readonly config: ProjectConfig,
    readonly labels: Labels,
  ) {}

  stage(stage: Stage): string {
    if (stage.name) return stage.name;
    return own(this.labels.stageNames, stage.id) ?? stage.id;
  }

  actor(step: Step): string {
    const id = step.actor;
    if (id === "customer") return this.journey.persona ? this.persona() : this.labels.actors.customer;
    if (id === "agent" || id === "system") return this.labels.actors[id];
    return this.team(id);
  }

  /** A team named as a handoff's `from`/`to` or an `owner`. */
  team(id: string): string {
    return catalogName(own(this.config.teams, id), this.labels.lang, id);
  }

  /** The journey's persona; "" when it has none. */
  persona(): string {
    return catalogName(this.journey.persona, this.labels.lang);
  }

  channel(id: string): string {
    return catalogName(this.journey.channels.get(id), this.labels.lang, id);
  }

  channels(step: Step): string {
    return formatList(
      this.labels,
      step.channels.map((id) => this.channel(id)),
    );
  }

  emotion(value: number | undefined): string {
    if (value === undefined) return "";
    return `${formatSigned(this.labels, value)} ${own(this.labels.emotions, String(value)) ?? ""}`.trim();
  }
}
