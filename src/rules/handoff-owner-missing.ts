import { BUILTIN_ACTORS } from "../model/types.js";
import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const handoffOwnerMissing: Rule = {
  meta: {
    id: "handoff-owner-missing",
    description: "A handoff or backstage step with no owner or teams.",
    severity: "warning",
    messages: {
      handoff: "handoff `{{step}}` does not say who hands over to whom: add `from` and `to` teams, or an `owner`",
      backstage: "backstage step `{{step}}` has no owner: add `owner`, or make a team its `actor`",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.owner !== undefined) continue;
      if (step.type === "handoff") {
        if (step.from === undefined || step.to === undefined) report({ messageId: "handoff", data: { step: step.id }, at: stepPath(step), step });
      } else if (step.lane === "backstage" && BUILTIN_ACTORS.includes(step.actor)) {
        report({ messageId: "backstage", data: { step: step.id }, at: stepPath(step), step });
      }
    }
  },
};
