import type { AnalysisResult } from "../analyze/types.js";
import { markdownCell } from "../escape/markdown.js";
import type { Journey } from "../model/types.js";
import { formatNumber, formatPercent } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";

/**
 * The report's "Measured" section: the period, cases, conversion and fitness that `journey
 * analyze --write` recorded in the journey file (`measured:`; the steps' figures are the report's
 * one Funnel table, `funnel.ts`). With
 * the analysis JSON (`render --analysis`) it shows that analysis instead, and adds what the file
 * does not keep: time between steps, the main deviations and variants, and the observed flow.
 * Empty when there is neither.
 */
export function renderMeasuredSection(
  journey: Journey,
  labels: Labels,
  analysis?: AnalysisResult,
  observedDiagram?: string,
  /** The Markdown line that shows the observed flow's image, when one is drawn. */
  observedImage?: string,
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

/** `2 d 3 h`, `4 min 10 s`: the two largest units, which is as precise as a median of people's time needs. */
export function duration(seconds: number, labels: Labels): string {
  const units = labels.measured.units;
  const number = (value: number) => formatNumber(labels, value);
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), units.d],
    [Math.floor(seconds / 3_600) % 24, units.h],
    [Math.floor(seconds / 60) % 60, units.min],
    [seconds % 60, units.s],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first < 0) return `${number(0)} ${units.s}`;
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${number(value)} ${unit}`)
    .join(" ");
}
