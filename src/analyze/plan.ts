import type { FlowGraph } from "../model/flow-graph.js";
import type { Journey } from "../model/types.js";
import type { AnalysisPlan } from "./types.js";

/**
 * The journey reduced to what an engine needs: step indexes in file order, the activity of
 * every step id and `events:` entry, and the flow graph's edges, entries and goals. The journey
 * must be free of structural errors (`duplicate-event-mapping` guarantees one step per activity).
 */
export function planAnalysis(journey: Journey, graph: FlowGraph, top: number): AnalysisPlan {
  const activities = new Map<string, number>();
  for (const step of journey.steps) {
    activities.set(step.id, step.index);
    for (const activity of step.events) activities.set(activity, step.index);
  }
  const edges = graph.successors.flatMap((targets, from) => targets.map((to) => [from, to] as const));
  const goals = graph.isGoal.flatMap((goal, index) => (goal ? [index] : []));
  return { journeyId: journey.id, stepIds: journey.steps.map((s) => s.id), activities, edges, entries: graph.entries, goals, top };
}
