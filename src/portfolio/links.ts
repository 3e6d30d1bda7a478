import type { JourneySummary } from "../model/journey-summary.js";
import { compareCodePoints } from "../util/code-point-order.js";
import type { Portfolio } from "./types.js";

/**
 * Every link between journeys (a step's `next` to `<journey-id>#<step-id>`), by the linking
 * journey's id, then its steps' order, then as written; and the journeys no link leaves or
 * reaches (ids by code point). Links are listed as written: whether they resolve is lint's check.
 */
export function journeyLinks(journeys: readonly JourneySummary[]): Pick<Portfolio, "links" | "unlinked"> {
  const links: Portfolio["links"] = [];
  const linked = new Set<string>();
  for (const journey of journeys)
    for (const step of journey.steps)
      for (const link of step.links) {
        links.push({ from: { journey: journey.id, step: step.id }, to: { journey: link.journey, step: link.step } });
        linked.add(journey.id);
        linked.add(link.journey);
      }
  const unlinked = journeys
    .map((journey) => journey.id)
    .filter((id) => !linked.has(id))
    .sort(compareCodePoints);
  return { links, unlinked };
}
