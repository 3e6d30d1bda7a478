import { formatJourneyLink } from "../model/journey-link.js";
import type { Step } from "../model/types.js";
import type { ChangeList } from "./change-list.js";
import type { Model } from "./types.js";

/**
 * Links to other journeys' steps (`next: [refund#asks]`) new in the head or gone from it, step by
 * step: a step added or removed brings its links with it, since where a journey hands the
 * customer to another is what a reviewer of the portfolio looks for. A link is not an edge of the
 * flow graph, so no `edge-added` or `edge-removed` ever reports one.
 */
export function compareLinks(base: Model, head: Model, out: ChangeList): void {
  const written = (step: Step | undefined) => new Map((step?.links ?? []).map((link) => [formatJourneyLink(link), link]));
  for (const step of head.journey.steps) {
    const before = written(base.journey.stepById.get(step.id));
    for (const [target, link] of written(step)) {
      if (before.has(target)) continue;
      out.add(
        "link-added",
        { model: head, side: "head", path: link.path, step: step.id, stage: step.stageId },
        `\`${step.id}\` now continues in journey \`${link.journey}\` at \`${link.step}\`${link.when ? ` (when ${link.when})` : ""}`,
        { after: { from: step.id, to: target } },
      );
    }
  }
  for (const step of base.journey.steps) {
    const after = written(head.journey.stepById.get(step.id));
    for (const [target, link] of written(step)) {
      if (after.has(target)) continue;
      out.add(
        "link-removed",
        { model: base, side: "base", path: link.path, step: step.id, stage: step.stageId },
        `\`${step.id}\` no longer continues in journey \`${link.journey}\` at \`${link.step}\``,
        { before: { from: step.id, to: target } },
      );
    }
  }
}
