import type { AnalysisResult } from "../analyze/types.js";
import { markdownCell, markdownText, markdownUrl } from "../escape/markdown.js";
import { lostAfter } from "../model/analysis.js";
import { shortestPaths } from "../model/flow-graph.js";
import type { Journey, Step } from "../model/types.js";
import type { Finding, SuppressedFinding } from "../finding.js";
import type { FlowGraph } from "../model/flow-graph.js";
import { countFindings } from "../results.js";
import { formatNumber, formatPercent, plural } from "./i18n/format.js";
import { renderMeasuredSection } from "./measured-report.js";
import type { Names } from "./names.js";

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
  /** The flow diagram is drawn by stage: the full flow is past Mermaid's limits. */
  flowOverview?: boolean;
  /** Link from the report to its source file, for the line links of findings. */
  sourceLink: string;
  /** `render --analysis`: the analysis of this journey, and its observed flowchart. */
  analysis?: AnalysisResult;
  observedDiagram?: string;
}

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
  flowOverview,
  sourceLink,
  analysis,
  observedDiagram,
}: ReportInput): string {
  const t = names.labels;
  const out: string[] = [`# ${markdownText(journey.title)}`, ""];
  if (journey.description) out.push(markdownText(journey.description), "");

  // Persona and goal
  if (journey.persona) {
    const p = journey.persona;
    out.push(`## ${t.persona}: ${markdownText(p.name)}`, "");
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
  out.push(`${t.goalReachedAt}: ${goalSteps.map((s) => markdownText(s.name)).join(", ")}`, "");

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
  out.push(`| ${t.channels} | ${usedChannels.length > 0 ? usedChannels.map((id) => markdownCell(names.channel(id))).join(", ") : "—"} |`);
  out.push(`| ${t.shortestPath} | ${shortest === Infinity ? t.goalNotReachable : plural(t, t.shortestPathSteps, shortest)} |`);
  const contactList = contacts.map((c) => `${markdownCell(c.name)} (${unanswered.has(c.id) ? `❌ ${t.notAnswered}` : `✅ ${t.answered}`})`);
  out.push(`| ${t.contacts} | ${contactList.length > 0 ? contactList.join("<br>") : t.noContacts} |`);
  out.push(`| ${t.findings} | ${t.errors}: ${counts.errorCount}, ${t.warnings}: ${counts.warningCount}, ${t.infos}: ${counts.infoCount} |`, "");

  // Diagrams
  // The chart leaves out steps without an emotion rather than inventing one: the caption names them.
  const noEmotion = journey.steps.filter((s) => s.lane === "frontstage" && s.emotion === undefined);
  const journeyCaption =
    `_${t.journeyDiagramCaption}_` + (noEmotion.length > 0 ? ` _${t.map.noEmotion}:_ ${noEmotion.map((s) => markdownText(s.name)).join(", ")}.` : "");
  out.push(`## ${t.journeyDiagram}`, "", journeyCaption, "", "```mermaid", journeyDiagram.trimEnd(), "```", "");
  const flowCaption = `_${t.flowDiagramCaption}_` + (flowOverview ? ` _${plural(t, t.overviewNote, journey.steps.length)}_` : "");
  out.push(`## ${t.flowDiagram}`, "", flowCaption, "", "```mermaid", flowDiagram.trimEnd(), "```", "");

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
      const cells = [
        step.name + (step.type === "end" && step.outcome ? ` (${t.outcomes[step.outcome]})` : ""),
        names.actor(step),
        names.channels(step),
        names.emotion(step.emotion),
        step.thoughts ?? "",
        step.painPoints.join("\n"),
        step.opportunities.join("\n"),
      ];
      out.push(`| ${cells.map(markdownCell).join(" | ")} |`);
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
    for (const pain of step.painPoints) out.push(`- ${t.painPoints}: ${markdownText(pain)}`);
    for (const idea of step.opportunities) out.push(`- ${t.opportunities}: ${markdownText(idea)}`);
    out.push("");
  }

  // Funnel
  out.push(`## ${t.funnel}`, "", `_${t.funnelCaption}_`, "");
  const measured = journey.steps.filter((s) => s.reached !== undefined);
  if (measured.length === 0) out.push(t.noMetrics, "");
  else {
    // Along the flow, as `drop-off-high` counts: never against the previous step in the file.
    out.push(`| ${t.step} | ${t.reached} | ${t.dropOff} |`, "| --- | ---: | ---: |");
    for (const step of measured) {
      const lost = lostAfter(journey, graph, step);
      const drop = lost !== undefined && step.reached! > 0 ? formatPercent(t, lost / step.reached!) : "—";
      out.push(`| ${markdownCell(step.name)} | ${formatNumber(t, step.reached!)} | ${drop} |`);
    }
    out.push("");
  }

  out.push(...renderMeasuredSection(journey, graph, t, analysis, observedDiagram));

  // Findings
  out.push(`## ${t.findings}`, "");
  const listed: (Finding | SuppressedFinding)[] = [...findings, ...suppressed].sort((a, b) => a.line - b.line || a.column - b.column);
  if (listed.length === 0) out.push(t.noFindings, "");
  else {
    out.push(`| ${t.line} | ${t.severity} | ${t.rule} | ${t.message} |`, "| ---: | --- | --- | --- |");
    for (const f of listed) {
      const suppression = "suppression" in f ? ` (${t.suppressed}${f.suppression.reason ? `: ${f.suppression.reason}` : ""})` : "";
      out.push(
        `| [${f.line}](${markdownUrl(sourceLink)}#L${f.line}) | ${t.severities[f.severity]} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${markdownCell(f.message + suppression)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
