import type { Rule } from "./types.js";

export const emotionUnaddressed: Rule = {
  meta: {
    id: "emotion-unaddressed",
    description: "A negative emotion with no pain point and no opportunity written down.",
    severity: "warning",
    messages: {
      unaddressed: "the customer feels bad at `{{step}}` (emotion {{emotion}}) but no `pain_points` or `opportunities` say why or what to do",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.emotion === undefined || step.emotion > -1) continue;
      if (step.painPoints.length > 0 || step.opportunities.length > 0) continue;
      report({ messageId: "unaddressed", data: { step: step.id, emotion: step.emotion }, at: [...step.path, "emotion"], step });
    }
  },
};
