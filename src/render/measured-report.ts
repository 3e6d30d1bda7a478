import type { AnalysisResult } from "../analyze/types.js";
import { markdownCell, markdownText, markdownUrl } from "../escape/markdown.js";
import type { Journey } from "../model/types.js";
import { formatNumber, formatPercent, isolate } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";
import { scopeLine, segmentRows, trendRows } from "./breakdown.js";
import { duration } from "./duration.js";

/** Re-exported: the report's durations are defined in `duration.ts`. */
export { duration };

/**
 * The report's "Measured" section: the period, cases, conversion and fitness that `journey
 * analyze --write` recorded in the journey file (`measured:`; the steps' figures are the report's
 * one Funnel table, `funnel.ts`). With
 * the analysis JSON (`render --analysis`) it shows that analysis instead, and adds what the file
 * does not keep: what it covered (period, `--since`/`--until`, `--window`) in one line, its
 * segments (`--by`) and trend (`--every`) as tables with the trend chart linked, time between
 * steps, the main deviations and variants, and the observed flow. Empty when there is neither.
 */
export function renderMeasuredSection(
  journey: Journey,
  labels: Labels,
  analysis?: AnalysisResult,
  observedDiagram?: string,
  /** The Markdown line that shows the observed flow's image, when one is drawn. */
  observedImage?: string,
  /** The trend chart's file beside the report (`<id>.trend.svg`), when the analysis has a trend. */
  trendChart?: string,
): string[] {
  const t = labels.measured;
  const figures = analysis
    ? analysis.period && {
        from: analysis.period.from,
        to: analysis.period.to,
        cases: analysis.cases,
        conversion: analysis.conversion,
        fitness: analysis.fitness,
      }
    : journey.measured;
  if (!figures && !analysis) return [];
  const name = (id: string) => markdownCell(journey.stepById.get(id)?.name ?? id);
  const number = (value: number) => formatNumber(labels, value);
  // Measured shares to a tenth of a percent: a conversion of 3.4% is not 3%.
  const percent = (share: number) => formatPercent(labels, share, 1);
  const out = [`## ${t.heading}`, "", `_${t.caption}_`, ""];

  out.push(`| ${t.period} | ${t.cases} | ${t.conversion} | ${t.fitness} |`, "| --- | ---: | ---: | ---: |");
  out.push(
    figures
      ? `| ${figures.from} – ${figures.to} | ${number(figures.cases)} | ${percent(figures.conversion)} | ${percent(figures.fitness)} |`
      : "| — | 0 | — | — |",
    "",
  );

  if (!analysis) return out;
  out.push(`_${scopeLine(analysis, labels)}_`, "");
  out.push(...segmentsTable(analysis, labels), ...trendTable(analysis, labels, trendChart));

  const index = (id: string) => journey.stepById.get(id)?.index ?? -1;
  out.push(`### ${t.timeBetweenSteps}`, "", `_${t.timeCaption}_`, "");
  if (analysis.transitions.length === 0) out.push("—", "");
  else {
    out.push(`| ${t.from} | ${t.to} | ${t.transitions} | ${t.inMap} | ${t.median} |`, "| --- | --- | ---: | :---: | ---: |");
    const moves = [...analysis.transitions].sort((a, b) => index(a.from) - index(b.from) || index(a.to) - index(b.to));
    for (const m of moves)
      out.push(`| ${name(m.from)} | ${name(m.to)} | ${number(m.count)} | ${m.in_map ? "✅" : "❌"} | ${duration(m.median_seconds, labels)} |`);
    out.push("");
  }

  out.push(`### ${t.deviations}`, "");
  if (analysis.deviations.length === 0) out.push(t.noDeviations, "");
  else {
    out.push(`| ${t.from} | ${t.to} | ${t.transitions} |`, "| --- | --- | ---: |");
    for (const d of analysis.deviations) out.push(`| ${name(d.from)} | ${name(d.to)} | ${number(d.count)} |`);
    out.push("");
  }

  out.push(`### ${t.variants}`, "");
  if (analysis.variants.length === 0) out.push("—", "");
  else {
    out.push(`| ${t.path} | ${t.cases} | ${t.share} |`, "| --- | ---: | ---: |");
    for (const v of analysis.variants)
      out.push(`| ${v.path.map(name).join(" → ")} | ${number(v.cases)} | ${analysis.cases > 0 ? percent(v.cases / analysis.cases) : "—"} |`);
    out.push("");
  }

  if (observedDiagram) out.push(`### ${t.observedFlow}`, "", `_${t.observedFlowCaption}_`, "", "```mermaid", observedDiagram.trimEnd(), "```", "");
  if (observedDiagram && observedImage) out.push(observedImage, "");
  return out;
}

/** The segments of `--by`: every one, as the analysis lists them; nothing without `--by`. */
function segmentsTable(analysis: AnalysisResult, labels: Labels): string[] {
  if (analysis.by === undefined || analysis.segments === undefined) return [];
  const b = labels.breakdown;
  const out = [`### ${b.segmentsHeading.replace("{column}", () => isolate(labels, markdownText(analysis.by!)))}`, "", `_${b.segmentsCaption}_`, ""];
  out.push(`| ${labels.value} | ${labels.measured.cases} | ${b.conversion} | ${b.fitness} |`, "| --- | ---: | ---: | ---: |");
  for (const row of segmentRows(analysis, labels))
    out.push(`| ${row.value === null ? `_${b.missing}_` : markdownCell(row.value) || '""'} | ${row.cases} | ${row.conversion} | ${row.fitness} |`);
  return [...out, ""];
}

/** The trend of `--every`: the chart (a file beside the report) and every bucket; nothing without `--every`. */
function trendTable(analysis: AnalysisResult, labels: Labels, chart: string | undefined): string[] {
  if (analysis.trend === undefined) return [];
  const b = labels.breakdown;
  const out = [`### ${b.trendHeading}`, "", `_${b.trendCaption}_`, ""];
  const rows = trendRows(analysis, labels);
  if (rows.length === 0) return [...out, b.noCases, ""];
  if (chart) out.push(`![${markdownText(b.chartLink)}](${markdownUrl(chart)})`, "");
  out.push(`| ${b.bucketStart} | ${labels.measured.cases} | ${b.conversion} | ${b.fitness} |`, "| --- | ---: | ---: | ---: |");
  for (const row of rows) out.push(`| ${row.date} | ${row.text.cases} | ${row.text.conversion} | ${row.text.fitness} |`);
  return [...out, ""];
}
