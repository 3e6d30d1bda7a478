import type { AnalysisResult } from "../analyze/types.js";
import { mermaidLabel } from "../escape/mermaid.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { Journey } from "../model/types.js";
import { flowDepth, flowDirection, flowNode, NODE_WIDTH, nodeId } from "./mermaid-flow.js";

/**
 * A Mermaid flowchart of what the event log shows (`render --analysis`): every step with the
 * cases that reached it, every observed move with its count on the edge. Moves the map has are
 * solid; moves it does not have (deviations) are dashed and red; mapped moves nobody took are
 * grey, so the map's shape stays visible.
 */
export function renderObservedDiagram(journey: Journey, graph: FlowGraph, analysis: AnalysisResult, dir: "ltr" | "rtl", notMeasured = "not measured"): string {
  // analyze's own figure, or "not measured" (never 0) for a step the log does not show.
  const reached = new Map(analysis.steps.map((s) => [s.id, s.reached]));
  const lines = [`flowchart ${flowDirection(flowDepth(graph), dir)}`];
  const unmeasured: string[] = [];
  for (const step of journey.steps) {
    const value = reached.get(step.id) ?? null;
    if (value === null) unmeasured.push(nodeId(step));
    const figure = value === null ? `<i>${mermaidLabel(notMeasured, NODE_WIDTH)}</i>` : String(value);
    lines.push(`  ${flowNode(nodeId(step), step, `${mermaidLabel(step.name, NODE_WIDTH)}<br/><small>${figure}</small>`)}`);
  }
  const deviations: number[] = [];
  const unused: number[] = [];
  const observed = new Set<string>();
  let link = 0;
  for (const t of analysis.transitions) {
    const from = journey.stepById.get(t.from)!;
    const to = journey.stepById.get(t.to)!;
    observed.add(`${from.index} ${to.index}`);
    if (!t.in_map) deviations.push(link);
    lines.push(`  ${nodeId(from)} ${t.in_map ? "-->" : "-.->"}|"${t.count}"| ${nodeId(to)}`);
    link++;
  }
  for (const step of journey.steps) {
    for (const target of graph.successors[step.index]) {
      if (observed.has(`${step.index} ${target}`)) continue;
      unused.push(link++);
      lines.push(`  ${nodeId(step)} --> ${nodeId(journey.steps[target])}`);
    }
  }
  const goals = journey.steps.filter((s) => graph.isGoal[s.index]).map(nodeId);
  lines.push("  classDef goal fill:#d9f2dc,stroke:#2e7d32,stroke-width:2px");
  if (goals.length > 0) lines.push(`  class ${goals.join(",")} goal`);
  if (unmeasured.length > 0) lines.push("  classDef notMeasured stroke-dasharray:4 3,color:#757575", `  class ${unmeasured.join(",")} notMeasured`);
  if (deviations.length > 0) lines.push(`  linkStyle ${deviations.join(",")} stroke:#d32f2f,stroke-width:2px,color:#d32f2f`);
  if (unused.length > 0) lines.push(`  linkStyle ${unused.join(",")} stroke:#bdbdbd`);
  return lines.join("\n") + "\n";
}
