import type { AnalysisResult, AnalysisSegment } from "../analyze/types.js";
import { formatDate, formatNumber, formatPercent, isolate } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";
import { duration } from "./duration.js";

/**
 * The segments (`--by`) and the trend (`--every`) of an analysis as the report, the map and the
 * trend chart show them: every figure read from the analysis JSON as it is (never summed or
 * re-derived here), written in the report's language. One place, so that the Markdown table,
 * the HTML table and the chart cannot disagree.
 *
 * Every segment is shown, not the first `--top` with the rest summed as "other" as analyze's
 * terminal formats do: the JSON carries every segment but not the `--top` it was run with, and
 * an "other" row would be a figure the JSON does not hold (conversion and fitness of the rest
 * would have to be rebuilt from shares). A report is a document to read, not a terminal screen.
 */

/** A share as the measured tables write it: a tenth of a percent; "—" for an empty bucket. */
const shareText = (labels: Labels, share: number | null) => (share === null ? "—" : formatPercent(labels, share, 1));

export interface SegmentRow {
  /** The column's value, or null for the cases without one. */
  value: string | null;
  cases: string;
  conversion: string;
  fitness: string;
  segment: AnalysisSegment;
}

/** Every segment, in the analysis' order (most cases first, the missing value last). */
export function segmentRows(analysis: AnalysisResult, labels: Labels): SegmentRow[] {
  return (analysis.segments ?? []).map((segment) => ({
    value: segment.value,
    cases: formatNumber(labels, segment.cases),
    conversion: shareText(labels, segment.conversion),
    fitness: shareText(labels, segment.fitness),
    segment,
  }));
}

export interface TrendRow {
  /** The bucket's start as the JSON has it (`YYYY-MM-DDTHH:MM:SSZ`, UTC). */
  from: string;
  /** Its day in the report's language. */
  date: string;
  cases: number;
  /** Null for a bucket without cases. */
  conversion: number | null;
  fitness: number | null;
  text: { cases: string; conversion: string; fitness: string };
}

/** Every bucket of the trend, in order, empty ones included. */
export function trendRows(analysis: AnalysisResult, labels: Labels): TrendRow[] {
  return (analysis.trend ?? []).map((bucket) => ({
    from: bucket.from,
    date: formatDate(labels, bucket.from),
    cases: bucket.cases,
    conversion: bucket.conversion,
    fitness: bucket.fitness,
    text: { cases: formatNumber(labels, bucket.cases), conversion: shareText(labels, bucket.conversion), fitness: shareText(labels, bucket.fitness) },
  }));
}

/** A piece of the scope line: words of the report's language, or a UTC time as the JSON has it. */
export type ScopePart = string | { time: string };

/**
 * What the analysis covered, in one line: the period of the rows read, the cases kept by
 * `--since`/`--until` (all when neither), and the window (whole paths when none). Times as the
 * JSON has them, in UTC, kept apart so each output can set them left to right in a
 * right-to-left line (`scopeLine` for Markdown; the map wraps them in `dir="ltr"`). No user text.
 */
export function scopeParts(analysis: AnalysisResult, labels: Labels): ScopePart[] {
  const s = labels.breakdown.scope;
  const fill = (template: string, values: Record<string, ScopePart[]>): ScopePart[] =>
    template.split(/(\{\w+\})/).flatMap((piece) => (/^\{\w+\}$/.test(piece) ? (values[piece.slice(1, -1)] ?? [piece]) : piece === "" ? [] : [piece]));
  const time = (utc: string): ScopePart[] => [{ time: utc }];
  const period = analysis.period ? fill(s.period, { from: time(analysis.period.from), to: time(analysis.period.to) }) : [s.noPeriod];
  const { since, until } = analysis.started ?? { since: null, until: null };
  const cases =
    since !== null && until !== null
      ? fill(s.between, { since: time(since), until: time(until) })
      : since !== null
        ? fill(s.since, { since: time(since) })
        : until !== null
          ? fill(s.until, { until: time(until) })
          : [s.allCases];
  const window = analysis.window_seconds !== undefined ? fill(s.window, { window: [duration(analysis.window_seconds, labels)] }) : [s.noWindow];
  return fill(s.line, { period, cases, window });
}

/** The scope line as Markdown text: times isolated in a right-to-left report. */
export function scopeLine(analysis: AnalysisResult, labels: Labels): string {
  return scopeParts(analysis, labels)
    .map((part) => (typeof part === "string" ? part : isolate(labels, part.time)))
    .join("");
}
