import type { Severity } from "../finding.js";
import { SEVERITY_RANK } from "./kinds.js";
import { FIGURE_NAMES, type Change, type DiffResult, type Figure, type JourneyDiff } from "./types.js";

/** Counts every format's summary line shows. */
export interface DiffCounts {
  changes: number;
  bySeverity: Record<Severity, number>;
  journeysChanged: number;
  stepsAdded: number;
  stepsRemoved: number;
  stepsMoved: number;
  newErrors: number;
  newWarnings: number;
  fixed: number;
}

export function countChanges(journeys: readonly JourneyDiff[]): DiffCounts {
  const changes = journeys.flatMap((journey) => journey.changes);
  const of = (test: (change: Change) => boolean) => changes.filter(test).length;
  return {
    changes: changes.length,
    bySeverity: { error: of((c) => c.severity === "error"), warning: of((c) => c.severity === "warning"), info: of((c) => c.severity === "info") },
    journeysChanged: journeys.filter((journey) => journey.status !== "unchanged").length,
    stepsAdded: of((c) => c.kind === "step-added"),
    stepsRemoved: of((c) => c.kind === "step-removed"),
    stepsMoved: of((c) => c.kind === "step-moved"),
    newErrors: of((c) => c.kind === "finding-new" && c.after === "error"),
    newWarnings: of((c) => c.kind === "finding-new" && c.after === "warning"),
    fixed: of((c) => c.kind === "finding-fixed"),
  };
}

/** The figures of a journey that differ between the versions. */
export function changedFigures(journey: JourneyDiff): [(typeof FIGURE_NAMES)[number], Figure][] {
  return FIGURE_NAMES.map((name): [(typeof FIGURE_NAMES)[number], Figure] => [name, journey.impact[name]]).filter(
    ([, figure]) => figure.before !== figure.after,
  );
}

/** Whether the run fails: a change at `failOn` or above. */
export function failsOn(result: DiffResult, failOn: Severity | "never"): boolean {
  if (failOn === "never") return false;
  return result.journeys.some((journey) => journey.changes.some((change) => SEVERITY_RANK[change.severity] >= SEVERITY_RANK[failOn]));
}
