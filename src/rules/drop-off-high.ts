import { fileFigures } from "../model/step-figures.js";
import type { Rule } from "./types.js";

export const dropOffHigh: Rule = {
  meta: {
    id: "drop-off-high",
    description: "Metrics show more than `max` of the customers who reached a step lost after it.",
    severity: "warning",
    options: {
      max: { type: "number", minimum: 0, maximum: 1, default: 0.5, description: "Largest share of customers (0 to 1) that may be lost after one step." },
    },
    messages: {
      high: "{{percent}}% of customers are lost after `{{step}}` ({{lost}} of the {{from}} who reached it; more than {{max}}%)",
      highMeasured:
        "{{percent}}% of customers are lost after `{{step}}` (the path of {{lost}} of the {{from}} who reached it ended there, measured in the event log from {{since}} to {{until}}; more than {{max}}%)",
    },
  },
  check({ journey, graph, options, report }) {
    // "Lost after" as every output defines it (model/step-figures.ts): measured, the cases whose
    // path ended at the step; hand-typed, reached minus the steps that only it leads to.
    const figures = fileFigures(journey, graph);
    if (!figures) return;
    for (const figure of figures.steps) {
      const lost = figure.lostAfter;
      if (lost?.kind !== "count" || figure.reached === null || figure.reached === 0 || lost.share <= options.max) continue;
      const step = journey.steps[figure.index];
      // With `measured:` the figures come from `journey analyze --write`: say so, and for when.
      const measured = figures.basis === "measured" ? journey.measured : undefined;
      report({
        messageId: measured ? "highMeasured" : "high",
        data: {
          step: step.id,
          percent: Math.round(lost.share * 100),
          from: figure.reached,
          lost: lost.lost,
          max: Math.round(options.max * 100),
          ...(measured && { since: measured.from, until: measured.to }),
        },
        at: [...step.path, "metrics"],
        step,
      });
    }
  },
};
