import type { FlowGraph } from "./flow-graph.js";
import type { Journey } from "./types.js";

/**
 * The one place the per-step figures of a funnel are defined (docs/analyze.md, "Definitions"):
 * `journey analyze`'s formats, the Markdown report, the map, the observed flow and
 * `drop-off-high` all read them from here, from an analysis or from the journey file.
 *
 * - A step is **measured** when the event log shows it (one of its activities occurs in a row
 *   that was not skipped); on a whole log that is `reached > 0`. An unmeasured step has no
 *   figures at all: it is "not measured", never 0.
 * - **share** = reached / cases: never above 100%, never one step against another.
 * - **lost after** = the cases whose path ended at the step (`ended_here`); at a goal step
 *   `goal` and at a `type: end` step `end` (arriving there is the point). When every successor
 *   in the map is unmeasured, the loss cannot be told from the log: "not measured after".
 * - **Hand-typed** `metrics.reached` (no `measured:` block, no `ended_here`): share = reached /
 *   the largest `reached` of the journey; lost after = reached − the sum of the successors'
 *   `reached`, only where every successor has a figure and this step as its only predecessor,
 *   and the result is 0 or more; otherwise unknown.
 *
 * The input is neutral (cases, and per step reached/ended_here or null), never analyze's types.
 */

/** What a step's figures come from: an event log (analysis or `measured:` file), or hand-typed metrics. */
export type FigureBasis = "measured" | "hand-typed";

export type LostAfter =
  /** `lost` customers ended their path at the step; `share` = lost / reached. */
  | { kind: "count"; lost: number; share: number }
  | { kind: "goal" }
  | { kind: "end" }
  /** Every successor of the step is unmeasured: the log cannot tell who went on. `lost` is still its `ended_here`. */
  | { kind: "not-measured-after"; lost: number }
  /** The figures do not tell (hand-typed figures that do not fit the definition, or `ended_here` missing). */
  | { kind: "unknown" };

export interface StepFigure {
  id: string;
  index: number;
  measured: boolean;
  /** null when not measured. */
  reached: number | null;
  /** reached / the basis' denominator (cases, or the largest hand-typed reached); null when not measured or not computable. */
  share: number | null;
  /** null when not measured. */
  lostAfter: LostAfter | null;
}

export interface StepFigures {
  basis: FigureBasis;
  /** The denominator of `share`: the analysis' cases, or the largest hand-typed `reached`. */
  base: number;
  /** Every step in file order. */
  steps: StepFigure[];
}

/** A measurement in neutral shape: the cases, and per step (file order) its figures or null when not measured. */
export interface MeasuredInput {
  cases: number;
  steps: readonly ({ reached: number; endedHere: number | null } | null)[];
}

/** The flow facts the definitions need, by step index (file order). */
export interface FigureFlow {
  ids: readonly string[];
  /** Goal steps and `type: end` steps: arriving there is the point, nobody is lost. */
  goal: readonly boolean[];
  end: readonly boolean[];
  successors: readonly (readonly number[])[];
  predecessors: readonly (readonly number[])[];
}

export function figureFlow(journey: Journey, graph: FlowGraph): FigureFlow {
  return {
    ids: journey.steps.map((s) => s.id),
    goal: graph.isGoal,
    end: journey.steps.map((s) => s.type === "end"),
    successors: graph.successors,
    predecessors: graph.predecessors,
  };
}

/** The figures of a measurement (an analysis, or a file written by `analyze --write`). */
export function measuredFigures(flow: FigureFlow, input: MeasuredInput): StepFigures {
  const measured = (i: number) => input.steps[i] !== null && input.steps[i] !== undefined;
  const steps = flow.ids.map((id, index): StepFigure => {
    const figure = input.steps[index];
    if (!figure) return { id, index, measured: false, reached: null, share: null, lostAfter: null };
    const { reached, endedHere } = figure;
    const share = input.cases > 0 && reached <= input.cases ? reached / input.cases : null;
    let lostAfter: LostAfter;
    if (flow.goal[index]) lostAfter = { kind: "goal" };
    else if (flow.end[index]) lostAfter = { kind: "end" };
    else if (endedHere === null || endedHere > reached) lostAfter = { kind: "unknown" };
    else {
      const after = flow.successors[index].filter((s) => s !== index);
      lostAfter =
        after.length > 0 && after.every((s) => !measured(s))
          ? { kind: "not-measured-after", lost: endedHere }
          : { kind: "count", lost: endedHere, share: reached > 0 ? endedHere / reached : 0 };
    }
    return { id, index, measured: true, reached, share, lostAfter };
  });
  return { basis: "measured", base: input.cases, steps };
}

/**
 * The figures of an analysis as `journey analyze --format json` prints it (this shape, read
 * structurally: the model does not depend on analyze). Steps are matched by id.
 */
export function analysisFigures(
  flow: FigureFlow,
  analysis: { cases: number; steps: readonly { id: string; reached: number | null; ended_here: number | null }[] },
): StepFigures {
  const byId = new Map(analysis.steps.map((s) => [s.id, s]));
  return measuredFigures(flow, {
    cases: analysis.cases,
    steps: flow.ids.map((id) => {
      const step = byId.get(id);
      return step && step.reached !== null ? { reached: step.reached, endedHere: step.ended_here } : null;
    }),
  });
}

/** The figures of hand-typed `metrics.reached` (see the module comment). */
export function handTypedFigures(flow: FigureFlow, reached: readonly (number | undefined)[]): StepFigures {
  const base = Math.max(0, ...reached.map((r) => r ?? 0));
  const steps = flow.ids.map((id, index): StepFigure => {
    const value = reached[index];
    if (value === undefined) return { id, index, measured: false, reached: null, share: null, lostAfter: null };
    let lostAfter: LostAfter = { kind: "unknown" };
    if (flow.goal[index]) lostAfter = { kind: "goal" };
    else if (flow.end[index]) lostAfter = { kind: "end" };
    else {
      const after = flow.successors[index].filter((s) => s !== index);
      const onlyFromHere = (s: number) => flow.predecessors[s].every((p) => p === index || p === s);
      if (after.length > 0 && after.every((s) => reached[s] !== undefined && onlyFromHere(s))) {
        const lost = value - after.reduce((sum, s) => sum + reached[s]!, 0);
        if (lost >= 0) lostAfter = { kind: "count", lost, share: value > 0 ? lost / value : 0 };
      }
    }
    return { id, index, measured: true, reached: value, share: base > 0 ? value / base : null, lostAfter };
  });
  return { basis: "hand-typed", base, steps };
}

/**
 * The figures the journey file holds: with a `measured:` block those of `analyze --write`
 * (`metrics.reached` and `metrics.ended_here`), else hand-typed `metrics.reached`. Undefined when
 * no step has a figure.
 */
export function fileFigures(journey: Journey, graph: FlowGraph): StepFigures | undefined {
  if (!journey.steps.some((s) => s.reached !== undefined)) return undefined;
  const flow = figureFlow(journey, graph);
  if (journey.measured)
    return measuredFigures(flow, {
      cases: journey.measured.cases,
      steps: journey.steps.map((s) => (s.reached === undefined ? null : { reached: s.reached, endedHere: s.endedHere ?? null })),
    });
  return handTypedFigures(
    flow,
    journey.steps.map((s) => s.reached),
  );
}
