import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const channelMissing: Rule = {
  meta: {
    id: "channel-missing",
    description: "A frontstage step with no channel.",
    severity: "error",
    messages: {
      missing:
        "step `{{step}}` is seen by the customer but names no `channel`: say where it happens (website, email, store, ...); if the customer does not see it, say who does it (`actor: agent`, `actor: system` or a team), which puts it backstage",
      internal:
        "step `{{step}}` is done by `{{actor}}` on the frontstage lane but names no `channel`: name the channel where the customer sees it, or write `lane: backstage` if the customer does not see it",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.lane !== "frontstage" || step.channels.length > 0) continue;
      if (step.type === "end" && step.outcome === "abandoned") continue; // the customer has left: no touchpoint
      // Only an explicit `lane: frontstage` puts another actor's step without a channel there.
      if (step.actor !== "customer") report({ messageId: "internal", data: { step: step.id, actor: step.actor }, at: stepPath(step), step });
      else report({ messageId: "missing", data: { step: step.id }, at: stepPath(step), step });
    }
  },
};
