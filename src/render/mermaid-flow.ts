import { mermaidText } from "../escape/mermaid.js";
import type { Finding } from "../finding.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { Journey, Step } from "../model/types.js";
import type { Names } from "./names.js";

const MAX_LABEL = 48;

/** Node shapes by step type: the reader sees at a glance where the customer reaches out or decides. */
export function flowNode(id: string, step: Step, label: string): string {
  switch (step.type) {
    case "decision":
      return `${id}{"${label}"}`;
    case "contact":
      return `${id}>"${label}"]`;
    case "response":
      return `${id}("${label}")`;
    case "handoff":
      return `${id}[["${label}"]]`;
    case "end":
      return `${id}(["${label}"])`;
    default:
      return `${id}["${label}"]`;
  }
}

/** Generated node ids (n1, n2, ...), shared by the flowcharts: user ids such as `end` would be Mermaid keywords. */
export const nodeId = (step: Step) => `n${step.index + 1}`;

/**
 * A Mermaid flowchart of the flow graph: frontstage and backstage as separate lanes, decisions
 * as diamonds with their `when` labels on the edges, contacts linked to their responses, goal
 * steps and end outcomes styled apart, steps with lint errors marked, channels on the nodes.
 * Node ids are generated (n1, n2, ...): user ids such as `end` would be Mermaid keywords.
 */
export function renderFlowDiagram(journey: Journey, graph: FlowGraph, findings: readonly Finding[], names: Names): string {
  const withErrors = new Set(findings.filter((f) => f.severity === "error" && f.stepId).map((f) => f.stepId));
  const label = (step: Step) => {
    const name = mermaidText(step.name, MAX_LABEL);
    const channels = step.channels.length > 0 ? `<br/><small>${mermaidText(names.channels(step), MAX_LABEL)}</small>` : "";
    const marker = withErrors.has(step.id) ? "⚠ " : "";
    return `${marker}${name}${channels}`;
  };
  const lines = ["flowchart LR"];
  for (const lane of ["frontstage", "backstage"] as const) {
    const steps = journey.steps.filter((step) => step.lane === lane);
    if (steps.length === 0) continue;
    lines.push(`  subgraph ${lane}["${mermaidText(lane === "frontstage" ? names.labels.frontstage : names.labels.backstage)}"]`, "    direction LR");
    for (const step of steps) lines.push(`    ${flowNode(nodeId(step), step, label(step))}`);
    lines.push("  end");
  }
  for (const step of journey.steps) {
    // The first `when` written for each target, found once per step (a decision may have thousands of branches).
    const whenOf = new Map<number | undefined, string | undefined>();
    for (const transition of step.next) {
      const index = journey.stepById.get(transition.to)?.index;
      if (!whenOf.has(index)) whenOf.set(index, transition.when);
    }
    for (const target of graph.successors[step.index]) {
      const when = whenOf.get(target);
      const edge = when ? ` -->|"${mermaidText(when, 40)}"| ` : " --> ";
      lines.push(`  ${nodeId(step)}${edge}${nodeId(journey.steps[target])}`);
    }
  }
  for (const step of journey.steps) {
    if (step.type !== "response" || !step.answers) continue;
    const contact = journey.stepById.get(step.answers);
    if (contact) lines.push(`  ${nodeId(contact)} -.- ${nodeId(step)}`);
  }
  const classes: Record<string, string[]> = { goal: [], success: [], abandoned: [], error: [] };
  for (const step of journey.steps) {
    if (graph.isGoal[step.index]) classes.goal.push(nodeId(step));
    if (step.type === "end" && step.outcome === "abandoned") classes.abandoned.push(nodeId(step));
    else if (step.type === "end" && step.outcome === "success") classes.success.push(nodeId(step));
    if (withErrors.has(step.id)) classes.error.push(nodeId(step));
  }
  lines.push(
    "  classDef goal fill:#d9f2dc,stroke:#2e7d32,stroke-width:2px",
    "  classDef success fill:#e8f5e9,stroke:#2e7d32",
    "  classDef abandoned fill:#fdecea,stroke:#c62828,stroke-dasharray:4 3",
    "  classDef error stroke:#d32f2f,stroke-width:3px",
  );
  for (const [name, ids] of Object.entries(classes)) if (ids.length > 0) lines.push(`  class ${ids.join(",")} ${name}`);
  return lines.join("\n") + "\n";
}
