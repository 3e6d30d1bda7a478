import { cursorContext } from "../project/cursor.js";
import type { CatalogEntry, Occurrence, SymbolKind } from "../project/file-index.js";
import type { Project, ProjectFile } from "../project/project.js";
import { RULES } from "../rules/registry.js";
import { within } from "./workspace.js";

/** What the cursor is on: an id of a step or catalog entry (declared or referenced), or a rule id. */
export type SymbolAt = { kind: SymbolKind; id: string; range: [number, number]; declaration: boolean } | { kind: "rule"; id: string; range: [number, number] };

const RULE_IDS = new Set(RULES.map((rule) => rule.meta.id));

export function symbolAt(file: ProjectFile, offset: number): SymbolAt | undefined {
  const occurrence = file.index.occurrences.find((candidate) => within(candidate.range, offset));
  if (occurrence) return { kind: occurrence.kind, id: occurrence.id, range: occurrence.range, declaration: occurrence.declaration };
  return ruleAt(file, offset);
}

/** A rule id under `rules:` or in a `# journey-disable` comment. */
function ruleAt(file: ProjectFile, offset: number): SymbolAt | undefined {
  const text = file.text;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd);
  const word = /[\p{L}\p{N}-]+/gu;
  const inComment = /^\s*#\s*journey-disable/.test(line);
  const context = inComment ? undefined : cursorContext(file.index.doc, text, offset);
  const underRules = context?.path[0] === "rules" && context.path.length === 2 && context.onKey;
  if (!inComment && !underRules) return undefined;
  for (let match = word.exec(line); match; match = word.exec(line)) {
    const start = lineStart + match.index;
    const end = start + match[0].length;
    if (start <= offset && offset <= end && RULE_IDS.has(match[0])) return { kind: "rule", id: match[0], range: [start, end] };
  }
  return undefined;
}

/** The catalog entry an id names, for a file: the journey's own catalog first, then its config's. */
export function catalogEntry(project: Project, path: string, kind: SymbolKind, id: string): (CatalogEntry & { file: string }) | undefined {
  if (kind === "step") return undefined;
  return project.catalogFor(path).find((entry) => entry.kind === kind && entry.id === id);
}

/** Every place a step id is written in its journey. */
export function stepOccurrences(file: ProjectFile, id: string): Occurrence[] {
  return file.index.occurrences.filter((occurrence) => occurrence.kind === "step" && occurrence.id === id);
}
