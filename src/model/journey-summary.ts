import type { FlowGraph } from "./flow-graph.js";
import type { JourneyLink } from "./journey-link.js";
import { fileFigures, type LostAfter } from "./step-figures.js";
import type { ChannelMode, Journey } from "./types.js";

/**
 * What the project-wide views (`journey portfolio`, render's index) read of one journey: plain
 * data, small and structured-clonable, so a lint worker thread can send it back instead of the
 * model. Built from the model once per journey; every aggregate reads it from here.
 */
export interface JourneySummary {
  id: string;
  title: string;
  /** The persona: `id` null for an inline persona; undefined when the journey names none. */
  persona?: { id: string | null; name: string; names?: Readonly<Record<string, string>> };
  goal: { description?: string; steps: string[] };
  /** `lang:` of the journey, when it names one. */
  lang?: string;
  /** Stage ids and names in file order. */
  stages: { id: string; name?: string }[];
  reviewed: string | null;
  /** `measured.to`, the end of the period last measured. */
  measuredTo: string | null;
  /** `measured.conversion`, as `journey analyze --write` wrote it. */
  conversion: number | null;
  /** The channels the journey declares itself (its own `channels:` catalog). */
  channels: { id: string; name: string; names?: Readonly<Record<string, string>>; mode: ChannelMode; selfService: boolean }[];
  steps: StepSummary[];
}

export interface StepSummary {
  id: string;
  name: string;
  stage: string;
  type: string;
  channels: string[];
  /** A handoff's teams: `from` (else its actor) and `to` (null when the step names none); undefined for other steps. */
  handoff?: { from: string; to: string | null };
  emotion: number | null;
  painPoints: string[];
  opportunities: string[];
  /**
   * Customers lost after the step (`model/step-figures.ts`, from the file's figures): the count
   * ended there, 0 at a goal step, null when not measured, at a `type: end` step (the figures
   * count no loss where a path is meant to stop) or when the figures cannot tell.
   */
  lost: number | null;
  links: JourneyLink[];
}

export function journeySummary(journey: Journey, graph: FlowGraph): JourneySummary {
  const figures = fileFigures(journey, graph);
  return {
    id: journey.id,
    title: journey.title,
    ...(journey.persona
      ? { persona: { id: journey.persona.id ?? null, name: journey.persona.name, ...(journey.persona.names ? { names: journey.persona.names } : {}) } }
      : {}),
    goal: { ...(journey.goal.description !== undefined ? { description: journey.goal.description } : {}), steps: [...journey.goal.steps] },
    ...(journey.lang !== undefined ? { lang: journey.lang } : {}),
    stages: journey.stages.map((stage) => ({ id: stage.id, ...(stage.name !== undefined ? { name: stage.name } : {}) })),
    reviewed: journey.reviewed ?? null,
    measuredTo: journey.measured?.to ?? null,
    conversion: journey.measured?.conversion ?? null,
    channels: [...journey.channels.values()]
      .filter((channel) => channel.declaredInJourney)
      .map((channel) => ({
        id: channel.id,
        name: channel.name,
        ...(channel.names ? { names: channel.names } : {}),
        mode: channel.mode,
        selfService: channel.self_service ?? false,
      })),
    steps: journey.steps.map((step) => ({
      id: step.id,
      name: step.name,
      stage: step.stageId,
      type: step.type,
      channels: [...step.channels],
      ...(step.type === "handoff" ? { handoff: { from: step.from ?? step.actor, to: step.to ?? null } } : {}),
      emotion: step.emotion ?? null,
      painPoints: [...step.painPoints],
      opportunities: [...step.opportunities],
      lost: lostCount(figures?.steps[step.index].lostAfter ?? null),
      links: step.links.map(({ journey, step }) => ({ journey, step })),
    })),
  };
}

function lostCount(lostAfter: LostAfter | null): number | null {
  if (!lostAfter) return null;
  switch (lostAfter.kind) {
    case "count":
      return lostAfter.lost;
    case "goal":
      return 0;
    default:
      return null;
  }
}
