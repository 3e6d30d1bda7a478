import { visibleBidi } from "../escape/html.js";
import { xmlEscape } from "../escape/xml.js";
import { COUNT_SEPARATOR, formatNumber, formatPercent } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";
import type { TrendRow } from "./breakdown.js";

/** The chart's size in CSS pixels (the map scales it down to its column; the SVG file has it as is). */
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;
/** Room for the percent axis on one side and the cases axis on the other. */
const SIDE = 60;
const TOP = 14;
/** Below the plot: the dates, then the legend. */
const DATES = 26;
const LEGEND = 34;
const PLOT = { left: SIDE, right: CHART_WIDTH - SIDE, top: TOP, bottom: CHART_HEIGHT - DATES - LEGEND };
/** A date label needs about this much room; fewer labels are written when buckets are narrower. */
const DATE_LABEL_WIDTH = 104;
const LEGEND_SLOT = 190;

/**
 * Colours of the map's palette (`map/style.ts`), as attributes: the SVG file is shown on its own
 * (GitHub, an image viewer), where no stylesheet reaches it. A series is never told by colour
 * alone: conversion is a solid line with round points, fitness a dashed line with square ones.
 */
const INK = "#1f2328";
const MUTED = "#59636e";
const LINE = "#d1d9e0";
const SERIES = {
  conversion: { colour: "#0a5bb5", dash: "", marker: "circle" },
  fitness: { colour: "#8a5a00", dash: "7 4", marker: "square" },
} as const;
type Series = keyof typeof SERIES;

/** Ids of the title and description, which `aria-labelledby` names: one chart per page. */
const TITLE_ID = "trend-chart-title";
const DESC_ID = "trend-chart-desc";

/** Coordinates to a tenth of a pixel, written the same way on every machine. */
const n = (value: number) => String(Math.round(value * 10) / 10);
/** Text for SVG: XML's escaping, and bidirectional controls made visible, as the map shows them. */
const text = (value: string) => xmlEscape(visibleBidi(value));

/**
 * The trend of an analysis (`--every`) as an SVG line chart drawn by journey itself, no browser:
 * conversion and fitness per bucket as two lines over a 0–100% axis, cases as bars behind them
 * (scaled to the fullest bucket, whose count the other axis gives), the buckets' dates under them
 * in the report's language. A bucket without cases is a gap in both lines, never a zero. Every
 * bucket carries its figures as a `<title>` (a tooltip) and `data-*` attributes; the chart as a
 * whole is `role="img"` named by its `<title>` and `<desc>` (the trend table beside it is the
 * full text alternative). Right-to-left languages are mirrored: the first bucket on the right,
 * the percent axis on the right, text in the language's direction. The same input gives the
 * same bytes. Undefined without buckets (no case kept): there is nothing to draw.
 */
export function renderTrendChart(rows: readonly TrendRow[], labels: Labels, journeyTitle: string): string | undefined {
  if (rows.length === 0) return undefined;
  const b = labels.breakdown;
  const rtl = labels.dir === "rtl";
  // Laid out left to right, then mirrored; `direction` on the root flips the anchors with it.
  const x = (ltr: number) => (rtl ? CHART_WIDTH - ltr : ltr);
  const band = (PLOT.right - PLOT.left) / rows.length;
  const centre = (i: number) => x(PLOT.left + band * (i + 0.5));
  const height = PLOT.bottom - PLOT.top;
  const yShare = (share: number) => PLOT.bottom - share * height;
  const maxCases = Math.max(...rows.map((row) => row.cases));
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-labelledby="${TITLE_ID} ${DESC_ID}" direction="${labels.dir}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif" font-size="12" fill="${INK}">`,
    `<title id="${TITLE_ID}">${text(fill(b.chartTitle, { journey: journeyTitle }))}</title>`,
    `<desc id="${DESC_ID}">${text(fill(b.chartDescription, { max: formatNumber(labels, maxCases), first: rows[0].date, last: rows[rows.length - 1].date }))}</desc>`,
    `<rect class="background" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#fff"/>`,
  ];

  // The percent axis: a grid line per quarter, labelled outside the plot on the reading side's start.
  out.push(`<g class="axis share" font-size="11" fill="${MUTED}" text-anchor="end">`);
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yShare(share);
    out.push(
      `<line x1="${n(x(PLOT.left))}" x2="${n(x(PLOT.right))}" y1="${n(y)}" y2="${n(y)}" stroke="${LINE}"${share === 0 ? "" : ' stroke-dasharray="2 3"'}/>`,
      `<text x="${n(x(PLOT.left - 8))}" y="${n(y + 4)}">${text(formatPercent(labels, share))}</text>`,
    );
  }
  out.push("</g>");
  // The cases axis, on the other side: the bars' scale from 0 to the fullest bucket.
  out.push(
    `<g class="axis cases" font-size="11" fill="${MUTED}" text-anchor="start">`,
    `<text x="${n(x(PLOT.right + 8))}" y="${n(PLOT.bottom + 4)}">${text(formatNumber(labels, 0))}</text>`,
    `<text x="${n(x(PLOT.right + 8))}" y="${n(PLOT.top + 4)}" data-max="${maxCases}">${text(formatNumber(labels, maxCases))}</text>`,
    "</g>",
  );

  // Bars, one group per bucket (an empty bucket has its group and tooltip, and no bar).
  const barWidth = Math.max(1, Math.min(band * 0.6, 48));
  out.push(`<g class="buckets" fill="${LINE}">`);
  rows.forEach((row, i) => {
    const tooltip = `${row.date} — ${labels.measured.cases}: ${row.text.cases}${COUNT_SEPARATOR}${b.conversion}: ${row.text.conversion}${COUNT_SEPARATOR}${b.fitness}: ${row.text.fitness}`;
    const barHeight = maxCases > 0 ? (row.cases / maxCases) * height : 0;
    const bar =
      row.cases > 0 ? `<rect x="${n(centre(i) - barWidth / 2)}" y="${n(PLOT.bottom - barHeight)}" width="${n(barWidth)}" height="${n(barHeight)}"/>` : "";
    out.push(`<g class="bucket" data-from="${row.from}" data-cases="${row.cases}"><title>${text(tooltip)}</title>${bar}</g>`);
  });
  out.push("</g>");

  for (const series of ["conversion", "fitness"] as const) out.push(seriesGroup(series, rows, centre, yShare));

  // Dates under the plot: every bucket's when they fit, else every k-th from the first.
  const every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor((PLOT.right - PLOT.left) / DATE_LABEL_WIDTH))));
  out.push(`<g class="axis dates" font-size="11" fill="${MUTED}" text-anchor="middle">`);
  rows.forEach((row, i) => {
    if (i % every === 0) out.push(`<text x="${n(centre(i))}" y="${n(PLOT.bottom + 17)}" data-from="${row.from}">${text(row.date)}</text>`);
  });
  out.push("</g>");

  // The legend: what each line and the bars are, drawn as they are drawn in the plot.
  const legendY = CHART_HEIGHT - LEGEND / 2;
  const slot = (i: number) => PLOT.left + i * LEGEND_SLOT;
  out.push(`<g class="trend-legend" text-anchor="start">`);
  for (const [i, series] of (["conversion", "fitness"] as const).entries()) {
    const style = SERIES[series];
    out.push(
      `<g data-series="${series}"><line x1="${n(x(slot(i)))}" x2="${n(x(slot(i) + 26))}" y1="${n(legendY)}" y2="${n(legendY)}" stroke="${style.colour}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/>${marker(series, x(slot(i) + 13), legendY)}<text x="${n(x(slot(i) + 34))}" y="${n(legendY + 4)}">${text(b[series])}</text></g>`,
    );
  }
  out.push(
    `<g data-series="cases"><rect x="${n(Math.min(x(slot(2)), x(slot(2) + 14)))}" y="${n(legendY - 7)}" width="14" height="14" fill="${LINE}"/><text x="${n(x(slot(2) + 22))}" y="${n(legendY + 4)}">${text(labels.measured.cases)}</text></g>`,
  );
  out.push("</g>", "</svg>");
  return out.join("\n") + "\n";
}

/**
 * One series: a line through its buckets, broken where a bucket has no cases (its share is null),
 * and a marker on every bucket that has one, with the exact share in `data-value`.
 */
function seriesGroup(series: Series, rows: readonly TrendRow[], centre: (i: number) => number, yShare: (share: number) => number): string {
  const style = SERIES[series];
  const runs: string[] = [];
  let run: string[] = [];
  const markers: string[] = [];
  rows.forEach((row, i) => {
    const share = row[series];
    if (share === null) {
      if (run.length > 1) runs.push(run.join(" "));
      run = [];
      return;
    }
    run.push(`${run.length === 0 ? "M" : "L"}${n(centre(i))} ${n(yShare(share))}`);
    markers.push(marker(series, centre(i), yShare(share), ` data-from="${row.from}" data-value="${share}"`));
  });
  if (run.length > 1) runs.push(run.join(" "));
  const path =
    runs.length > 0
      ? `<path d="${runs.join(" ")}" fill="none" stroke-width="2.5" stroke-linejoin="round"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/>`
      : "";
  return `<g class="series" data-series="${series}" stroke="${style.colour}" fill="${style.colour}">${path}${markers.join("")}</g>`;
}

/** A round point (conversion) or a square one (fitness), centred on (cx, cy). */
function marker(series: Series, cx: number, cy: number, attributes = ""): string {
  const style = SERIES[series];
  return style.marker === "circle"
    ? `<circle cx="${n(cx)}" cy="${n(cy)}" r="3.5" fill="${style.colour}" stroke="#fff" stroke-width="1"${attributes}/>`
    : `<rect x="${n(cx - 3.5)}" y="${n(cy - 3.5)}" width="7" height="7" fill="${style.colour}" stroke="#fff" stroke-width="1"${attributes}/>`;
}
