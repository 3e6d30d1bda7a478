import type { Rule } from "./types.js";

/**
 * A customer who reaches a step came from one of the steps that lead to it in the map, or started
 * there. So a step that is not an entry cannot be reached by more customers than all its
 * predecessors together: merges (two entries into one step, branches that rejoin) add up, and a
 * loop back into a step is one more predecessor. Entries never fire (the file does not count
 * the customers who start there), nor does a step with a predecessor that has no figure (its
 * customers are unknown, not zero), nor a step nothing leads to (`unreachable-step` says so).
 * The definition every output shares: docs/rules/metrics-inconsistent.md.
 */
export const metricsInconsistent: Rule = {
  meta: {
    id: "metrics-inconsistent",
    description: "A step was reached by more customers than all the steps that lead to it together.",
    severity: "warning",
    messages: {
      moreThanPredecessor:
        "`{{step}}` was reached by {{reached}} {{reached|one:customer|other:customers}}, more than the {{before}} who reached `{{predecessor}}`, the only step that leads to it: check the figures, or the flow if customers also come in another way",
      moreThanPredecessors:
        "`{{step}}` was reached by {{reached}} {{reached|one:customer|other:customers}}, more than the {{before}} who reached the steps that lead to it ({{predecessors}}) together: check the figures, or the flow if customers also come in another way",
    },
  },
  check({ journey, graph, report }) {
    const isEntry = new Array<boolean>(graph.size).fill(false);
    for (const index of graph.entries) isEntry[index] = true;
    for (const step of journey.steps) {
      const reached = step.reached;
      if (reached === undefined || isEntry[step.index]) continue;
      // A self-loop brings back customers who already reached the step: not a way in.
      const predecessors = graph.predecessors[step.index].filter((index) => index !== step.index).map((index) => journey.steps[index]);
      if (predecessors.length === 0) continue;
      let before = 0;
      for (const predecessor of predecessors) {
        if (predecessor.reached === undefined) {
          before = Infinity;
          break;
        }
        before += predecessor.reached;
      }
      if (reached <= before) continue;
      report({
        ...(predecessors.length === 1
          ? { messageId: "moreThanPredecessor", data: { step: step.id, reached, before, predecessor: predecessors[0].id } }
          : { messageId: "moreThanPredecessors", data: { step: step.id, reached, before, predecessors: predecessors.map((p) => p.id) } }),
        at: [...step.path, "metrics"],
        step,
      });
    }
  },
};
