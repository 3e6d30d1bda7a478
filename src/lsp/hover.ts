import { isMap, isScalar, isSeq, type Node } from "yaml";
import { MarkupKind, type Hover } from "vscode-languageserver";
import { keyText } from "../load/locator.js";
import type { ProjectFile } from "../project/project.js";
import { catalogEntry, symbolAt } from "./symbol-at.js";
import { documentOf, rangeOf, within, type Workspace } from "./workspace.js";

/** Backticks in user text would end an inline code span: shown as plain text in a hover. */
function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

function plain(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

/**
 * Hover: a step's name, type, channels by name, emotion, metrics and the findings on it; a
 * channel's (persona's, team's) name and mode; a rule id's description.
 */
export function hover(workspace: Workspace, file: ProjectFile, offset: number): Hover | null {
  const doc = documentOf(file);
  const symbol = symbolAt(file, offset);
  if (symbol?.kind === "rule") {
    const info = workspace.rulesMeta.get(symbol.id);
    if (!info) return null;
    return markdown([`**${code(info.id)}** (${info.severity})`, plain(info.description), `[Documentation](${info.docsUrl})`], rangeOf(doc, symbol.range));
  }
  if (symbol && symbol.kind !== "step") {
    const entry = catalogEntry(workspace.project, file.path, symbol.kind, symbol.id);
    if (!entry) return markdown([`${symbol.kind} ${code(symbol.id)}: not declared in the journey or its config`], rangeOf(doc, symbol.range));
    const facts = [entry.mode && `mode: ${plain(entry.mode)}`, entry.selfService && "self-service"].filter(Boolean).join(", ");
    const title = `**${plain(entry.name ?? entry.id)}** (${symbol.kind} ${code(entry.id)})`;
    return markdown(facts ? [title, facts] : [title], rangeOf(doc, symbol.range));
  }
  // A step: the one whose id is under the cursor (declared or referenced), else the step the cursor is in.
  const step =
    (symbol && file.index.steps.find((candidate) => candidate.id === symbol.id)) ?? file.index.steps.find((candidate) => within(candidate.range, offset));
  if (!step) return null;
  const range = symbol?.range ?? step.idRange ?? step.range;
  const lines = [`**${plain(step.name ?? step.id)}** (step ${code(step.id)}${step.type ? `, ${plain(step.type)}` : ""})`];
  const channelNode: unknown = step.node.get("channel", true);
  const channelIds = isSeq(channelNode) ? channelNode.items.map(scalarText) : isScalar(channelNode) ? [scalarText(channelNode)] : [];
  const channels = channelIds.filter(Boolean).map((id) => catalogEntry(workspace.project, file.path, "channel", id)?.name ?? id);
  if (channels.length > 0) lines.push(`Channels: ${channels.map(plain).join(", ")}`);
  const emotion = scalarText(step.node.get("emotion", true));
  if (emotion) lines.push(`Emotion: ${plain(emotion)}`);
  const metrics: unknown = step.node.get("metrics", true);
  if (isMap(metrics)) lines.push(`Metrics: ${metrics.items.map((pair) => `${plain(keyText(pair.key))} ${plain(scalarText(pair.value as Node))}`).join(", ")}`);
  const checked = workspace.project.check(file.path);
  const stepFindings = checked?.findings.filter((finding) => finding.stepId === step.id) ?? [];
  for (const finding of stepFindings) lines.push(`- ${finding.severity} ${code(finding.ruleId)}: ${plain(finding.message)}`);
  return markdown(lines, rangeOf(doc, range));
}

function scalarText(node: unknown): string {
  return isScalar(node) && (typeof node.value === "string" || typeof node.value === "number") ? String(node.value) : "";
}

function markdown(lines: string[], range: Hover["range"]): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n\n") }, range };
}
