import type { Rule } from "./types.js";

export const stageEmpty: Rule = {
  meta: {
    id: "stage-empty",
    description: "A stage with no steps.",
    severity: "warning",
    messages: {
      empty: "stage `{{stage}}` has no steps: add what the customer does here, or remove the stage",
    },
  },
  check({ journey, report }) {
    for (const stage of journey.stages) {
      if (stage.steps.length === 0) report({ messageId: "empty", data: { stage: stage.id }, at: [...stage.path, "id"] });
    }
  },
};
