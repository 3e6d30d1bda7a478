import { visibleName, visibleText } from "../../escape/terminal.js";
import { skippedReasonsText } from "../skipped.js";
import {
  count,
  duration,
  funnelCells,
  funnelDefinition,
  funnelRows,
  percent,
  scopeSentence,
  segmentCells,
  segmentFunnelRows,
  segmentLabel,
  segmentsHeading,
  tiesSentence,
  timeToGoalPhrase,
  trendRows,
  type AnalyzeFormatter,
} from "./summary.js";

/** The terminal report: the funnel as a table, then conversion, fitness, deviations, variants and data quality. */
export const formatStylish: AnalyzeFormatter = (result, context) => {
  const { color } = context;
  const lines: string[] = [];
  const period = result.period ? ` from ${result.period.from} to ${result.period.to}` : "";
  lines.push(
    color.bold(`${visibleText(result.journey)}: ${count(result.cases)} case${result.cases === 1 ? "" : "s"}${period}`) +
      color.dim(` (engine ${result.engine})`),
  );
  const scope = scopeSentence(result);
  if (scope) lines.push(color.dim(scope));
  lines.push("");

  const rows = funnelRows(result, context).map((row) => [
    visibleText(row.id),
    visibleName(row.name),
    ...funnelCells(row.figure),
    row.next ? `${duration(row.next.seconds)} → ${visibleText(row.next.to)}` : "",
  ]);
  lines.push(
    ...table(["Step", "", "Reached", "Share", "Lost after", "Median to next"], rows, [false, false, true, true, true, false]).map((line, i) =>
      i === 0 ? color.dim(line) : line,
    ),
    color.dim(funnelDefinition(result.cases)),
    "",
  );

  lines.push(`${color.bold("Conversion")}  ${percent(result.conversion)}  ${color.dim("cases whose path reaches a goal step")}`);
  lines.push(`${color.bold("Fitness")}     ${percent(result.fitness)}  ${color.dim("cases that start at an entry and move only along the map's arrows")}`);
  const toGoal = timeToGoalPhrase(result);
  if (toGoal) lines.push(`${color.bold("Time to goal")}  ${toGoal}  ${color.dim("from a converted case's first step to its first goal step")}`);
  const ties = tiesSentence(result);
  if (ties) lines.push(color.yellow(ties));
  lines.push("");

  if (result.trend && result.trend.length > 0) {
    lines.push(color.bold("Trend (cases by when they started, UTC)"));
    lines.push(
      ...table(["From", "Cases", "Conversion", "Fitness"], trendRows(result), [false, true, true, true]).map((l, i) => `  ${i === 0 ? color.dim(l) : l}`),
      "",
    );
  }
  if (context.segments && context.segments.length > 0) {
    lines.push(color.bold(segmentsHeading(result)));
    lines.push(
      ...table(["Segment", "Cases", "Conversion", "Fitness"], context.segments.map(segmentCells), [false, true, true, true]).map(
        (l, i) => `  ${i === 0 ? color.dim(l) : l}`,
      ),
      "",
    );
    if (context.verbose) {
      for (const segment of context.segments) {
        lines.push(color.bold(`Funnel of ${segmentLabel(segment)}`) + color.dim(` (${count(segment.cases)} case${segment.cases === 1 ? "" : "s"})`));
        const funnel = segmentFunnelRows(result, segment, context).map((row) => [visibleText(row.id), visibleName(row.name), ...funnelCells(row.figure)]);
        lines.push(
          ...table(["Step", "", "Reached", "Share", "Lost after"], funnel, [false, false, true, true, true]).map((l, i) => `  ${i === 0 ? color.dim(l) : l}`),
          "",
        );
      }
    }
  }
  if (result.deviations.length > 0) {
    lines.push(color.bold("Main deviations (moves the map does not have)"));
    lines.push(
      ...table(
        [],
        result.deviations.map((d) => [`${visibleText(d.from)} → ${visibleText(d.to)}`, count(d.count)]),
        [false, true],
      ).map((l) => `  ${color.yellow(l)}`),
      "",
    );
  }
  if (result.variants.length > 0) {
    lines.push(color.bold("Main variants (cases, path)"));
    lines.push(
      ...result.variants.map((v) => `  ${count(v.cases).padStart(String(count(result.variants[0].cases)).length)}  ${v.path.map(visibleText).join(" → ")}`),
      "",
    );
  }
  const e = result.events;
  lines.push(
    `${color.bold("Events")}  ${count(e.read)} read: ${count(e.mapped)} mapped, ${count(e.unmapped)} unmapped, ${e.skipped > 0 ? color.yellow(`${count(e.skipped)} skipped`) : "0 skipped"} (empty case id or activity, or unreadable time)`,
  );
  const reasons = context.skipped && skippedReasonsText(context.skipped);
  if (e.skipped > 0 && reasons) lines.push(`${color.dim("Skipped:")} ${reasons}`);
  if (e.lifecycle_dropped !== undefined && e.lifecycle_dropped > 0)
    lines.push(`${color.dim("Left out:")} ${count(e.lifecycle_dropped)} XES events whose lifecycle:transition is not complete (--lifecycle all keeps them)`);
  if (result.unmapped_activities.length > 0) {
    lines.push(`${color.dim("Unmapped activities:")} ${result.unmapped_activities.map((u) => `${visibleName(u.activity)} (${count(u.count)})`).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
};

/** Columns padded to their widest cell; `right` aligns numbers. */
function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const all = header.length > 0 ? [header, ...rows] : rows;
  const widths = right.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? "")].length)));
  return all.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(widths[i] - [...cell].length);
        return right[i] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}
