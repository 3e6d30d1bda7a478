import { compareCodePoints } from "../util/code-point-order.js";
import { segmentsOf } from "./segments.js";
import type { AnalysisPlan, AnalysisResult, EngineFigures, TrendUnit } from "./types.js";

/** The spec's JSON from an engine's figures: ids for indexes, orders and derived lists. */
export function buildResult(plan: AnalysisPlan, figures: EngineFigures, engine: AnalysisResult["engine"]): AnalysisResult {
  const id = (index: number) => plan.stepIds[index];
  const measured = new Set(figures.measuredSteps);
  const edges = new Set(plan.edges.map(([from, to]) => `${from} ${to}`));
  const transitions = figures.transitions
    .map((t) => ({
      from: id(t.from),
      to: id(t.to),
      count: t.count,
      in_map: edges.has(`${t.from} ${t.to}`),
      median_seconds: t.medianSeconds,
      p90_seconds: t.p90Seconds,
    }))
    .sort((a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.to, b.to));
  const deviations = transitions
    .filter((t) => !t.in_map)
    .sort((a, b) => b.count - a.count || compareCodePoints(a.from, b.from) || compareCodePoints(a.to, b.to))
    .slice(0, plan.top)
    .map(({ from, to, count }) => ({ from, to, count }));
  return {
    journey: plan.journeyId,
    engine,
    events: eventCounts(figures.events),
    period: figures.period && { from: formatTime(figures.period.from), to: formatTime(figures.period.to) },
    cases: figures.cases,
    conversion: ratio(figures.converted, figures.cases),
    fitness: ratio(figures.fit, figures.cases),
    // A step the log never shows is not measured (null), not reached by nobody (0). Measured is
    // decided on the whole log: within a window or period a measured step nobody reached is 0.
    steps: plan.stepIds.map((stepId, i) => {
      const step = figures.steps[i];
      return measured.has(i) ? { id: stepId, reached: step?.reached ?? 0, ended_here: step?.endedHere ?? 0 } : { id: stepId, reached: null, ended_here: null };
    }),
    transitions,
    time_to_goal: figures.timeToGoal && { median_seconds: figures.timeToGoal.medianSeconds, p90_seconds: figures.timeToGoal.p90Seconds },
    ties: { ...figures.ties },
    deviations,
    variants: figures.variants.slice(0, plan.top).map((v) => ({ path: v.path.map(id), cases: v.cases })),
    unmapped_activities: figures.unmappedActivities.slice(0, plan.top).map((u) => ({ ...u })),
    ...(plan.every !== undefined ? { trend: trend(plan.every, figures.startDays ?? []) } : {}),
    ...(plan.by !== undefined ? { by: plan.by, segments: segmentsOf(plan, figures) } : {}),
    ...(plan.windowMs !== undefined ? { window_seconds: plan.windowMs / 1000 } : {}),
    ...(plan.since !== undefined || plan.until !== undefined
      ? { started: { since: plan.since === undefined ? null : formatTime(plan.since), until: plan.until === undefined ? null : formatTime(plan.until) } }
      : {}),
  };
}

/** The spec's `events`; `lifecycle_dropped` only when the engine read an XES log. */
function eventCounts(events: EngineFigures["events"]): AnalysisResult["events"] {
  const { read, mapped, unmapped, skipped, lifecycleDropped } = events;
  return { read, mapped, unmapped, skipped, ...(lifecycleDropped !== undefined ? { lifecycle_dropped: lifecycleDropped } : {}) };
}

/** Position (counting from 1) of the lower median among `n` sorted values: ceil(n / 2). */
export const medianRank = (n: number) => Math.floor((n + 1) / 2);
/** Position (counting from 1) of the nearest-rank 90th percentile among `n` sorted values: ceil(0.9 n), in integers. */
export const p90Rank = (n: number) => Math.floor((9 * n + 9) / 10);

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** `YYYY-MM-DDTHH:MM:SSZ`, with `.sss` only when the milliseconds are not zero (UTC). */
export function formatTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

const DAY_MS = 86_400_000;

/** The start (a UTC day number) of the bucket holding `day`: itself, its week's Monday, or its month's first day. */
function bucketStart(unit: TrendUnit, day: number): number {
  if (unit === "day") return day;
  // 1970-01-01 (day 0) was a Thursday: Monday is 3 days before.
  if (unit === "week") return day - ((((day + 3) % 7) + 7) % 7);
  const date = new Date(day * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS);
}

/** The bucket after the one starting on `start`. */
function nextBucket(unit: TrendUnit, start: number): number {
  if (unit === "day") return start + 1;
  if (unit === "week") return start + 7;
  const date = new Date(start * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS);
}

/** Every bucket from the first case's to the last case's, in order, empty ones included. */
function trend(unit: TrendUnit, days: NonNullable<EngineFigures["startDays"]>): NonNullable<AnalysisResult["trend"]> {
  const buckets = new Map<number, { cases: number; converted: number; fit: number }>();
  for (const { day, cases, converted, fit } of days) {
    const start = bucketStart(unit, day);
    const bucket = buckets.get(start) ?? { cases: 0, converted: 0, fit: 0 };
    buckets.set(start, { cases: bucket.cases + cases, converted: bucket.converted + converted, fit: bucket.fit + fit });
  }
  if (buckets.size === 0) return [];
  const starts = [...buckets.keys()];
  const last = Math.max(...starts);
  const out: NonNullable<AnalysisResult["trend"]> = [];
  for (let start = Math.min(...starts); start <= last; start = nextBucket(unit, start)) {
    const bucket = buckets.get(start);
    const from = formatTime(start * DAY_MS);
    out.push(
      bucket
        ? { from, cases: bucket.cases, conversion: bucket.converted / bucket.cases, fitness: bucket.fit / bucket.cases }
        : { from, cases: 0, conversion: null, fitness: null },
    );
  }
  return out;
}
