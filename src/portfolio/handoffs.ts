import type { JourneySummary } from "../model/journey-summary.js";
import { compareCodePoints } from "../util/code-point-order.js";
import type { Portfolio } from "./types.js";

/**
 * The handoff matrix: handoff steps across journeys counted by team pair (`from`, else the
 * step's actor, -> `to`, null when the step names none), ordered by `from` then `to` (null last).
 */
export function handoffMatrix(journeys: readonly JourneySummary[]): Portfolio["handoffs"] {
  const counts = new Map<string, { from: string; to: string | null; count: number }>();
  for (const journey of journeys)
    for (const step of journey.steps) {
      if (!step.handoff) continue;
      const { from, to } = step.handoff;
      const key = JSON.stringify([from, to]);
      const entry = counts.get(key) ?? { from, to, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  return [...counts.values()].sort(
    (a, b) => compareCodePoints(a.from, b.from) || (a.to === null ? 1 : 0) - (b.to === null ? 1 : 0) || compareCodePoints(a.to ?? "", b.to ?? ""),
  );
}
