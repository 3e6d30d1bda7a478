import type { LinkedJourneys } from "./journey-links.js";
import { mermaidLabel, mermaidText } from "../escape/mermaid.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { Finding } from "../finding.js";
import type { Journey, Outcome, Step } from "../model/types.js";
import { formatNumber, plural } from "../i18n/format.js";
import { classLines, flowDirection, flowNode, NODE_WIDTH, renderFlowDiagram } from "./mermaid-flow.js";
import { mermaidLimitProblem } from "./mermaid-limits.js";
import type { Names } from "../i18n/names.js";

/** The flow diagram a journey is shown with, in `render` and `preview` alike. */
export interface ChosenFlow {
  definition: string;
  /** Set when the full flow is past Mermaid's limits and `definition` is the overview: why (`mermaidLimitProblem`). */
  tooLarge?: string;
  /** The reader's note on the overview, in the labels' language; set with `tooLarge`. */
  note?: string;
}

/**
 * The full flowchart, or past Mermaid's limits (where Mermaid would draw an error message, on
 * GitHub too) the flow by stage. `findings` include the suppressed ones: a suppression hides a
 * message, not a fact the diagram shows (an unanswered contact stays marked).
 */
export function chooseFlowDiagram(journey: Journey, graph: FlowGraph, findings: readonly Finding[], names: Names, journeys?: LinkedJourneys): ChosenFlow {
  const full = renderFlowDiagram(journey, graph, findings, names, journeys);
  const tooLarge = mermaidLimitProblem(full);
  if (!tooLarge) return { definition: full };
  return { definition: renderOverviewDiagram(journey, graph, names), tooLarge, note: plural(names.labels, names.labels.overviewNote, journey.steps.length) };
}

/**
 * The flow drawn by stage, for a journey whose full flowchart is past Mermaid's limits: one node
 * per stage with its number of steps, an edge wherever a step leads into another stage, and the
 * goal steps and the ends (grouped by outcome within a stage) hanging off their stages. Its size
 * grows with the stages, goal steps and outcomes, not with the steps.
 */
export function renderOverviewDiagram(journey: Journey, graph: FlowGraph, names: Names): string {
  const t = names.labels;
  const stageOf = new Array<number>(journey.steps.length);
  for (const stage of journey.stages) for (const step of stage.steps) stageOf[step.index] = stage.index;
  const stageId = (index: number) => `s${index + 1}`;
  const lines = [`flowchart ${flowDirection(journey.stages.length, t.dir)}`];
  const classes: Record<string, string[]> = { goal: [], success: [], abandoned: [] };
  for (const stage of journey.stages) {
    const count = plural(t, t.shortestPathSteps, stage.steps.length);
    lines.push(`  ${stageId(stage.index)}["${mermaidLabel(names.stage(stage), NODE_WIDTH)}<br/><small>${mermaidText(count)}</small>"]`);
  }
  const edges = new Set<string>();
  for (const step of journey.steps) {
    for (const target of graph.successors[step.index]) {
      const [from, to] = [stageOf[step.index], stageOf[target]];
      if (from !== to) edges.add(`  ${stageId(from)} --> ${stageId(to)}`);
    }
  }
  lines.push(...edges);
  for (const step of journey.steps.filter((s) => graph.isGoal[s.index])) {
    const id = `g${step.index + 1}`;
    lines.push(
      `  ${flowNode(id, { ...step, type: "end" }, `${mermaidLabel(step.name, NODE_WIDTH)}<br/><small>${mermaidText(t.map.goalStep)}</small>`)}`,
      `  ${stageId(stageOf[step.index])} --- ${id}`,
    );
    classes.goal.push(id);
  }
  for (const stage of journey.stages) {
    const ends = new Map<Outcome, Step[]>();
    for (const step of stage.steps) {
      if (step.type !== "end" || graph.isGoal[step.index]) continue; // a goal end is drawn as the goal
      const outcome = step.outcome ?? "other";
      if (!ends.has(outcome)) ends.set(outcome, []);
      ends.get(outcome)!.push(step);
    }
    for (const [outcome, steps] of ends) {
      const id = `e${stage.index + 1}${outcome}`;
      const label = steps.length === 1 ? mermaidLabel(steps[0].name, NODE_WIDTH) : mermaidText(`${formatNumber(t, steps.length)} × ${t.outcomes[outcome]}`);
      lines.push(`  ${flowNode(id, steps[0], label)}`, `  ${stageId(stage.index)} --> ${id}`);
      if (outcome !== "other") classes[outcome].push(id);
    }
  }
  return [...lines, ...classLines(classes)].join("\n") + "\n";
}
