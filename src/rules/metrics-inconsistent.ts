import { wentOn } from "../model/analysis.js";
import type { Rule } from "./types.js";

export const metricsInconsistent: Rule = {
  meta: {
    id: "metrics-inconsistent",
    description: "The steps that follow a step were reached by more customers than the step itself.",
    severity: "warning",
    messages: {
      grows:
        "the steps after `{{step}}` were reached by {{after}} customers, more than the {{reached}} who reached it: check the figures, or the flow if customers also enter those steps another way",
    },
  },
  check({ journey, graph, report }) {
    for (const step of journey.steps) {
      if (step.reached === undefined) continue;
      // Counted as `drop-off-high` and the report's funnel count going on, so the three agree.
      const after = wentOn(journey, graph, step);
      if (after === undefined || after <= step.reached) continue;
      report({ messageId: "grows", data: { step: step.id, after, reached: step.reached }, at: [...step.path, "metrics"], step });
    }
  },
};
