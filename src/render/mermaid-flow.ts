import { mermaidLabel, mermaidText } from "../escape/mermaid.js";
import type { Finding } from "../finding.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { Journey, Step } from "../model/types.js";
import type { Names } from "../i18n/names.js";
import { formatJourneyLink } from "../model/journey-link.js";
import { linkTarget, type LinkedJourneys } from "./journey-links.js";

/**
 * Characters per line of a node label, and of an edge's `when`: about Mermaid's own wrapping
 * width (200 px) at its 16 px font, so GitHub (HTML labels) and images (SVG text) break alike.
 */
export const NODE_WIDTH = 28;
export const EDGE_WIDTH = 24;

/**
 * Steps in a row at most before a flow is drawn top to bottom: GitHub scales a diagram down to
 * the page width, and past about 8 nodes of 200 px side by side its text is too small to read.
 */
const MAX_ACROSS = 8;

/**
 * The direction a flowchart whose longest path has `depth` nodes runs: across when it fits
 * `MAX_ACROSS` (right to left in a right-to-left language), top to bottom otherwise, which reads
 * the same in every script.
 */
export function flowDirection(depth: number, dir: "ltr" | "rtl"): "LR" | "RL" | "TB" {
  if (depth > MAX_ACROSS) return "TB";
  return dir === "rtl" ? "RL" : "LR";
}

/**
 * Steps on the longest path through the flow, each loop cut at the edge that closes it, as
 * Mermaid's layout ranks them. Iterative: a journey may have thousands of steps.
 */
export function flowDepth(graph: FlowGraph): number {
  const state = new Uint8Array(graph.size); // 0 unseen, 1 on the path being explored, 2 done
  const finished: number[] = [];
  const backEdges = new Set<string>();
  for (const root of [...graph.entries, ...graph.successors.keys()]) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = graph.successors[top[0]][top[1]++];
      if (next === undefined) {
        state[top[0]] = 2;
        finished.push(top[0]);
        stack.pop();
      } else if (state[next] === 1) backEdges.add(`${top[0]} ${next}`);
      else if (state[next] === 0) {
        state[next] = 1;
        stack.push([next, 0]);
      }
    }
  }
  // Reverse finishing order is a topological order once the back edges are gone.
  const rank = new Array<number>(graph.size).fill(1);
  for (let i = finished.length - 1; i >= 0; i--) {
    const from = finished[i];
    for (const to of graph.successors[from]) if (!backEdges.has(`${from} ${to}`)) rank[to] = Math.max(rank[to], rank[from] + 1);
  }
  return rank.reduce((a, b) => Math.max(a, b), 0);
}

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
 * Node ids are generated (n1, n2, ...): user ids such as `end` would be Mermaid keywords. A link to
 * another journey is an exit node (x1, x2, ...) outside the lanes, "continues in <title>", reached
 * by a dotted edge: the customer leaves this journey there.
 */
export function renderFlowDiagram(journey: Journey, graph: FlowGraph, findings: readonly Finding[], names: Names, journeys?: LinkedJourneys): string {
  const withErrors = new Set(findings.filter((f) => f.severity === "error" && f.stepId).map((f) => f.stepId));
  const label = (step: Step) => {
    const name = mermaidLabel(step.name, NODE_WIDTH);
    const channels = step.channels.length > 0 ? `<br/><small>${mermaidLabel(names.channels(step), NODE_WIDTH)}</small>` : "";
    const marker = withErrors.has(step.id) ? "⚠ " : "";
    return `${marker}${name}${channels}`;
  };
  const direction = flowDirection(flowDepth(graph), names.labels.dir);
  const lines = [`flowchart ${direction}`];
  for (const lane of ["frontstage", "backstage"] as const) {
    const steps = journey.steps.filter((step) => step.lane === lane);
    if (steps.length === 0) continue;
    lines.push(`  subgraph ${lane}["${mermaidText(lane === "frontstage" ? names.labels.frontstage : names.labels.backstage)}"]`, `    direction ${direction}`);
    for (const step of steps) lines.push(`    ${flowNode(nodeId(step), step, label(step))}`);
    lines.push("  end");
  }
  // One exit node per step of another journey that links lead to, in file order.
  const exits = new Map<string, string>();
  for (const step of journey.steps)
    for (const link of step.links) {
      const key = formatJourneyLink(link);
      if (exits.has(key)) continue;
      const id = `x${exits.size + 1}`;
      exits.set(key, id);
      const text = names.labels.continuesIn.replace("{journey}", () => linkTarget(link, journeys).title);
      lines.push(`  ${id}[/"${mermaidLabel(text, NODE_WIDTH)}"/]`);
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
      const edge = when ? ` -->|"${mermaidLabel(when, EDGE_WIDTH)}"| ` : " --> ";
      lines.push(`  ${nodeId(step)}${edge}${nodeId(journey.steps[target])}`);
    }
    for (const link of step.links) {
      const edge = link.when ? ` -.->|"${mermaidLabel(link.when, EDGE_WIDTH)}"| ` : " -.-> ";
      lines.push(`  ${nodeId(step)}${edge}${exits.get(formatJourneyLink(link))!}`);
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
  return [...lines, ...classLines(classes)].join("\n") + "\n";
}

/** The styles of goal steps, end outcomes and steps with errors, and the nodes that have them. */
export function classLines(classes: Record<string, string[]>): string[] {
  return [
    "  classDef goal fill:#d9f2dc,stroke:#2e7d32,stroke-width:2px",
    "  classDef success fill:#e8f5e9,stroke:#2e7d32",
    "  classDef abandoned fill:#fdecea,stroke:#c62828,stroke-dasharray:4 3",
    "  classDef error stroke:#d32f2f,stroke-width:3px",
    ...Object.entries(classes).flatMap(([name, ids]) => (ids.length > 0 ? [`  class ${ids.join(",")} ${name}`] : [])),
  ];
}
