import type { JourneySummary } from "../model/journey-summary.js";
import { compareCodePoints } from "../util/code-point-order.js";
import type { BacklogEntry, JourneyStep } from "./types.js";

/**
 * The backlog: one entry per step and pain point or opportunity, with the step's emotion and the
 * customers lost after it (the figures' "lost after", null where not measured). Ordered by loss
 * (most first, unmeasured last), then emotion (lowest first, none last), then journey id, the
 * step's place in its journey, pain before opportunity, and the order written.
 */
export function backlog(journeys: readonly JourneySummary[]): BacklogEntry[] {
  const entries: (BacklogEntry & { order: number })[] = [];
  for (const journey of journeys)
    journey.steps.forEach((step, index) => {
      const base = { journey: journey.id, step: step.id, emotion: step.emotion, lost: step.lost };
      step.painPoints.forEach((text, i) => entries.push({ kind: "pain", text, ...base, order: index * 2 ** 20 + i }));
      step.opportunities.forEach((text, i) => entries.push({ kind: "opportunity", text, ...base, order: index * 2 ** 20 + 2 ** 19 + i }));
    });
  const descNull = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a);
  const ascNull = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);
  return entries
    .sort((a, b) => descNull(a.lost, b.lost) || ascNull(a.emotion, b.emotion) || compareCodePoints(a.journey, b.journey) || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry);
}

/** Backlog entries of the same kind and text, with their places, in backlog order (the human formats' and the index's view). */
export interface BacklogGroup {
  kind: BacklogEntry["kind"];
  text: string;
  /** Where it occurs, in backlog order. */
  places: (JourneyStep & { emotion: number | null; lost: number | null })[];
  /** The customers lost after its places, summed over the measured ones; null when none is measured. */
  lost: number | null;
  /** The lowest emotion of its places; null when none has one. */
  emotion: number | null;
}

export function groupBacklog(entries: readonly BacklogEntry[]): BacklogGroup[] {
  const groups = new Map<string, BacklogGroup>();
  for (const { kind, text, journey, step, emotion, lost } of entries) {
    const key = `${kind}\u0000${text}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind, text, places: [], lost: null, emotion: null };
      groups.set(key, group);
    }
    group.places.push({ journey, step, emotion, lost });
    if (lost !== null) group.lost = (group.lost ?? 0) + lost;
    if (emotion !== null) group.emotion = group.emotion === null ? emotion : Math.min(group.emotion, emotion);
  }
  return [...groups.values()];
}
