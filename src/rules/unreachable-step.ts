import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const unreachableStep: Rule = {
  meta: {
    id: "unreachable-step",
    description: "A step that no entry can reach.",
    severity: "warning",
    messages: {
      unreachable: "no path from the entry reaches step `{{step}}`: link it with `next`, add it to `entry`, or remove it",
    },
  },
  check({ journey, flow, report }) {
    for (const step of journey.steps) {
      if (!flow.reachableFromEntries[step.index]) report({ messageId: "unreachable", data: { step: step.id }, at: stepPath(step), step });
    }
  },
};
