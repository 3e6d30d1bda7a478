import type { AnalysisResult } from "../analyze/types.js";
import { markdownCell, markdownCellIsolated, markdownText, markdownUrl } from "../escape/markdown.js";
import { shortestPaths } from "../model/flow-graph.js";
import type { Journey, Step } from "../model/types.js";
import type { Finding, SuppressedFinding } from "../finding.js";
import type { FlowGraph } from "../model/flow-graph.js";
import { countFindings } from "../results.js";
import { findingMessageParts } from "../i18n/finding-message.js";
import { findingCounts, formatList, formatNumber, isolate, plural } from "../i18n/format.js";
import { figuresDefinition, funnelSteps, journeyFigures, lostText, shareText } from "./funnel.js";
import { renderMeasuredSection } from "./measured-report.js";
import type { Names } from "../i18n/names.js";
import { arrivalsAt, linkTarget, type LinkedJourneys } from "./journey-links.js";

export interface ReportInput {
  journey: Journey;
  graph: FlowGraph;
  findings: readonly Finding[];
  /** Findings silenced by `# journey-disable` comments: listed as such, and their facts still shown. */
  suppressed?: readonly SuppressedFinding[];
  /** Where the documentation of a rule is, for the links of findings. */
  ruleDocsUrl: (ruleId: string) => string;
  names: Names;
  journeyDiagram: string;
  flowDiagram: string;
  /** The flow diagram is drawn by stage (the full flow is past Mermaid's limits): the note saying so (`chooseFlowDiagram`). */
  flowNote?: string;
  /** Link from the report to its source file, for the line links of findings. */
  sourceLink: string;
  /** `render --analysis`: the analysis of this journey, and its observed flowchart. */
  analysis?: AnalysisResult;
  observedDiagram?: string;
  /** The trend chart's SVG file beside the report (`<id>.trend.svg`), when the analysis has a trend. */
  trendChart?: string;
  /** The images drawn of this journey, by diagram (file names in the output folder), to link under each. */
  images?: ReportImages;
  /** The journeys rendered with this one: the titles of the journeys its steps continue in. */
  journeys?: LinkedJourneys;
}

export type ReportImages = Partial<Record<"journey" | "flow" | "observed" | "map", string>>;

/**
 * The Markdown report of one journey: who and what for, key figures, both diagrams, the journey
 * stage by stage, channel coverage, pain points, funnel, what was measured in an event log, and
 * the lint findings. Every user
 * string goes through the Markdown escaping functions; labels come from the chosen language.
 */
export function renderMarkdownReport({
  journey,
  graph,
  findings,
  suppressed = [],
  ruleDocsUrl,
  names,
  journeyDiagram,
  flowDiagram,
  flowNote,
  sourceLink,
  analysis,
  observedDiagram,
  trendChart,
  images = {},
  journeys,
}: ReportInput): string {
  const t = names.labels;
  const out: string[] = [`# ${markdownText(journey.title)}`, ""];
  if (journey.description) out.push(markdownText(journey.description), "");

  // Persona and goal
  if (journey.persona) {
    const p = journey.persona;
    out.push(`## ${t.persona}: ${isolate(t, markdownText(names.persona()))}`, "");
    if (p.description) out.push(markdownText(p.description), "");
    for (const [heading, items] of [
      [t.goals, p.goals],
      [t.needs, p.needs],
      [t.frustrations, p.frustrations],
    ] as const) {
      if (!items || items.length === 0) continue;
      out.push(`**${heading}**`, "", ...items.map((item) => `- ${markdownText(item)}`), "");
    }
  }
  out.push(`## ${t.businessGoal}`, "");
  if (journey.goal.description) out.push(markdownText(journey.goal.description), "");
  const goalSteps = journey.goal.steps.map((id) => journey.stepById.get(id)).filter((s): s is Step => s !== undefined);
  out.push(
    `${plural(t, t.goalReachedAt, goalSteps.length)}: ${formatList(
      t,
      goalSteps.map((s) => isolate(t, markdownText(s.name))),
    )}`,
    "",
  );

  // Key figures
  const frontstage = (i: number) => (journey.steps[i].lane === "frontstage" ? 1 : 0);
  const { cost } = shortestPaths(graph, graph.entries, frontstage);
  const shortest = Math.min(...goalSteps.map((s) => cost.get(s.index) ?? Infinity), Infinity);
  const counts = countFindings(findings);
  const contacts = journey.steps.filter((s) => s.type === "contact");
  // A suppression silences the message, not the fact: the contact is still not answered.
  const unanswered = new Set([...findings, ...suppressed].filter((f) => f.ruleId === "touchpoint-unanswered").map((f) => f.stepId));
  const usedChannels = [...new Set(journey.steps.flatMap((s) => s.channels))];
  out.push(`## ${t.keyFigures}`, "", `| ${t.figure} | ${t.value} |`, "| --- | --- |");
  out.push(`| ${t.stages} | ${journey.stages.length} |`);
  out.push(`| ${t.steps} | ${journey.steps.length} |`);
  out.push(
    `| ${t.channels} | ${
      usedChannels.length > 0
        ? formatList(
            t,
            usedChannels.map((id) => isolate(t, markdownCell(names.channel(id)))),
          )
        : "—"
    } |`,
  );
  out.push(`| ${t.shortestPath} | ${shortest === Infinity ? t.goalNotReachable : plural(t, t.shortestPathSteps, shortest)} |`);
  const contactList = contacts.map((c) => `${isolate(t, markdownCell(c.name))} (${unanswered.has(c.id) ? `❌ ${t.notAnswered}` : `✅ ${t.answered}`})`);
  out.push(`| ${t.contacts} | ${contactList.length > 0 ? contactList.join("<br>") : t.noContacts} |`);
  out.push(`| ${t.findings} | ${findingCounts(t, counts)} |`, "");

  // Diagrams
  // The chart leaves out steps without an emotion rather than inventing one: the caption names them.
  const noEmotion = journey.steps.filter((s) => s.lane === "frontstage" && s.emotion === undefined);
  const journeyCaption =
    `_${t.journeyDiagramCaption}_` +
    (noEmotion.length > 0
      ? ` _${t.map.noEmotion}:_ ${formatList(
          t,
          noEmotion.map((s) => isolate(t, markdownText(s.name))),
        )}.`
      : "");
  out.push(`## ${t.journeyDiagram}`, "", journeyCaption, "", "```mermaid", journeyDiagram.trimEnd(), "```", "");
  if (images.journey) out.push(imageLine(t.diagramImage.replace("{diagram}", t.journeyDiagram), images.journey), "");
  const flowCaption = `_${t.flowDiagramCaption}_` + (flowNote ? ` _${flowNote}_` : "");
  out.push(`## ${t.flowDiagram}`, "", flowCaption, "", "```mermaid", flowDiagram.trimEnd(), "```", "");
  if (images.flow) out.push(imageLine(t.diagramImage.replace("{diagram}", t.flowDiagram), images.flow), "");
  // A whole page, not a figure to show inline: a link.
  if (images.map) out.push(`[${t.mapImage.replace("{format}", images.map.endsWith(".pdf") ? "PDF" : "PNG")}](${markdownUrl(images.map)})`, "");

  // Stage by stage
  out.push(`## ${t.stageByStage}`, "");
  for (const stage of journey.stages) {
    out.push(`### ${markdownText(names.stage(stage))}`, "");
    if (stage.description) out.push(markdownText(stage.description), "");
    if (stage.steps.length === 0) continue;
    out.push(
      `| ${t.step} | ${t.actor} | ${t.channel} | ${t.emotion} | ${t.thoughts} | ${t.painPoints} | ${t.opportunities} |`,
      "| --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const step of stage.steps) {
      // Where user text meets the report's words (an outcome, a list's conjunction), a
      // right-to-left report isolates it, after escaping.
      const outcome = step.type === "end" && step.outcome ? ` (${t.outcomes[step.outcome]})` : "";
      const continues = step.links.map((link) => {
        const target = linkTarget(link, journeys);
        const anchor = `[${markdownCell(target.title)}](${markdownUrl(`${target.stem}.md`)})`;
        return `<br>${t.dir === "rtl" ? "←" : "→"} ${t.continuesIn.replace("{journey}", () => isolate(t, anchor))}${link.when ? ` (${isolate(t, markdownCell(link.when))})` : ""}`;
      });
      const arrivals = arrivalsAt(journey.id, step.id, journeys).map((source) => {
        const from = linkTarget(source, journeys);
        const anchor = `[${markdownCell(from.title)}](${markdownUrl(`${from.stem}.md`)})`;
        return `<br>${t.dir === "rtl" ? "→" : "←"} ${t.continuedFrom.replace("{journey}", () => isolate(t, anchor))}`;
      });
      const name = (outcome ? isolate(t, markdownCell(step.name)) + outcome : markdownCell(step.name)) + arrivals.join("") + continues.join("");
      const channels = formatList(
        t,
        step.channels.map((id) => isolate(t, markdownCell(names.channel(id)))),
      );
      const cells = [names.emotion(step.emotion), step.thoughts ?? "", step.painPoints.join("\n"), step.opportunities.join("\n")].map(markdownCell);
      out.push(`| ${[name, markdownCell(names.actor(step)), channels, ...cells].join(" | ")} |`);
    }
    out.push("");
  }

  // Channel coverage: stages by channels
  out.push(`## ${t.channelCoverage}`, "", `_${t.channelCoverageCaption}_`, "");
  if (usedChannels.length > 0) {
    out.push(`| ${t.stage} | ${usedChannels.map((id) => markdownCell(names.channel(id))).join(" | ")} |`, `| --- |${" ---: |".repeat(usedChannels.length)}`);
    for (const stage of journey.stages) {
      const counts = new Map<string, number>();
      for (const step of stage.steps) for (const id of new Set(step.channels)) counts.set(id, (counts.get(id) ?? 0) + 1);
      const cells = usedChannels.map((id) => String(counts.get(id) ?? "·"));
      out.push(`| ${markdownCell(names.stage(stage))} | ${cells.join(" | ")} |`);
    }
    out.push("");
  } else {
    out.push("—", "");
  }

  // Pain points and opportunities
  out.push(`## ${t.painPointsAndOpportunities}`, "");
  const withNotes = journey.steps.filter((s) => s.painPoints.length > 0 || s.opportunities.length > 0);
  if (withNotes.length === 0) out.push(t.noPainPoints, "");
  for (const step of withNotes) {
    out.push(`**${markdownText(step.name)}**`, "");
    for (const pain of step.painPoints) out.push(`- ${t.painPoint}: ${isolate(t, markdownText(pain))}`);
    for (const idea of step.opportunities) out.push(`- ${t.opportunity}: ${isolate(t, markdownText(idea))}`);
    out.push("");
  }

  // Funnel: the analysis' figures with --analysis, else the file's, by the one set of definitions
  // (model/step-figures.ts); never one step against its neighbour in the file.
  out.push(`## ${t.funnel}`, "", `_${t.funnelCaption}_`, "");
  const figures = journeyFigures(journey, graph, analysis);
  if (!figures) out.push(t.noMetrics, "");
  else {
    out.push(`| ${t.step} | ${t.reached} | ${t.measured.share} | ${t.measured.lostAfter} |`, "| --- | ---: | ---: | ---: |");
    for (const figure of funnelSteps(figures)) {
      const name = markdownCell(journey.steps[figure.index].name);
      if (figure.reached === null) out.push(`| ${name} | ${t.figures.notMeasured} | — | — |`);
      else out.push(`| ${name} | ${formatNumber(t, figure.reached)} | ${shareText(figure, t)} | ${lostText(figure.lostAfter, t)} |`);
    }
    out.push("", `_${figuresDefinition(figures, t)}_`, "");
  }

  const observedImage = images.observed && imageLine(t.diagramImage.replace("{diagram}", t.measured.observedFlow), images.observed);
  out.push(...renderMeasuredSection(journey, t, analysis, observedDiagram, observedImage, trendChart));

  // Findings
  out.push(`## ${t.findings}`, "");
  const listed: (Finding | SuppressedFinding)[] = [...findings, ...suppressed].sort((a, b) => a.line - b.line || a.column - b.column);
  if (listed.length === 0) out.push(t.noFindings, "");
  else {
    out.push(`| ${t.line} | ${t.severity} | ${t.rule} | ${t.message} |`, "| ---: | --- | --- | --- |");
    for (const f of listed) {
      const rtl = t.dir === "rtl";
      const reason =
        "suppression" in f && f.suppression.reason
          ? [
              { text: `: `, isolate: false },
              { text: f.suppression.reason, isolate: rtl },
            ]
          : [];
      const suppression = "suppression" in f ? [{ text: ` (${t.suppressed}`, isolate: false }, ...reason, { text: ")", isolate: false }] : [];
      out.push(
        `| [${f.line}](${markdownUrl(sourceLink)}#L${f.line}) | ${t.severities[f.severity]} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${markdownCellIsolated([...findingMessageParts(f, t), ...suppression])} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** An image under its diagram, for readers whose Markdown viewer does not draw Mermaid. */
function imageLine(caption: string, file: string): string {
  return `![${caption}](${markdownUrl(file)})`;
}
