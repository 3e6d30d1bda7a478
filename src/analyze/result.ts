import { compareCodePoints } from "../util/code-point-order.js";
import type { AnalysisPlan, AnalysisResult, EngineFigures } from "./types.js";

/** The spec's JSON from an engine's figures: ids for indexes, orders and derived lists. */
export function buildResult(plan: AnalysisPlan, figures: EngineFigures, engine: AnalysisResult["engine"]): AnalysisResult {
  const id = (index: number) => plan.stepIds[index];
  const edges = new Set(plan.edges.map(([from, to]) => `${from} ${to}`));
  const transitions = figures.transitions
    .map((t) => ({ from: id(t.from), to: id(t.to), count: t.count, in_map: edges.has(`${t.from} ${t.to}`), median_seconds: t.medianSeconds }))
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
    // A step the log never shows is not measured (null), not reached by nobody (0): on the whole
    // log a step is measured exactly when some case reached it (docs/analyze.md).
    steps: plan.stepIds.map((stepId, i) => {
      const step = figures.steps[i];
      return step && step.reached > 0 ? { id: stepId, reached: step.reached, ended_here: step.endedHere } : { id: stepId, reached: null, ended_here: null };
    }),
    transitions,
    deviations,
    variants: figures.variants.slice(0, plan.top).map((v) => ({ path: v.path.map(id), cases: v.cases })),
    unmapped_activities: figures.unmappedActivities.slice(0, plan.top).map((u) => ({ ...u })),
  };
}

/** The spec's `events`; `lifecycle_dropped` only when the engine read an XES log. */
function eventCounts(events: EngineFigures["events"]): AnalysisResult["events"] {
  const { read, mapped, unmapped, skipped, lifecycleDropped } = events;
  return { read, mapped, unmapped, skipped, ...(lifecycleDropped !== undefined ? { lifecycle_dropped: lifecycleDropped } : {}) };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** `YYYY-MM-DDTHH:MM:SSZ`, with `.sss` only when the milliseconds are not zero (UTC). */
export function formatTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
