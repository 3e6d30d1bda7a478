import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import { cursorContext, keysOf } from "../project/cursor.js";
import type { ProjectFile } from "../project/project.js";
import { BUILTIN_ACTORS } from "../model/types.js";
import { RULES } from "../rules/registry.js";
import { documentOf, rangeOf, type Workspace } from "./workspace.js";

const TEAM_KEYS = new Set(["actor", "owner", "from"]);

/**
 * Completion of values from the model: channel ids after `channel:` and in its lists; persona
 * ids; team ids and the built-in actors for `actor`, `owner`, `from`, a handoff's `to`; step ids
 * for `next`, a branch's `to`, `goal.steps`, `entry`, and only contacts for `answers`; rule ids
 * in `journey-disable` comments and under `rules:`. Each item replaces the value at the cursor
 * (empty or already typed), in block or flow style.
 */
export function complete(workspace: Workspace, file: ProjectFile, offset: number): CompletionItem[] {
  const doc = documentOf(file);
  const comment = commentCompletion(file, offset);
  if (comment) return comment.map((item) => ({ ...item, textEdit: { range: rangeOf(doc, comment.replace), newText: item.label } }));
  const context = cursorContext(file.index.doc, file.text, offset);
  if (!context) return [];
  const keys = keysOf(context.path);
  const items = candidates(workspace, file, context.path, keys, context.onKey);
  const range = rangeOf(doc, context.replace);
  return items.map((item) => ({ ...item, textEdit: { range, newText: item.label }, filterText: item.label }));
}

function candidates(workspace: Workspace, file: ProjectFile, path: readonly (string | number)[], keys: string[], onKey: boolean): CompletionItem[] {
  const last = keys.at(-1);
  // `rules:` takes rule ids as keys (in the config and in a journey).
  if (keys[0] === "rules" && keys.length <= 2 && (onKey || keys.length === 1)) return ruleItems();
  if (onKey || last === undefined) return [];
  const catalog = workspace.project.catalogFor(file.path);
  const catalogItems = (kind: "channel" | "persona" | "team") =>
    catalog
      .filter((entry) => entry.kind === kind)
      .map((entry) => ({
        label: entry.id,
        kind: CompletionItemKind.EnumMember,
        detail: [entry.name, entry.mode, entry.selfService ? "self-service" : undefined].filter(Boolean).join(" · "),
      }));
  if (file.kind !== "journey") return [];
  if (keys.length === 1 && last === "persona") return catalogItems("persona");
  if (keys.length === 1 && last === "owner") return [...catalogItems("team"), ...builtins()];
  if ((keys.length === 1 && last === "entry") || (keys.length === 2 && keys[0] === "goal" && last === "steps")) return stepItems(file);
  const inStep = keys[0] === "stages" && keys[1] === "steps" && keys.length >= 3;
  if (!inStep) return [];
  const stepKeys = keys.slice(2);
  const key = stepKeys[0];
  if (key === "channel") return catalogItems("channel");
  if (TEAM_KEYS.has(key)) return [...catalogItems("team"), ...builtins()];
  if (key === "answers") return stepItems(file, "contact");
  if (key === "next") return stepItems(file);
  if (key === "to") {
    const step = file.index.steps.find((candidate) => samePrefix(candidate.path, path));
    return step?.type === "handoff" ? [...catalogItems("team"), ...builtins()] : stepItems(file);
  }
  return [];
}

function samePrefix(stepPath: readonly (string | number)[], path: readonly (string | number)[]): boolean {
  return stepPath.every((segment, i) => path[i] === segment);
}

function builtins(): CompletionItem[] {
  return BUILTIN_ACTORS.map((id) => ({ label: id, kind: CompletionItemKind.Keyword, detail: "built-in actor" }));
}

function stepItems(file: ProjectFile, type?: string): CompletionItem[] {
  return file.index.steps
    .filter((step) => step.id !== "" && (type === undefined || step.type === type))
    .map((step) => ({ label: step.id, kind: CompletionItemKind.Reference, detail: [step.name, step.type].filter(Boolean).join(" · ") }));
}

function ruleItems(): CompletionItem[] {
  return RULES.map(({ meta }) => ({ label: meta.id, kind: CompletionItemKind.Property, detail: meta.description }));
}

/** In `# journey-disable[-next-line] a, b|`: the rule ids, replacing the word at the cursor. */
function commentCompletion(file: ProjectFile, offset: number): (CompletionItem[] & { replace: [number, number] }) | undefined {
  const lineStart = file.text.lastIndexOf("\n", offset - 1) + 1;
  const before = file.text.slice(lineStart, offset);
  const match = /^\s*#\s*journey-disable(?:-next-line)?\s+(?:[\p{L}\p{N}-]+\s*,\s*)*([\p{L}\p{N}-]*)$/u.exec(before);
  if (!match) return undefined;
  const after = /^[\p{L}\p{N}-]*/u.exec(file.text.slice(offset))![0];
  const items = ruleItems() as CompletionItem[] & { replace: [number, number] };
  items.replace = [offset - match[1].length, offset + after.length];
  return items;
}
