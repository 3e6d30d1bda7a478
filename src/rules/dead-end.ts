import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const deadEnd: Rule = {
  meta: {
    id: "dead-end",
    description: "A path stops at a step that is neither a goal nor `type: end` nor a link to another journey.",
    severity: "error",
    messages: {
      deadEnd: "the flow stops at `{{step}}`, which is neither a goal step nor `type: end`: add `next`, or make it an end with an `outcome`",
    },
  },
  check({ journey, graph, report }) {
    for (const step of journey.steps) {
      // A link to another journey's step continues the path there: the step is the journey's edge, not a dead end.
      if (graph.successors[step.index].length > 0 || graph.isGoal[step.index] || graph.isExit[step.index] || step.type === "end") continue;
      report({ messageId: "deadEnd", data: { step: step.id }, at: stepPath(step), step });
    }
  },
};
