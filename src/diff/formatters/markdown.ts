import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { markdownCell, markdownCellIsolated, markdownMessageCell, markdownText } from "../../escape/markdown.js";
import { findingMessageParts } from "../../i18n/finding-message.js";
import { formatNumber } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import { Names } from "../../i18n/names.js";
import { diffFlowDiagram } from "../diagram.js";
import { changedFigures, countChanges, type DiffCounts } from "../summary.js";
import { FIGURE_NAMES, type Change, type DiffResult, type FigureName, type JourneyDiff } from "../types.js";
import type { DiffFormatContext } from "./index.js";

const ICON = { error: "❌", warning: "⚠️", info: "ℹ️" } as const;

/**
 * Most bytes of Markdown one diff writes. GitHub refuses a job summary (`$GITHUB_STEP_SUMMARY`)
 * over 1 MiB (1,048,576 bytes) and shows none of it; the rest of the limit is room for the line
 * that counts what was left out. Past it, the first changes are listed in order and the rest
 * counted (`--format json` has them all).
 */
export const MAX_MARKDOWN_BYTES = 1_000_000;

/** Lines that stay together (a table's head, a diagram), and how many changes they list. */
interface Block {
  lines: string[];
  changes: number;
}

/**
 * A pull-request comment (or `$GITHUB_STEP_SUMMARY`): a one-line summary, then per journey its
 * impact before and after, its changes grouped by stage, and a Mermaid flowchart of the new
 * version with the change drawn on it. Headings and labels are in the chosen language; every
 * user string goes through the Markdown escaping.
 */
export function formatDiffMarkdown(result: DiffResult, context: DiffFormatContext): string {
  const t = context.labels;
  const d = t.diff;
  const counts = countChanges(result.journeys);
  const out: string[] = [`## ${d.title}`, "", fill(d.compared, { head: code(result.head.name), base: code(result.base.name) }), ""];
  const changed = result.journeys.filter((journey) => journey.status !== "unchanged");
  if (changed.length === 0) {
    out.push(`✅ ${d.noChanges}`, "");
    return out.join("\n");
  }
  out.push(`**${summaryLine(counts, d, changed.length)}**`, "");
  const blocks = changed.flatMap((journey) => journeySection(journey, context));
  let bytes = Buffer.byteLength(out.join("\n")) + 1;
  let listed = 0;
  for (const block of blocks) {
    const text = block.lines.join("\n") + "\n";
    bytes += Buffer.byteLength(text);
    if (bytes > MAX_MARKDOWN_BYTES) break;
    out.push(...block.lines);
    listed++;
  }
  if (listed < blocks.length) {
    const omitted = blocks.slice(listed).reduce((sum, block) => sum + block.changes, 0);
    out.push(`_${fill(d.truncated, { count: formatNumber(t, omitted) })}_`, "");
  }
  return out.join("\n");
}

function summaryLine(counts: DiffCounts, d: Labels["diff"], journeys?: number, pathToGoal?: string): string {
  const parts = [
    journeys !== undefined ? fill(d.journeysChanged, { count: journeys }) : "",
    counts.stepsAdded ? fill(d.stepsAdded, { count: counts.stepsAdded }) : "",
    counts.stepsRemoved ? fill(d.stepsRemoved, { count: counts.stepsRemoved }) : "",
    counts.stepsMoved ? fill(d.stepsMoved, { count: counts.stepsMoved }) : "",
    pathToGoal ?? "",
    counts.newErrors ? fill(d.newErrors, { count: counts.newErrors }) : "",
    counts.newWarnings ? fill(d.newWarnings, { count: counts.newWarnings }) : "",
    counts.fixed ? fill(d.fixed, { count: counts.fixed }) : "",
  ];
  return parts.filter(Boolean).join(" · ");
}

function journeySection(journey: JourneyDiff, context: DiffFormatContext): Block[] {
  const t = context.labels;
  const d = t.diff;
  const path = (file: string) => toPosix(relative(context.cwd, file));
  const side = journey.head?.model ?? journey.base?.model;
  const title = side ? `${markdownText(side.journey.title)} (${code(journey.id)})` : code(journey.id);
  const blocks: Block[] = [];
  let out: string[] = [];
  const endBlock = (changes = 0) => {
    blocks.push({ lines: out, changes });
    out = [];
  };
  out = [
    `### ${title}: ${d.status[journey.status]}`,
    "",
    code(path(journey.file)) + (journey.baseFile ? ` (${fill(d.renamedFrom, { file: code(path(journey.baseFile)) })})` : ""),
    "",
  ];
  const path_ = journey.impact.path_to_goal;
  const pathToGoal = path_.before !== path_.after ? fill(d.pathToGoal, { before: path_.before ?? "—", after: path_.after ?? "—" }) : undefined;
  const line = summaryLine(countChanges([journey]), d, undefined, pathToGoal);
  if (line) out.push(line, "");

  // Impact
  const names: Record<FigureName, string> = {
    path_to_goal: t.shortestPath,
    contacts: t.contacts,
    handoffs: d.handoffs,
    channels: t.channels,
    emotion_low: d.emotionLow,
    emotion_avg: d.emotionAvg,
    goal_reached: d.goalReached,
  };
  const moved = new Set(changedFigures(journey).map(([name]) => name));
  out.push(`#### ${d.impact}`, "", `| ${t.figure} | ${d.before} | ${d.after} |`, "| --- | ---: | ---: |");
  for (const name of FIGURE_NAMES) {
    const { before, after } = journey.impact[name];
    const show = (value: number | null) => (value === null ? "—" : moved.has(name) ? `**${value}**` : String(value));
    out.push(`| ${names[name]} | ${show(before)} | ${show(after)} |`);
  }
  out.push("");
  endBlock();

  // Changes, grouped by stage in the order of the new version (then stages that are gone)
  out.push(`#### ${d.changes}`, "");
  const groups = new Map<string, Change[]>();
  for (const change of journey.changes) groups.set(change.stage ?? "", [...(groups.get(change.stage ?? "") ?? []), change]);
  const stageOrder = [...(journey.head?.model?.journey.stages ?? []), ...(journey.base?.model?.journey.stages ?? [])].map((stage) => stage.id);
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : stageOrder.indexOf(a) - stageOrder.indexOf(b)));
  for (const key of keys) {
    out.push(
      `**${key === "" ? d.wholeJourney : markdownText(stageName(journey, key, context))}**`,
      "",
      `| ${t.severity} | ${d.change} | ${t.line} | ${t.message} |`,
      "| --- | --- | ---: | --- |",
    );
    const changes = groups.get(key)!;
    changes.forEach((change, i) => {
      const kind = change.rule ? `${change.kind} (${change.rule})` : change.kind;
      const where = change.side === "base" ? fill(d.baseLine, { line: change.line }) : String(change.line);
      out.push(`| ${ICON[change.severity]} ${t.severities[change.severity]} | ${markdownCell(kind)} | ${where} | ${messageCell(change, t)} |`);
      if (i === changes.length - 1) out.push("");
      endBlock(1); // the table's head goes with its first row
    });
  }

  const diagram = diffFlowDiagram(journey);
  if (diagram) out.push(`#### ${d.flow}`, "", `_${d.flowCaption}_`, "", "```mermaid", diagram.trimEnd(), "```", "");
  if (out.length > 0) endBlock();
  return blocks;
}

/**
 * A change's message for its cell, code spans kept as code: a lint finding in the diff's language
 * (as the report's Findings write it), the other changes as the terminal writes them.
 */
function messageCell(change: Change, t: Labels): string {
  if (change.kind === "link-added" || change.kind === "link-removed") {
    // A link's change in the diff's language: the ids stay code.
    const { from, to } = (change.kind === "link-added" ? change.after : change.before) as { from: string; to: string };
    const [journey, step] = to.split("#");
    const template = change.kind === "link-added" ? t.diff.linkAdded : t.diff.linkRemoved;
    return markdownMessageCell(fill(template, { step: code(from), journey: code(journey), link: code(step) }));
  }
  if (!change.finding) return markdownMessageCell(change.message);
  const [before, after = ""] = (change.kind === "finding-new" ? t.diff.findingNew[change.finding.severity] : t.diff.findingFixed).split("{message}");
  return markdownCellIsolated([{ text: before, isolate: false }, ...findingMessageParts(change.finding, t), { text: after, isolate: false }]);
}

function stageName(journey: JourneyDiff, id: string, context: DiffFormatContext): string {
  for (const side of [journey.head, journey.base]) {
    const stage = side?.model?.journey.stages.find((s) => s.id === id);
    if (stage && side?.model) return new Names(side.model.journey, side.source.config, context.labels).stage(stage);
  }
  return id;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Inline code that a backtick in the text cannot end early. */
function code(text: string): string {
  const plain = text.replace(/[\r\n]+/g, " ");
  const fence = "`".repeat(Math.max(0, ...(plain.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return fence.length > 1 ? `${fence} ${plain} ${fence}` : `${fence}${plain}${fence}`;
}
