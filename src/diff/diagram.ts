import { mermaidLabel } from "../escape/mermaid.js";
import { EDGE_WIDTH, flowNode, NODE_WIDTH } from "../render/mermaid-flow.js";
import type { Step } from "../model/types.js";
import { edgeKey, edgesOf } from "./moves.js";
import type { JourneyDiff } from "./types.js";

/**
 * A Mermaid flowchart of the head version with the change drawn on it: added steps and
 * transitions green, changed steps amber, removed steps and transitions dashed red (taken from
 * the base, so the reader sees what went away and where it was). A moved step is amber at its
 * new place, like any changed step; the transitions between steps both versions have that only
 * follow from a step moved, added or removed (`implied`) are drawn plain where they are new and
 * left out where they are gone, so a swap of two neighbours marks one step, not the four around
 * it, and an added step shows its own transitions, not the one it replaced. Node ids are generated (`n1` for head
 * steps, `r1` for removed ones): user ids such as `end` would be Mermaid keywords.
 */
export function diffFlowDiagram(diff: JourneyDiff): string | undefined {
  const head = diff.head?.model;
  if (!head) return undefined;
  const base = diff.base?.model;
  const h = head.journey;
  const removed = base ? base.journey.steps.filter((step) => !h.stepById.has(step.id)) : [];
  const added = new Set(h.steps.filter((step) => !base?.journey.stepById.has(step.id)).map((step) => step.id));
  const changed = new Set(diff.changes.filter((c) => c.side === "head" && c.step !== undefined && c.kind !== "step-added").map((c) => c.step!));
  const nodeId = new Map<string, string>([
    ...h.steps.map((step): [string, string] => [step.id, `n${step.index + 1}`]),
    ...removed.map((step, i): [string, string] => [step.id, `r${i + 1}`]),
  ]);
  const label = (step: Step) => mermaidLabel(step.name, NODE_WIDTH);

  const lines = ["flowchart LR"];
  for (const step of h.steps) lines.push(`  ${flowNode(nodeId.get(step.id)!, step, label(step))}`);
  for (const step of removed) lines.push(`  ${flowNode(nodeId.get(step.id)!, step, label(step))}`);

  const linkStyles: string[] = [];
  let link = 0;
  const baseEdges = base ? edgesOf(base) : new Map();
  const headEdges = edgesOf(head);
  const implied = diff.flow?.implied ?? new Set<string>();
  for (const step of h.steps) {
    for (const target of head.graph.successors[step.index]) {
      const to = h.steps[target];
      const when = step.next.find((t) => t.to === to.id)?.when;
      lines.push(`  ${nodeId.get(step.id)}${when ? ` -->|"${mermaidLabel(when, EDGE_WIDTH)}"| ` : " --> "}${nodeId.get(to.id)}`);
      const key = edgeKey(step.id, to.id);
      if (!baseEdges.has(key) && !implied.has(key)) linkStyles.push(`  linkStyle ${link} stroke:#2e7d32,stroke-width:3px`);
      link++;
    }
  }
  if (base) {
    for (const step of base.journey.steps) {
      for (const target of base.graph.successors[step.index]) {
        const to = base.journey.steps[target];
        const key = edgeKey(step.id, to.id);
        if (headEdges.has(key) || implied.has(key)) continue;
        lines.push(`  ${nodeId.get(step.id)} -.-> ${nodeId.get(to.id)}`);
        linkStyles.push(`  linkStyle ${link} stroke:#c62828,stroke-width:2px,stroke-dasharray:4 3`);
        link++;
      }
    }
  }
  lines.push(...linkStyles);
  lines.push(
    "  classDef added fill:#d9f2dc,stroke:#2e7d32,stroke-width:2px",
    "  classDef changed fill:#fff3cd,stroke:#b26a00,stroke-width:2px",
    "  classDef removed fill:#fdecea,stroke:#c62828,stroke-width:2px,stroke-dasharray:4 3",
  );
  const classes: [string, string[]][] = [
    ["added", h.steps.filter((step) => added.has(step.id)).map((step) => nodeId.get(step.id)!)],
    ["changed", h.steps.filter((step) => !added.has(step.id) && changed.has(step.id)).map((step) => nodeId.get(step.id)!)],
    ["removed", removed.map((step) => nodeId.get(step.id)!)],
  ];
  for (const [name, ids] of classes) if (ids.length > 0) lines.push(`  class ${ids.join(",")} ${name}`);
  return lines.join("\n") + "\n";
}
