import { wentOn } from "../model/analysis.js";
import type { Rule } from "./types.js";

export const dropOffHigh: Rule = {
  meta: {
    id: "drop-off-high",
    description: "Metrics show more than `max` of customers lost between consecutive steps.",
    severity: "warning",
    options: {
      max: { type: "number", minimum: 0, maximum: 1, default: 0.5, description: "Largest share of customers (0 to 1) that may be lost after one step." },
    },
    messages: {
      high: "{{percent}}% of customers are lost after `{{step}}` ({{from}} reached it, {{to}} went on; more than {{max}}%)",
      highMeasured:
        "{{percent}}% of customers are lost after `{{step}}` ({{from}} reached it, {{to}} went on, measured in the event log from {{since}} to {{until}}; more than {{max}}%)",
    },
  },
  check({ journey, graph, options, report }) {
    for (const step of journey.steps) {
      if (step.reached === undefined || step.reached === 0) continue;
      const kept = wentOn(journey, graph, step);
      if (kept === undefined) continue;
      const lost = 1 - kept / step.reached;
      if (lost <= options.max) continue;
      // With `measured:` the figures come from `journey analyze --write`: say so, and for when.
      const measured = journey.measured;
      report({
        messageId: measured ? "highMeasured" : "high",
        data: {
          step: step.id,
          percent: Math.round(lost * 100),
          from: step.reached,
          to: kept,
          max: Math.round(options.max * 100),
          ...(measured && { since: measured.from, until: measured.to }),
        },
        at: [...step.path, "metrics"],
        step,
      });
    }
  },
};
