import type { Rule } from "./types.js";

export const feedbackMissing: Rule = {
  meta: {
    id: "feedback-missing",
    description: "No step at or after the goal collects feedback.",
    severity: "info",
    messages: {
      missing: "no step at or after the goal collects feedback: add a survey, review request or interview with `collects: feedback`",
    },
  },
  check({ journey, flow, report }) {
    if (flow.goals.length === 0) return;
    const after = flow.reachableFromGoals;
    if (journey.steps.some((step) => step.collectsFeedback && after[step.index])) return;
    report({ messageId: "missing", at: ["goal", "steps"] });
  },
};
