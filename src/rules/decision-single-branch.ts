import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const decisionSingleBranch: Rule = {
  meta: {
    id: "decision-single-branch",
    description: "A decision with fewer than two branches.",
    severity: "warning",
    messages: {
      single:
        "decision `{{step}}` has {{count}} {{count|one:branch|other:branches}}: list two or more in `next`, e.g. `[{to: pays, when: has card}, {to: asks, when: no card}]`",
    },
  },
  check({ journey, graph, report }) {
    for (const step of journey.steps) {
      if (step.type !== "decision") continue;
      const count = graph.successors[step.index].length;
      if (count >= 2) continue;
      report({
        messageId: "single",
        data: { step: step.id, count },
        at: stepPath(step, step.explicitNext ? "next" : "id"),
        step,
      });
    }
  },
};
