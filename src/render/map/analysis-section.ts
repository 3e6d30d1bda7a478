import type { AnalysisResult } from "../../analyze/types.js";
import { markup, trusted, type Html } from "../../escape/html.js";
import type { Labels } from "../../i18n/types.js";
import { scopeParts, segmentRows, trendRows } from "../breakdown.js";

/**
 * The map's measured section, under the canvas, with `render --analysis`: what the analysis
 * covered in one line, its segments (`--by`) and its trend (`--every`) as the report's tables,
 * and the trend chart inline (`chart`: the SVG `trend-chart.ts` drew, the same bytes as the
 * `<id>.trend.svg` file). Figures from `breakdown.ts`, as the report has them. Tables with
 * header cells, so a screen reader announces value and column; the chart is `role="img"` with
 * its title and description, and the trend table after it is its text alternative. The chart
 * is markup of ours whose only user text (the journey's title) it escaped itself, through
 * `escape/xml.ts` with bidirectional controls made visible, as this page's own escaping does.
 */
export function analysisSection(analysis: AnalysisResult, t: Labels, chart: string | undefined): Html {
  const b = t.breakdown;
  const headers = (first: string) =>
    markup`<thead><tr><th scope="col">${first}</th><th scope="col">${t.measured.cases}</th><th scope="col">${b.conversion}</th><th scope="col">${b.fitness}</th></tr></thead>`;
  const segments =
    analysis.by !== undefined && analysis.segments !== undefined
      ? markup`<h3>${b.segmentsHeading.split("{column}").map((part, i) => markup`${i > 0 ? markup`<code dir="auto">${analysis.by}</code>` : ""}${part}`)}</h3>
<p class="meta">${b.segmentsCaption}</p>
<table class="breakdown" data-table="segments">${headers(t.value)}<tbody>${segmentRows(analysis, t).map(
          (row) =>
            markup`<tr data-value="${row.value ?? ""}" data-missing="${row.value === null ? "true" : "false"}"><th scope="row" dir="auto">${row.value === null ? markup`<em>${b.missing}</em>` : row.value}</th><td class="figure" dir="ltr">${row.cases}</td><td class="figure" dir="ltr">${row.conversion}</td><td class="figure" dir="ltr">${row.fitness}</td></tr>`,
        )}</tbody></table>\n`
      : "";
  const rows = trendRows(analysis, t);
  const trend =
    analysis.trend !== undefined
      ? markup`<h3>${b.trendHeading}</h3>
<p class="meta">${b.trendCaption}</p>
${
  rows.length === 0
    ? markup`<p>${b.noCases}</p>`
    : markup`${chart ? markup`<figure class="trend">${trusted(chart)}</figure>\n` : ""}<table class="breakdown" data-table="trend">${headers(b.bucketStart)}<tbody>${rows.map(
        (row) =>
          markup`<tr data-from="${row.from}"><th scope="row">${row.date}</th><td class="figure" dir="ltr">${row.text.cases}</td><td class="figure" dir="ltr">${row.text.conversion}</td><td class="figure" dir="ltr">${row.text.fitness}</td></tr>`,
      )}</tbody></table>`
}\n`
      : "";
  return markup`<section class="analysis" aria-labelledby="analysis-heading">
<h2 id="analysis-heading">${t.measured.heading}</h2>
<p class="scope">${scopeParts(analysis, t).map((part) => (typeof part === "string" ? part : markup`<span dir="ltr">${part.time}</span>`))}</p>
${segments}${trend}</section>`;
}
