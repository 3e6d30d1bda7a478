import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const channelMissing: Rule = {
  meta: {
    id: "channel-missing",
    description: "A frontstage step with no channel.",
    severity: "error",
    messages: {
      missing: "step `{{step}}` is seen by the customer but names no `channel`: say where it happens (website, email, store, ...)",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.lane !== "frontstage" || step.channels.length > 0) continue;
      if (step.type === "end" && step.outcome === "abandoned") continue; // the customer has left: no touchpoint
      report({ messageId: "missing", data: { step: step.id }, at: stepPath(step), step });
    }
  },
};
