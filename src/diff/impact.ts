import { shortestPaths } from "../model/flow-graph.js";
import { handoffsToAnswer } from "./experience.js";
import { FIGURE_NAMES, type FigureName, type Impact, type Model } from "./types.js";

type Figures = Record<FigureName, number | null>;

/**
 * The journey-level figures of one version, from the same flow analysis the report and the rules
 * use: the shortest path to the goal in frontstage steps (as the report's key figures count it),
 * contacts, handoffs between contacts and their answers (as too-many-handoffs counts them),
 * distinct channels, the lowest and mean emotion, and the measured customers who reached a goal
 * step (`metrics.reached`; null when no goal step is measured).
 */
export function figuresOf(model: Model | undefined): Figures {
  if (!model) return Object.fromEntries(FIGURE_NAMES.map((name) => [name, null])) as Figures;
  const { journey, graph, flow } = model;
  const frontstage = (i: number) => (journey.steps[i].lane === "frontstage" ? 1 : 0);
  const { cost } = shortestPaths(graph, graph.entries, frontstage);
  const toGoal = Math.min(Infinity, ...flow.goals.map((i) => cost.get(i) ?? Infinity));
  let handoffs = 0;
  for (const contact of flow.contacts) handoffs += handoffsToAnswer(model, contact) ?? 0;
  const emotions = journey.steps.flatMap((step) => (step.emotion === undefined ? [] : [step.emotion]));
  const reached = flow.goals.flatMap((i) => (journey.steps[i].reached === undefined ? [] : [journey.steps[i].reached]));
  return {
    path_to_goal: toGoal === Infinity ? null : toGoal,
    contacts: flow.contacts.length,
    handoffs,
    channels: new Set(journey.steps.flatMap((step) => step.channels)).size,
    emotion_low: emotions.length > 0 ? Math.min(...emotions) : null,
    emotion_avg: emotions.length > 0 ? Math.round((emotions.reduce((sum, e) => sum + e, 0) / emotions.length) * 100) / 100 : null,
    goal_reached: reached.length > 0 ? reached.reduce((sum, n) => sum + n, 0) : null,
  };
}

export function impactOf(base: Model | undefined, head: Model | undefined): Impact {
  const before = figuresOf(base);
  const after = figuresOf(head);
  return Object.fromEntries(FIGURE_NAMES.map((name) => [name, { before: before[name], after: after[name] }])) as Impact;
}
