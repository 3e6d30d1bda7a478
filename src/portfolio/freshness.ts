import type { JourneySummary } from "../model/journey-summary.js";
import type { Freshness } from "./types.js";

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` day (or the day of an ISO timestamp) as days since 1970-01-01, UTC; undefined when it is no real day. */
export function dayNumber(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2026-02-30 over into March: such a day does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/**
 * Per journey, when it was last checked with customers (`reviewed`) and the end of the period
 * last measured (`measured.to`). With a day to judge against (`today`), a journey is stale when
 * either is more than `staleAfter` days before it, or when it has neither (never checked).
 * Without one (render's index, which must not change with the calendar) nothing is flagged.
 */
export function freshness(journeys: readonly JourneySummary[], staleAfter: number, today?: number): Freshness[] {
  return journeys.map((journey) => {
    const entry: Freshness = { journey: journey.id, reviewed: journey.reviewed, measuredTo: journey.measuredTo };
    if (today === undefined) return entry;
    const days = [journey.reviewed, journey.measuredTo].flatMap((date) => {
      const day = date === null ? undefined : dayNumber(date);
      return day === undefined ? [] : [day];
    });
    entry.stale = days.length === 0 || days.some((day) => today - day > staleAfter);
    return entry;
  });
}
