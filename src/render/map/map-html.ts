import type { AnalysisResult } from "../../analyze/types.js";
import { markup, trusted, type Html } from "../../escape/html.js";
import type { Finding } from "../../finding.js";
import type { FlowGraph } from "../../model/flow-graph.js";
import type { Journey, Stage, Step } from "../../model/types.js";
import { countFindings } from "../../results.js";
import { findingCounts, formatNumber, plural } from "../../i18n/format.js";
import { figuresDefinition, journeyFigures, lostText, shareText } from "../funnel.js";
import type { StepFigures } from "../../model/step-figures.js";
import type { Labels } from "../../i18n/types.js";
import { catalogName, type Names } from "../../i18n/names.js";
import { findingMessage } from "../../i18n/finding-message.js";
import type { ImageLink } from "../image-links.js";
import { analysisSection } from "./analysis-section.js";
import type { LinkedJourneys } from "../journey-links.js";
import { continuedFrom, continuesIn } from "./journey-link-html.js";
import { collapsedMap, isLargeJourney } from "./collapsed.js";
import { emotionCurve } from "./emotion-curve.js";
import { MAP_SCRIPT, scriptHash } from "./script.js";
import { MAP_CSS } from "./style.js";

export interface MapInput {
  journey: Journey;
  /** The journey's flow graph, built once by the check (the curve and the figures follow it). */
  graph: FlowGraph;
  findings: readonly Finding[];
  /** Where the documentation of a rule is, for the links of findings (from the run's rule metadata). */
  ruleDocsUrl: (ruleId: string) => string;
  names: Names;
  /** `render --analysis`: measured figures per step from the event log. */
  analysis?: AnalysisResult;
  /** The analysis' trend chart (`render/trend-chart.ts`), drawn once by the plan, shown inline in the measured section. */
  trendChart?: string;
  /** The journeys rendered with this one: the titles of the journeys its steps continue in. */
  journeys?: LinkedJourneys;
  /** Links from the page to the journey's Markdown report, to the index and to its images (absent in the preview). */
  links?: { report: string; index: string; images?: readonly ImageLink[] };
}

/** The map of one journey: the page's language and title, and its body, which the preview also shows on its own. */
export interface MapDocument {
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  body: Html;
}

/**
 * The journey map as teams put it on the wall: persona and goal on top, then a canvas with the
 * stages as column groups and one column per step in file (flow) order, and rows for what the
 * customer does, the touchpoints, the emotion curve, thoughts, pain points and opportunities,
 * the line of visibility and the backstage work, the funnel when there are figures, and the
 * lint findings of each step; under it, with an analysis, its measured section (segments, trend). A table, so that screen readers announce row and stage for a cell.
 */
export function buildMap(input: MapInput): MapDocument {
  const { journey, graph, findings, ruleDocsUrl, names, analysis, trendChart, links, journeys } = input;
  const t = names.labels;
  const m = t.map;
  // One funnel row: the analysis' figures with `render --analysis`, else the file's, by the one set
  // of definitions (model/step-figures.ts).
  const figures = journeyFigures(journey, graph, analysis);
  const head = markup`<header class="page-head">
${links ? markup`<nav><a href="${links.index}">${m.allJourneys}</a><a href="${links.report}">${m.report}</a>${imageAnchors(links.images ?? [], "")}</nav>` : ""}
<h1 dir="auto">${journey.title}</h1>
${journey.description ? markup`<p class="lead" dir="auto">${journey.description}</p>` : ""}
<div class="cards">${personaCard(journey, t)}${goalCard(journey, t)}${figuresCard(journey, findings, t, analysis, figures)}</div>
</header>`;
  // Past MAX_MAP_STEPS steps, one column per stage (collapsed.ts): the same head, a smaller page.
  if (isLargeJourney(journey.steps.length)) return collapsedMap(input, head, figures);
  const steps = journey.steps;
  const byStep = groupFindings(findings);
  const stageOf = (step: Step) => journey.stages[step.stageIndex];
  const stageClass = (stage: Stage) => (stage.index % 2 === 0 ? "stage-a" : "stage-b");
  const cells = (row: string, content: (step: Step) => Html | string | false | undefined) =>
    markup`<tr data-row="${row}"><th scope="row">${rowName(row, t)}</th>${steps.map((step) => markup`<td data-col="${step.index}" class="${stageClass(stageOf(step))}">${content(step) || ""}</td>`)}</tr>`;

  const stagesRow = journey.stages
    .filter((stage) => stage.steps.length > 0)
    .map(
      (stage) =>
        markup`<th scope="colgroup" colspan="${stage.steps.length}" class="stage ${stageClass(stage)}${stage.index % 2 === 1 ? " b" : ""}"><span class="label"><span dir="auto">${names.stage(stage)}</span>${stage.description ? markup`<span class="desc" dir="auto">${stage.description}</span>` : ""}</span></th>`,
    );
  const numbersRow = steps.map(
    (step) =>
      markup`<th scope="col" data-col="${step.index}" class="${stageClass(stageOf(step))}"><span class="num">${step.index + 1}</span><span class="visually-hidden"> ${step.name}</span></th>`,
  );
  const rows: Html[] = [
    cells("actions", (step) => step.lane === "frontstage" && stepCard(step, journey, names, journeys)),
    cells("touchpoints", (step) => channelChips(step, journey, names)),
    markup`<tr data-row="emotion"><th scope="row">${m.emotionCurve}</th><td colspan="${steps.length}">${emotionCurve(steps, graph, names)}</td></tr>`,
    cells("thoughts", (step) => step.thoughts !== undefined && markup`<q dir="auto">${step.thoughts}</q>`),
    cells("pain-points", (step) => notes(step.painPoints)),
    cells("opportunities", (step) => notes(step.opportunities)),
    markup`<tr data-row="visibility"><th scope="row">${m.lineOfVisibility}</th><td colspan="${steps.length}"><span class="visually-hidden">${m.lineOfVisibility}</span></td></tr>`,
    cells("backstage", (step) => step.lane === "backstage" && stepCard(step, journey, names, journeys)),
  ];
  if (figures) rows.push(cells(figures.basis === "measured" ? "measured" : "funnel", funnelCell(figures, t)));
  if (byStep.size > 0) rows.push(cells("findings", (step) => findingList(byStep.get(step.id), t, ruleDocsUrl)));

  const journeyWide = findings.filter((f) => !f.stepId || !journey.stepById.has(f.stepId));
  const body = markup`${head}
<main>
<p class="hint">${m.scrollHint}</p>
<div class="legend" aria-hidden="true"><span class="chip sync">${m.modes.sync}</span><span class="chip async">${m.modes.async}</span><span class="chip self-service">${m.modes.selfService}</span></div>
<div class="canvas" role="region" tabindex="0" aria-label="${m.canvas.replace("{title}", () => journey.title)}">
<table class="map" style="--n:${steps.length}">
<colgroup><col class="row-head-col">${steps.map(() => trusted('<col class="step-col">'))}</colgroup>
<thead><tr class="stages"><th scope="col" class="corner">${t.stage}</th>${stagesRow}</tr><tr class="steps"><th scope="col" class="corner">${m.stepNumber}</th>${numbersRow}</tr></thead>
<tbody>
${rows.map((row) => markup`${row}\n`)}</tbody>
</table>
</div>
${analysis ? markup`${analysisSection(analysis, t, trendChart)}\n` : ""}${journeyWide.length > 0 ? markup`<section class="journey-findings"><h2>${m.journeyFindings}</h2>${findingList(journeyWide, t, ruleDocsUrl)}</section>` : ""}
</main>`;
  return { lang: t.lang, dir: t.dir, title: `${journey.title} · ${m.title}`, body };
}

/**
 * Links to images beside the page, `separator` between them: links, not `<img>`, since the page's
 * policy lets it load nothing (`img-src data:`), which keeps it whole wherever it is opened.
 */
export function imageAnchors(links: readonly ImageLink[], separator: string): Html {
  return markup`${links.map((link, i) => markup`${i > 0 ? trusted(separator) : ""}<a href="${encodeURIComponent(link.file)}">${link.text}</a>`)}`;
}

/** A whole map page: the document, its style and script inline, and a policy that forbids any request. */
export function mapPage(doc: MapDocument, note: string, footer: string, page: { script: string; css: string } = { script: MAP_SCRIPT, css: "" }): string {
  const { script } = page;
  const policy = `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHash(script)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!-- ${note} -->
<!doctype html>
<html lang="${doc.lang}" dir="${doc.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
${markup`<title>${doc.title}</title>`.value}
<style>${MAP_CSS}${page.css}</style>
</head>
<body>
${doc.body.value}
${markup`<footer>${footer}</footer>`.value}
<script>${script}</script>
</body>
</html>
`;
}

function rowName(row: string, t: Labels): string {
  const m = t.map;
  const names: Record<string, string> = {
    actions: m.customerActions,
    touchpoints: m.touchpoints,
    thoughts: t.thoughts,
    "pain-points": t.painPoints,
    opportunities: t.opportunities,
    backstage: m.backstage,
    funnel: m.reachedAndDropOff,
    measured: m.measuredRow,
    findings: t.findings,
  };
  return names[row];
}

function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const byStep = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.stepId) byStep.set(finding.stepId, [...(byStep.get(finding.stepId) ?? []), finding]);
  return byStep;
}

function stepCard(step: Step, journey: Journey, names: Names, journeys: LinkedJourneys | undefined): Html {
  const m = names.labels.map;
  const goal = journey.goal.steps.includes(step.id);
  const badges: Html[] = [];
  if (goal) badges.push(markup`<span class="badge goal">&#9733; ${m.goalStep}</span>`);
  if (step.type !== "action") badges.push(markup`<span class="badge type-${step.type}">${m.types[step.type]}</span>`);
  if (step.type === "end" && step.outcome) badges.push(markup`<span class="badge end-${step.outcome}">&#9632; ${names.labels.outcomes[step.outcome]}</span>`);
  const meta: (Html | string)[] = [];
  // A handoff's actor is its `from` team: from -> to says it all.
  if (step.type !== "handoff" && (step.actor !== "customer" || step.lane === "backstage")) meta.push(names.actor(step));
  if (step.type === "handoff" && step.from && step.to)
    meta.push(markup`<span dir="auto">${names.team(step.from)}</span> ${arrow(names)} <span dir="auto">${names.team(step.to)}</span>`);
  if (step.answers) meta.push(m.answers.replace("{step}", () => journey.stepById.get(step.answers!)?.name ?? step.answers!));
  if (step.owner) meta.push(`${m.owner}: ${names.team(step.owner)}`);
  const branches =
    step.type === "decision" && step.next.length > 0
      ? markup`<ul class="branches">${step.next.map((branch) => markup`<li dir="auto">${journey.stepById.get(branch.to)?.name ?? branch.to}${branch.when ? markup` <span class="meta">(${branch.when})</span>` : ""}</li>`)}</ul>`
      : "";
  // The step's id is its anchor: another journey's map links `<this-journey>.html#<step-id>`.
  return markup`<div class="step-card${goal ? " goal" : ""}" id="${step.id}" data-step="${step.id}"><span class="title" dir="auto">${step.name}</span>${meta.map((item) => markup`<span class="meta">${item}</span>`)}${step.description ? markup`<span class="meta" dir="auto">${step.description}</span>` : ""}${branches}${continuedFrom(step, journey, names, journeys)}${continuesIn(step, names, journeys)}${badges.length > 0 ? markup`<span class="badges">${badges}</span>` : ""}</div>`;
}

/** From -> to in the reading direction: in a right-to-left page the first team is on the right. */
function arrow(names: Names): Html {
  return trusted(names.labels.dir === "rtl" ? "&larr;" : "&rarr;");
}

function channelChips(step: Step, journey: Journey, names: Names): Html {
  const m = names.labels.map;
  return markup`${step.channels.map((id) => {
    const channel = journey.channels.get(id);
    const mode = channel?.self_service ? "self-service" : (channel?.mode ?? "async");
    const modeName = mode === "self-service" ? m.modes.selfService : m.modes[mode];
    return markup`<span class="chip ${mode}" data-mode="${mode}"><span dir="auto">${names.channel(id)}</span><span class="mode">${modeName}</span></span>`;
  })}`;
}

function notes(items: readonly string[]): Html | false {
  return items.length > 0 && markup`<ul class="notes">${items.map((item) => markup`<li dir="auto">${item}</li>`)}</ul>`;
}

function findingList(findings: readonly Finding[] | undefined, t: Labels, ruleDocsUrl: (ruleId: string) => string): Html | false {
  if (!findings || findings.length === 0) return false;
  return markup`<ul class="findings">${findings.map(
    (f) =>
      markup`<li class="finding ${f.severity}"><span class="sev">${t.severities[f.severity]}</span> <span dir="auto">${findingMessage(f, t)}</span> <a href="${ruleDocsUrl(f.ruleId)}">${f.ruleId}</a></li>`,
  )}</ul>`;
}

/**
 * A funnel row: per step its reached, its share as a bar, and lost after, all from
 * `model/step-figures.ts` (never one column against its neighbour: neighbours in the file may be
 * alternatives). The exact figures are in `data-*` attributes: `data-reached`, `data-share`, and
 * `data-lost` (a count, or `goal`, `end`, `unknown`) with `data-lost-kind`.
 */
function funnelCell(figures: StepFigures, t: Labels) {
  return (step: Step): Html | false => {
    const figure = figures.steps[step.index];
    if (figure.reached === null)
      return figures.basis === "measured" && markup`<span class="meta not-measured" data-measured="false">${t.figures.notMeasured}</span>`;
    const lost = figure.lostAfter;
    const lostValue = lost === null ? "unknown" : "lost" in lost ? String(lost.lost) : lost.kind;
    const width = figure.share === null ? 0 : Math.round(figure.share * 1000) / 10;
    const lostLine =
      lost === null || lost.kind === "unknown"
        ? ""
        : lost.kind === "count"
          ? markup`<span class="${lost.lost > 0 ? "drop " : ""}lost" dir="auto">${t.measured.lostAfter}: <span class="figure" dir="ltr">${lostText(lost, t)}</span></span>`
          : markup`<span class="lost meta" dir="auto">${lostText(lost, t)}</span>`;
    return markup`<span class="figure" dir="ltr" data-measured="true" data-reached="${figure.reached}" data-share="${figure.share === null ? "" : String(figure.share)}" data-lost="${lostValue}" data-lost-kind="${lost?.kind ?? "unknown"}">${formatNumber(t, figure.reached)}</span> <span class="meta">${shareText(figure, t)}</span><div class="bar" aria-hidden="true"><span style="width:${width}%"></span></div>${lostLine}`;
  };
}

function personaCard(journey: Journey, t: Labels): Html | string {
  const p = journey.persona;
  if (!p) return "";
  const lists = (
    [
      [t.goals, p.goals],
      [t.needs, p.needs],
      [t.frustrations, p.frustrations],
    ] as const
  ).filter(([, items]) => items && items.length > 0);
  return markup`<section class="card persona"><h2>${t.persona}</h2><p class="name" dir="auto">${catalogName(p, t.lang)}</p>${p.description ? markup`<p dir="auto">${p.description}</p>` : ""}${lists.map(
    ([heading, items]) => markup`<strong>${heading}</strong><ul>${items!.map((item) => markup`<li dir="auto">${item}</li>`)}</ul>`,
  )}</section>`;
}

function goalCard(journey: Journey, t: Labels): Html {
  const goalSteps = journey.goal.steps.map((id) => journey.stepById.get(id)?.name ?? id);
  return markup`<section class="card goal"><h2>${t.businessGoal}</h2>${journey.goal.description ? markup`<p class="name" dir="auto">${journey.goal.description}</p>` : ""}<p>${plural(t, t.goalReachedAt, goalSteps.length)}: ${goalSteps.map((name, i) => markup`${i > 0 ? ", " : ""}<span dir="auto">&#9733; ${name}</span>`)}</p></section>`;
}

function figuresCard(journey: Journey, findings: readonly Finding[], t: Labels, analysis: AnalysisResult | undefined, figures: StepFigures | undefined): Html {
  const counts = countFindings(findings);
  const measured = analysis
    ? analysis.period && {
        from: analysis.period.from,
        to: analysis.period.to,
        cases: analysis.cases,
        conversion: analysis.conversion,
        fitness: analysis.fitness,
      }
    : journey.measured;
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  return markup`<section class="card figures"><h2>${t.keyFigures}</h2><dl>
<dt>${t.stages}</dt><dd>${journey.stages.length}</dd><dt>${t.steps}</dt><dd>${journey.steps.length}</dd>
<dt>${t.findings}</dt><dd>${findingCounts(t, counts)}</dd>
${measured ? markup`<dt>${t.measured.period}</dt><dd dir="ltr">${measured.from} &ndash; ${measured.to}</dd><dt>${t.measured.cases}</dt><dd>${measured.cases}</dd><dt>${t.measured.conversion}</dt><dd>${percent(measured.conversion)}</dd><dt>${t.measured.fitness}</dt><dd>${percent(measured.fitness)}</dd>` : ""}
${figures ? markup`<dt>${t.funnel}</dt><dd class="definition">${figuresDefinition(figures, t)}</dd>` : ""}
</dl></section>`;
}
