import type { Step } from "../model/types.js";
import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const branchFallthrough: Rule = {
  meta: {
    id: "branch-fallthrough",
    description: "A decision branch that runs on, in file order, into the target of another branch of the same decision.",
    severity: "warning",
    messages: {
      fallsThrough:
        "`{{step}}` is on a branch of decision `{{decision}}` and, without `next`, continues in file order to `{{next}}`, the target of another branch: give `{{step}}` a `next` (`next: []` when the branch ends there)",
    },
  },
  check({ journey, report }) {
    for (const decision of journey.steps) {
      if (decision.type !== "decision") continue;
      const targets = new Set(decision.next.map((t) => t.to));
      if (targets.size < 2) continue;
      for (const target of targets) {
        // Follow the branch while it only continues in file order (ESLint's no-fallthrough,
        // for the steps after a decision): an explicit `next`, even `next: []`, is a decision.
        const seen = new Set<string>();
        let step: Step | undefined = journey.stepById.get(target);
        while (step && !step.explicitNext && step.next.length === 1 && !seen.has(step.id)) {
          seen.add(step.id);
          const next = step.next[0].to;
          if (targets.has(next) && next !== target) {
            report({ messageId: "fallsThrough", data: { step: step.id, decision: decision.id, next }, at: stepPath(step), step });
            break;
          }
          step = journey.stepById.get(next);
        }
      }
    }
  },
};
