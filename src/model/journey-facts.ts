import type { Locator } from "../load/locator.js";
import { reachable, type FlowGraph } from "./flow-graph.js";
import type { Journey } from "./types.js";

/** A link of a journey as the project-level rules see it: the step it leaves from, the step it goes to, where it is written. */
export interface LinkFact {
  from: string;
  journey: string;
  step: string;
  span: ReturnType<Locator["span"]>;
}

/**
 * What the project-level rules need of one journey, small enough to send back from a lint worker
 * thread (the model is not): the catalog entries it uses, its links, and, for a journey with
 * links, what each step leads to within the journey (a goal, and which of its links).
 */
export interface JourneyFacts {
  id: string;
  /** Channel ids its steps use, team ids it names (actors, owners, handoffs), its persona's id when it names one. */
  channels: string[];
  teams: string[];
  persona?: string;
  links: LinkFact[];
  /**
   * For a journey with links, by step id: whether a goal step is reachable from the step (itself
   * included), and the indexes (in `links`) of the links reachable from it. Empty without links: such
   * a journey ends every path that enters it, so it is in no cycle of links.
   */
  reach: Record<string, { goal: boolean; links: number[] }>;
}

export function journeyFacts(journey: Journey, graph: FlowGraph, locator: Locator): JourneyFacts {
  const channels = new Set<string>();
  const teams = new Set<string>();
  if (journey.owner !== undefined) teams.add(journey.owner);
  const links: LinkFact[] = [];
  const linkSteps: number[] = [];
  for (const step of journey.steps) {
    for (const channel of step.channels) channels.add(channel);
    for (const team of [step.actor, step.owner, step.from, step.to]) if (team !== undefined) teams.add(team);
    for (const link of step.links) {
      links.push({ from: step.id, journey: link.journey, step: link.step, span: locator.span(link.path) });
      linkSteps.push(step.index);
    }
  }
  const reach: JourneyFacts["reach"] = {};
  if (links.length > 0) {
    const toGoal = reachable(
      graph,
      graph.isGoal.flatMap((goal, i) => (goal ? [i] : [])),
      "backward",
    );
    const toLink = linkSteps.map((index) => reachable(graph, [index], "backward"));
    for (const step of journey.steps) {
      if (Object.hasOwn(reach, step.id)) continue; // a duplicate id is reported; the first step is the one links name
      reach[step.id] = { goal: toGoal[step.index], links: toLink.flatMap((reaches, i) => (reaches[step.index] ? [i] : [])) };
    }
  }
  return {
    id: journey.id,
    channels: [...channels],
    teams: [...teams],
    ...(journey.persona?.id !== undefined ? { persona: journey.persona.id } : {}),
    links,
    reach,
  };
}
