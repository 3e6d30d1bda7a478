import type { AnalysisResult } from "../analyze/types.js";
import type { FlowGraph } from "../model/flow-graph.js";
import { analysisFigures, figureFlow, fileFigures, type LostAfter, type StepFigure, type StepFigures } from "../model/step-figures.js";
import type { Journey } from "../model/types.js";
import { formatNumber, formatPercent } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";

/**
 * The funnel every rendered output shows (the report's Funnel table, the map's figures row):
 * the analysis' figures with `render --analysis`, else the journey file's, by the one set of
 * definitions of `model/step-figures.ts`. Undefined when there are none.
 */
export function journeyFigures(journey: Journey, graph: FlowGraph, analysis?: AnalysisResult): StepFigures | undefined {
  return analysis ? analysisFigures(figureFlow(journey, graph), analysis) : fileFigures(journey, graph);
}

/** The steps a funnel lists: every step of a measurement (unmeasured ones say so), the steps with a hand-typed figure. */
export function funnelSteps(figures: StepFigures): StepFigure[] {
  return figures.basis === "measured" ? figures.steps : figures.steps.filter((s) => s.measured);
}

/** The one line that says what share and lost after mean for these figures. */
export function figuresDefinition(figures: StepFigures, labels: Labels): string {
  return figures.basis === "measured"
    ? labels.figures.measuredDefinition.replace("{cases}", () => formatNumber(labels, figures.base))
    : labels.figures.handTypedDefinition;
}

/** A share as the report and the map write it: a tenth of a percent, "—" when it cannot be told. */
export function shareText(figure: StepFigure, labels: Labels): string {
  return figure.share === null ? "—" : formatPercent(labels, figure.share, 1);
}

/** "Lost after" as a word or a count: the count, goal, end, next steps not measured, or "—". */
export function lostText(lost: LostAfter | null, labels: Labels): string {
  switch (lost?.kind) {
    case "count":
      return formatNumber(labels, lost.lost);
    case "goal":
      return labels.map.goalStep;
    case "end":
      return labels.map.types.end;
    case "not-measured-after":
      return labels.figures.notMeasuredAfter;
    default:
      return "—";
  }
}
