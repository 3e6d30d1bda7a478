import { markup, trusted, type Html } from "../../escape/html.js";
import type { Finding } from "../../finding.js";
import type { Stage, Step } from "../../model/types.js";
import { countFindings } from "../../results.js";
import { formatNumber, formatSigned } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import type { StepFigures } from "../../model/step-figures.js";
import { analysisSection } from "./analysis-section.js";
import { arrivalsAt } from "../journey-links.js";
import { continuedFrom, continuesIn } from "./journey-link-html.js";
import type { MapDocument, MapInput } from "./map-html.js";

/**
 * Most steps the map draws one column each. Past it the page grows faster than anyone reads it
 * (50,000 steps made a 76 MB page, 1 GB of memory and close to two minutes of `journey render`)
 * and a browser struggles to lay it out: the map then shows one column per stage instead. The
 * Markdown report still lists every step. 2,000 steps is a page of about 3 MB, drawn in a
 * second; the largest journeys people map by hand have a few hundred.
 */
export const MAX_MAP_STEPS = 2_000;

/**
 * Most stages the collapsed map draws side by side. Past it even one column per stage is more
 * than a page can show usefully: the page says so and links the report.
 */
export const MAX_MAP_STAGES = 500;

/**
 * This page's few styles of its own, inline (the page's policy allows inline styles), so that
 * the style sheet every map carries (style.ts) stays as it is for the maps drawn step by step.
 */
const NOTE_STYLE = "margin:14px 28px 6px;padding:8px 12px;border-inline-start:4px solid var(--accent);background:var(--panel)";
const NAME_STYLE = "display:block;font-weight:600";
const CELL_STYLE = "padding:8px 10px";

/** Whether the map of a journey of this size is drawn collapsed (`collapsedMap`) instead of step by step. */
export function isLargeJourney(steps: number): boolean {
  return steps > MAX_MAP_STEPS;
}

/**
 * The map of a journey past `MAX_MAP_STEPS`: the same page head (`head`: title, persona, goal
 * and figures cards, built by map-html.ts), then one column per stage: its name, its step count
 * and numbers, its first and last step, the channels used, the lowest and highest emotion (a
 * range: an average of emotions is not a figure the format defines), the count of pain points,
 * opportunities and findings (sums of counts), and, where the file or the analysis has figures,
 * how many reached the stage's first and last step with a figure (never a sum over steps: the
 * same customers reach every step). Past `MAX_MAP_STAGES` stages, only a note linking the report.
 */
export function collapsedMap(input: MapInput, head: Html, stepFigures: StepFigures | undefined): MapDocument {
  const { journey, findings, names, links, journeys } = input;
  const t = names.labels;
  const m = t.map;
  const large = m.large;
  const stages = journey.stages.filter((stage) => stage.steps.length > 0);
  const fill = (text: string, values: Record<string, number>) =>
    text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? formatNumber(t, values[key]) : whole));
  const reportLink = links ? markup` <a href="${links.report}">${m.report}</a>` : "";
  const title = `${journey.title} · ${m.title}`;

  if (stages.length > MAX_MAP_STAGES) {
    const note = fill(large.tooLarge, { steps: journey.steps.length, stages: stages.length, limit: MAX_MAP_STEPS, stageLimit: MAX_MAP_STAGES });
    const body = markup`${head}
<main>
<p class="large-note" role="note" style="${NOTE_STYLE}">${note}${reportLink}</p>
</main>`;
    return { lang: t.lang, dir: t.dir, title, body };
  }

  const stageClass = (stage: Stage) => (stage.index % 2 === 0 ? "stage-a" : "stage-b");
  const cells = (row: string, name: string, content: (stage: Stage) => Html | string | false | undefined) =>
    markup`<tr data-row="${row}"><th scope="row">${name}</th>${stages.map((stage, i) => markup`<td data-col="${i}" class="${stageClass(stage)}">${content(stage) || ""}</td>`)}</tr>`;

  const byStep = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.stepId) byStep.set(finding.stepId, [...(byStep.get(finding.stepId) ?? []), finding]);
  // `stepFigures`: the figures every output reads (model/step-figures.ts), as the full map has them;
  // a step that is not measured has none.
  const reachedById = new Map(stepFigures?.steps.flatMap((s) => (s.measured && s.reached !== null ? [[s.id, s.reached] as const] : [])) ?? []);
  const figureRows =
    stepFigures && reachedById.size > 0 ? [{ name: stepFigures.basis === "measured" ? m.measuredRow : m.reachedAndDropOff, figures: reachedById }] : [];

  // A step a link between journeys leaves from or arrives at is listed in the links row, with its
  // id as its anchor (another journey's map links `<this-journey>.html#<step-id>`); the first and
  // last step of a stage carry theirs in their row otherwise. Other steps have no place on this page.
  const linked = (step: Step) => step.links.length > 0 || arrivalsAt(journey.id, step.id, journeys).length > 0;
  const stepName = (step: Step) =>
    linked(step)
      ? markup`<span class="title" dir="auto" style="${NAME_STYLE}">${step.name}</span>`
      : markup`<span class="title" id="${step.id}" dir="auto" style="${NAME_STYLE}">${step.name}</span>`;
  const linkRows = stages.some((stage) => stage.steps.some(linked))
    ? [
        cells("links", t.portfolio.links, (stage) => {
          const steps = stage.steps.filter(linked);
          return (
            steps.length > 0 &&
            markup`${steps.map(
              (step) =>
                markup`<div id="${step.id}" data-step="${step.id}" style="${CELL_STYLE}"><span class="title" dir="auto" style="${NAME_STYLE}">${step.name}</span>${continuedFrom(step, journey, names, journeys)}${continuesIn(step, names, journeys)}</div>`,
            )}`
          );
        }),
      ]
    : [];

  const header = stages.map(
    (stage, i) =>
      markup`<th scope="col" data-col="${i}" class="stage ${stageClass(stage)}${stage.index % 2 === 1 ? " b" : ""}"><span class="label"><span dir="auto">${names.stage(stage)}</span>${stage.description ? markup`<span class="desc" dir="auto">${stage.description}</span>` : ""}</span></th>`,
  );
  const rows: Html[] = [
    cells("steps", t.steps, (stage) => {
      const first = stage.steps[0].index + 1;
      const last = stage.steps[stage.steps.length - 1].index + 1;
      return markup`<span class="figure">${formatNumber(t, stage.steps.length)}</span> <span class="meta" dir="ltr">${formatNumber(t, first)}${first === last ? "" : markup`&ndash;${formatNumber(t, last)}`}</span>`;
    }),
    cells("first-last", large.firstLast, (stage) => {
      const [first, last] = [stage.steps[0], stage.steps[stage.steps.length - 1]];
      return markup`${stepName(first)}${first === last ? "" : markup`<span class="meta">&hellip;</span>${stepName(last)}`}`;
    }),
    ...linkRows,
    cells("touchpoints", m.touchpoints, (stage) => {
      const used = [...new Set(stage.steps.flatMap((step) => step.channels))];
      return markup`${used.map((id) => markup`<span class="chip"><span dir="auto">${names.channel(id)}</span></span>`)}`;
    }),
    cells("emotion", large.emotionRange, (stage) => {
      const emotions = stage.steps.flatMap((step) => (step.emotion === undefined ? [] : [step.emotion]));
      // The emotion row's cells have no padding (they hold the curve in the full map).
      if (emotions.length === 0) return markup`<div class="meta" style="${CELL_STYLE}">${m.noEmotion}</div>`;
      const [low, high] = [Math.min(...emotions), Math.max(...emotions)];
      return markup`<div style="${CELL_STYLE}"><span class="figure" dir="ltr">${formatSigned(t, low)}${low === high ? "" : markup` &hellip; ${formatSigned(t, high)}`}</span></div>`;
    }),
    cells("pain-points", t.painPoints, (stage) => count(stage.steps, (step) => step.painPoints.length, t)),
    cells("opportunities", t.opportunities, (stage) => count(stage.steps, (step) => step.opportunities.length, t)),
    ...figureRows.map(({ name, figures }) => cells("funnel", name, (stage) => stageFigures(stage.steps, figures, t))),
  ];
  if (byStep.size > 0)
    rows.push(
      cells("findings", t.findings, (stage) => {
        const counts = countFindings(stage.steps.flatMap((step) => byStep.get(step.id) ?? []));
        return markup`${(
          [
            [counts.errorCount, "end-abandoned", t.errors],
            [counts.warningCount, "warning", t.warnings],
            [counts.infoCount, "info", t.infos],
          ] as const
        )
          .filter(([n]) => n > 0)
          .map(([n, kind, label]) => markup`<span class="badge ${kind}">${label}: ${formatNumber(t, n)}</span> `)}`;
      }),
    );

  const note = fill(large.note, { steps: journey.steps.length, limit: MAX_MAP_STEPS });
  const body = markup`${head}
<main>
<p class="large-note" role="note" style="${NOTE_STYLE}">${note}${reportLink}</p>
<div class="canvas" role="region" tabindex="0" aria-label="${m.canvas.replace("{title}", () => journey.title)}">
<table class="map collapsed" style="--n:${stages.length}">
<colgroup><col class="row-head-col">${stages.map(() => trusted('<col class="step-col">'))}</colgroup>
<thead><tr class="stages"><th scope="col" class="corner">${t.stage}</th>${header}</tr></thead>
<tbody>
${rows.map((row) => markup`${row}\n`)}</tbody>
</table>
</div>
${input.analysis ? analysisSection(input.analysis, t, input.trendChart) : ""}
</main>`;
  return { lang: t.lang, dir: t.dir, title, body };
}

/** A count summed over a stage's steps (a sum of counts is a count), or nothing when it is 0. */
function count(steps: readonly Step[], of: (step: Step) => number, t: Labels): Html | false {
  const total = steps.reduce((sum, step) => sum + of(step), 0);
  return total > 0 && markup`<span class="figure">${formatNumber(t, total)}</span>`;
}

/** How many reached the stage's first and last step with a figure: the stage's entry and exit, not a sum. */
function stageFigures(steps: readonly Step[], figures: ReadonlyMap<string, number>, t: Labels): Html | false {
  const measured = steps.filter((step) => figures.has(step.id));
  if (measured.length === 0) return false;
  const first = figures.get(measured[0].id)!;
  const last = figures.get(measured[measured.length - 1].id)!;
  return markup`<span class="figure" dir="ltr" data-reached="${first}">${formatNumber(t, first)}</span>${measured.length > 1 ? markup`<span class="meta" dir="ltr"> &rarr; </span><span class="figure" dir="ltr" data-reached="${last}">${formatNumber(t, last)}</span>` : ""}`;
}
