import type { Rule } from "./types.js";

export const personaMissing: Rule = {
  meta: {
    id: "persona-missing",
    description: "No persona, or a persona without goals.",
    severity: "warning",
    messages: {
      missing: "this journey names no `persona`: say whose journey it is (an id from journey.config.yaml, or an inline persona)",
      noGoals: "persona `{{persona}}` lists no `goals`: a journey map is built around what the customer wants",
    },
  },
  check({ journey, report }) {
    if (!journey.persona) {
      report({ messageId: "missing", at: ["id"] });
      return;
    }
    if ((journey.persona.goals ?? []).length === 0) {
      report({ messageId: "noGoals", data: { persona: journey.persona.id ?? journey.persona.name }, at: ["persona"], target: "key" });
    }
  },
};
