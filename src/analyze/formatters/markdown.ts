import { markdownCell, markdownText } from "../../escape/markdown.js";
import { cutText, visibleText } from "../../escape/terminal.js";
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

/** The same content as `stylish`, as a Markdown section to paste into a report. */
export const formatMarkdown: AnalyzeFormatter = (result, context) => {
  const code = (text: string) => `\`${visibleText(text.replace(/`/g, "'"))}\``;
  const period = result.period ? `, ${result.period.from} to ${result.period.to}` : "";
  const out: string[] = [`## Measured: ${markdownText(result.journey)}`, "", `${count(result.cases)} cases${period} (engine \`${result.engine}\`).`, ""];
  out.push(`- **Conversion:** ${percent(result.conversion)} of cases reach a goal step.`);
  const scope = scopeSentence(result);
  if (scope) out.splice(out.length - 1, 0, `_${scope}_`, "");
  out.push(`- **Fitness:** ${percent(result.fitness)} of cases start at an entry and move only along the map's arrows.`);
  const toGoal = timeToGoalPhrase(result);
  if (toGoal) out.push(`- **Time to goal:** ${toGoal}, from a converted case's first step to its first goal step.`);
  const ties = tiesSentence(result);
  if (ties) out.push(`- **${ties.slice(0, ties.indexOf(":") + 1)}**${ties.slice(ties.indexOf(":") + 1)}`);
  out.push("");
  out.push("| Step | Reached | Share | Lost after | Median to next |", "|---|---:|---:|---:|---|");
  for (const row of funnelRows(result, context)) {
    const next = row.next ? `${duration(row.next.seconds)} → ${code(row.next.to)}` : "";
    out.push(`| ${markdownCell(cutText(row.name))} (${code(row.id)}) | ${funnelCells(row.figure).join(" | ")} | ${next} |`);
  }
  out.push("", `_${funnelDefinition(result.cases)}_`);
  if (result.trend && result.trend.length > 0) {
    out.push("", "### Trend (cases by when they started, UTC)", "", "| From | Cases | Conversion | Fitness |", "|---|---:|---:|---:|");
    for (const row of trendRows(result)) out.push(`| ${row.join(" | ")} |`);
  }
  if (context.segments && context.segments.length > 0) {
    out.push("", `### ${markdownText(segmentsHeading(result))}`, "", "| Segment | Cases | Conversion | Fitness |", "|---|---:|---:|---:|");
    for (const segment of context.segments) {
      const [label, ...figures] = segmentCells(segment);
      out.push(`| ${markdownCell(label)} | ${figures.join(" | ")} |`);
    }
    if (context.verbose) {
      for (const segment of context.segments) {
        out.push(
          "",
          `#### Funnel of ${markdownText(segmentLabel(segment))} (${count(segment.cases)} cases)`,
          "",
          "| Step | Reached | Share | Lost after |",
          "|---|---:|---:|---:|",
        );
        for (const row of segmentFunnelRows(result, segment, context))
          out.push(`| ${markdownCell(cutText(row.name))} (${code(row.id)}) | ${funnelCells(row.figure).join(" | ")} |`);
      }
    }
  }
  if (result.deviations.length > 0) {
    out.push("", "### Main deviations", "", "| From | To | Cases |", "|---|---|---:|");
    for (const d of result.deviations) out.push(`| ${code(d.from)} | ${code(d.to)} | ${count(d.count)} |`);
  }
  if (result.variants.length > 0) {
    out.push("", "### Main variants", "", "| Cases | Path |", "|---:|---|");
    for (const v of result.variants) out.push(`| ${count(v.cases)} | ${v.path.map(code).join(" → ")} |`);
  }
  const e = result.events;
  out.push(
    "",
    "### Data quality",
    "",
    `${count(e.read)} events read: ${count(e.mapped)} mapped to steps, ${count(e.unmapped)} unmapped, ${count(e.skipped)} skipped (empty case id or activity, or unreadable time).`,
  );
  if (result.unmapped_activities.length > 0) {
    out.push("", "| Unmapped activity | Events |", "|---|---:|");
    for (const u of result.unmapped_activities) out.push(`| ${markdownCell(cutText(u.activity))} | ${count(u.count)} |`);
  }
  return `${out.join("\n")}\n`;
};
