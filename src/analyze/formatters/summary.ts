import type { ChalkInstance } from "chalk";
import { analysisFigures, type FigureFlow, type LostAfter, type StepFigure } from "../../model/step-figures.js";
import { visibleName } from "../../escape/terminal.js";
import type { SegmentRow } from "../segments.js";
import type { AnalysisResult, SkippedReasons } from "../types.js";

/** What the people-facing formatters know besides the result: names and the flow from the journey. */
export interface AnalyzeFormatContext {
  color: ChalkInstance;
  /** Step id -> the step's name. */
  names: ReadonlyMap<string, string>;
  /** Goals, ends and arrows of the journey, for the figures' definitions (`model/step-figures.ts`). */
  flow: FigureFlow;
  /** Why rows were skipped, when the engine said (stylish lists them; the JSON shape has no place for them). */
  skipped?: SkippedReasons;
  /** With `--by`: the segments table's rows (`analyze/segments.ts`: at most `--top`, then "other"). */
  segments?: readonly SegmentRow[];
  /** `--verbose`: each segment's funnel too. */
  verbose?: boolean;
}

export type AnalyzeFormatter = (result: AnalysisResult, context: AnalyzeFormatContext) => string;

export interface FunnelRow {
  id: string;
  name: string;
  /** The step's figures by the one set of definitions (docs/analyze.md); `reached` null when not measured. */
  figure: StepFigure;
  /** The most frequent transition out of the step, with its median time. */
  next: { to: string; seconds: number } | undefined;
}

/** The funnel both the stylish and the Markdown formatter show, one row per step in file order. */
export function funnelRows(result: AnalysisResult, context: AnalyzeFormatContext): FunnelRow[] {
  const next = new Map<string, AnalysisResult["transitions"][number]>();
  // transitions are ordered by from, then to: the first with the highest count wins ties.
  for (const t of result.transitions) if ((next.get(t.from)?.count ?? -1) < t.count) next.set(t.from, t);
  return analysisFigures(context.flow, result).steps.map((figure) => {
    const out = next.get(figure.id);
    return {
      id: figure.id,
      name: context.names.get(figure.id) ?? figure.id,
      figure,
      next: out && { to: out.to, seconds: out.median_seconds },
    };
  });
}

/** The Reached, Share and Lost after cells of a funnel row, as the terminal and Markdown show them. */
export function funnelCells(figure: StepFigure): [string, string, string] {
  if (figure.reached === null) return [NOT_MEASURED, "", ""];
  return [count(figure.reached), figure.share === null ? "—" : percent(figure.share), lostCell(figure.lostAfter)];
}

export const NOT_MEASURED = "not measured";

/** The one line under the funnel that says what share and lost after mean (docs/analyze.md). */
export const funnelDefinition = (cases: number) => `Share: of the ${count(cases)} cases; lost after: customers whose path ended at the step.`;

function lostCell(lost: LostAfter | null): string {
  switch (lost?.kind) {
    case "count":
      return count(lost.lost);
    case "goal":
    case "end":
      return lost.kind;
    case "not-measured-after":
      return "next steps not measured";
    default:
      return "—";
  }
}

/** 0.8123 -> "81.2%" (display only; the JSON keeps the exact number). */
export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Whole seconds as the two largest units: "45s", "3m 20s", "2h 5m", "3d 4h". */
export function duration(seconds: number): string {
  const units: [string, number][] = [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${amount}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? "0s" : parts.filter((p, i) => i === 0 || !p.startsWith("0")).join(" ");
}

export const count = (n: number) => n.toLocaleString("en-US");

/** What `--since`, `--until` and `--window` kept, in one sentence; undefined without them. */
export function scopeSentence(result: AnalysisResult): string | undefined {
  const parts: string[] = [];
  const { since, until } = result.started ?? { since: null, until: null };
  if (since !== null && until !== null) parts.push(`cases whose path starts from ${since} to before ${until}`);
  else if (since !== null) parts.push(`cases whose path starts at or after ${since}`);
  else if (until !== null) parts.push(`cases whose path starts before ${until}`);
  if (result.window_seconds !== undefined) parts.push(`each path cut ${duration(result.window_seconds)} after its first step`);
  if (parts.length === 0) return undefined;
  return `Only ${parts.join("; ")} (events and period: every row read).`;
}

/** The time-to-goal figures in a phrase ("4m median, 9m p90"); undefined when no case converts or the analysis predates them. */
export function timeToGoalPhrase(result: AnalysisResult): string | undefined {
  const t = result.time_to_goal;
  return t ? `${duration(t.median_seconds)} median, ${duration(t.p90_seconds)} p90` : undefined;
}

/** The one line about ties when there are any (docs/analyze.md, "Ties"). */
export function tiesSentence(result: AnalysisResult): string | undefined {
  const ties = result.ties;
  if (!ties || ties.cases === 0) return undefined;
  return `Ties: ${count(ties.cases)} case${ties.cases === 1 ? "" : "s"} had events of different steps at the same instant (${count(ties.events)} events), ordered in the map's favour: fitness is an upper bound.`;
}

/** The trend's rows as the terminal and Markdown show them: the bucket's first day, cases, conversion, fitness ("—" for an empty bucket). */
export function trendRows(result: AnalysisResult): [string, string, string, string][] {
  return (result.trend ?? []).map((b) => [
    b.from.slice(0, 10),
    count(b.cases),
    b.conversion === null ? "—" : percent(b.conversion),
    b.fitness === null ? "—" : percent(b.fitness),
  ]);
}

/** A segment's name in the table: its value (as the terminal may show it), "(no value)", or "other (N segments)". */
export function segmentLabel(row: SegmentRow): string {
  switch (row.segment.kind) {
    case "value":
      return visibleName(row.segment.value);
    case "missing":
      return "(no value)";
    case "other":
      return `other (${count(row.segment.segments)} segment${row.segment.segments === 1 ? "" : "s"})`;
  }
}

/** The heading of the segments table ("Segments by device, its value on each case's first step"). */
export const segmentsHeading = (result: AnalysisResult) =>
  `Segments by ${visibleName(result.by ?? "")} (its value on each case's first step; the figures above are all cases')`;

/** The segments table's cells: segment, cases, conversion, fitness. */
export function segmentCells(row: SegmentRow): [string, string, string, string] {
  return [segmentLabel(row), count(row.cases), percent(row.conversion), percent(row.fitness)];
}

/** One segment's funnel (`--verbose`): the rows of `funnelRows` over the segment's cases and steps, without the times. */
export function segmentFunnelRows(result: AnalysisResult, row: SegmentRow, context: AnalyzeFormatContext): FunnelRow[] {
  return funnelRows({ ...result, cases: row.cases, steps: row.steps, transitions: [] }, context);
}
