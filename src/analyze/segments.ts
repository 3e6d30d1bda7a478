/**
 * `--by <column>`: the segments of an analysis, from the integer counts an engine returns. The one
 * place that orders them (cases descending, then value by code point, the missing value last) and
 * that sums the segments past `--top` into "other" for the human formats (docs/analyze.md,
 * "Segments"). The JSON lists every segment; stylish and Markdown show `segmentRows`.
 */
import { compareCodePoints } from "../util/code-point-order.js";
import type { AnalysisPlan, AnalysisSegment, EngineFigures, EngineSegment } from "./types.js";

/** Cases descending, then value by code point; the missing value (null) last whatever its count. */
export function orderSegments<T extends { value: string | null; cases: number }>(segments: readonly T[]): T[] {
  return [...segments].sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    return b.cases - a.cases || compareCodePoints(a.value ?? "", b.value ?? "");
  });
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The step figures of a segment as the JSON has them: null where the step is not measured on the whole log, else its count (0 when none of the segment's cases reached it). */
function stepFigures(plan: AnalysisPlan, measured: ReadonlySet<number>, steps: EngineSegment["steps"]): AnalysisSegment["steps"] {
  return plan.stepIds.map((id, i) =>
    measured.has(i) ? { id, reached: steps[i]?.reached ?? 0, ended_here: steps[i]?.endedHere ?? 0 } : { id, reached: null, ended_here: null },
  );
}

/** The JSON's `segments`: every segment, in order. */
export function segmentsOf(plan: AnalysisPlan, figures: EngineFigures): AnalysisSegment[] {
  const measured = new Set(figures.measuredSteps);
  return orderSegments(figures.segments ?? []).map((s) => ({
    value: s.value,
    cases: s.cases,
    conversion: ratio(s.converted, s.cases),
    fitness: ratio(s.fit, s.cases),
    steps: stepFigures(plan, measured, s.steps),
    time_to_goal: s.timeToGoal && { median_seconds: s.timeToGoal.medianSeconds, p90_seconds: s.timeToGoal.p90Seconds },
  }));
}

/** A row of the segments table the human formats show: one segment, or "other" (the segments past `--top`, summed). */
export interface SegmentRow {
  /** The segment's value; null for the missing value; for "other", how many segments it sums. */
  segment: { kind: "value"; value: string } | { kind: "missing" } | { kind: "other"; segments: number };
  cases: number;
  conversion: number;
  fitness: number;
  /** As `AnalysisSegment.steps`: the segment's funnel (`--verbose`). */
  steps: AnalysisSegment["steps"];
}

/**
 * At most `top` segments in order, then one "other" row for the rest when there is a rest: its
 * cases, converted, fit, reached and ended here summed from the engine's integer counts, its
 * conversion and fitness recomputed from those sums (never an average of ratios).
 */
export function segmentRows(plan: AnalysisPlan, figures: EngineFigures, top: number): SegmentRow[] {
  const measured = new Set(figures.measuredSteps);
  const ordered = orderSegments(figures.segments ?? []);
  const row = (s: Omit<EngineSegment, "value" | "timeToGoal">, segment: SegmentRow["segment"]): SegmentRow => ({
    segment,
    cases: s.cases,
    conversion: ratio(s.converted, s.cases),
    fitness: ratio(s.fit, s.cases),
    steps: stepFigures(plan, measured, s.steps),
  });
  const shown = ordered.slice(0, top).map((s) => row(s, s.value === null ? { kind: "missing" } : { kind: "value", value: s.value }));
  const rest = ordered.slice(top);
  if (rest.length === 0) return shown;
  const sum = {
    cases: 0,
    converted: 0,
    fit: 0,
    steps: plan.stepIds.map(() => ({ reached: 0, endedHere: 0 })),
  };
  for (const s of rest) {
    sum.cases += s.cases;
    sum.converted += s.converted;
    sum.fit += s.fit;
    s.steps.forEach((step, i) => {
      sum.steps[i].reached += step.reached;
      sum.steps[i].endedHere += step.endedHere;
    });
  }
  return [...shown, row(sum, { kind: "other", segments: rest.length })];
}
