import { isSeq } from "yaml";
import { ResponseError, ErrorCodes, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { StepEntry } from "../project/file-index.js";
import type { ProjectFile } from "../project/project.js";
import { catalogEntry, stepOccurrences, symbolAt } from "./symbol-at.js";
import { references } from "./definition.js";
import { documentOf, rangeOf, uriOf, type Workspace } from "./workspace.js";

/** The format's id (schemas/journey.schema.json `$defs.id`): lowercase words of any script joined by single hyphens. */
const ID = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+)*$/u;

/** What can be renamed: a step id, or a channel, persona or team id declared in a catalog. */
export function prepareRename(workspace: Workspace, file: ProjectFile, offset: number): { range: Range; placeholder: string } | null {
  const symbol = symbolAt(file, offset);
  if (!symbol || symbol.kind === "rule") return null;
  if (symbol.kind === "step") {
    if (!file.index.steps.some((step) => step.id === symbol.id)) return null;
  } else if (!catalogEntry(workspace.project, file.path, symbol.kind, symbol.id)) return null; // `customer`, or an undeclared id
  return { range: rangeOf(documentOf(file), symbol.range), placeholder: symbol.id };
}

export interface RenameOptions {
  /** The client shows a label on an edit (`workspace.workspaceEdit.changeAnnotationSupport`). */
  annotations: boolean;
}

/**
 * Renames a step id within its journey (its `id` and every reference; the old id joins the
 * step's `events:`, so event logs keep matching), or a catalog id across the config and every
 * journey that uses it. Refuses a name that is not an id or is already taken.
 */
export function rename(workspace: Workspace, file: ProjectFile, offset: number, newName: string, options: RenameOptions): WorkspaceEdit | null {
  const prepared = prepareRename(workspace, file, offset);
  const symbol = symbolAt(file, offset);
  if (!prepared || !symbol || symbol.kind === "rule") return null;
  if (!ID.test(newName))
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not an id: lowercase words joined by single hyphens, like \`pays-online\``);
  if (newName === symbol.id) return { changes: {} };
  const byUri = new Map<string, TextEdit[]>();
  const push = (uri: string, edit: TextEdit) => byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
  let label = `Rename ${symbol.kind} \`${symbol.id}\` to \`${newName}\``;

  if (symbol.kind === "step") {
    if (file.index.steps.some((step) => step.id === newName))
      throw new ResponseError(ErrorCodes.InvalidParams, `a step \`${newName}\` already exists in this journey`);
    const doc = documentOf(file);
    const uri = uriOf(file.path);
    for (const occurrence of stepOccurrences(file, symbol.id)) push(uri, { range: rangeOf(doc, occurrence.range), newText: newName });
    const step = file.index.steps.find((candidate) => candidate.id === symbol.id);
    if (step && !step.events?.values.includes(symbol.id)) {
      const edit = keepInEvents(file, step, symbol.id);
      if (edit) {
        push(uri, edit);
        label += `; \`${symbol.id}\` added to the step's events: so event logs keep matching`;
      }
    }
  } else {
    const { project } = workspace;
    const taken = project.catalogFor(file.path).some((entry) => entry.kind === symbol.kind && entry.id === newName);
    if (taken) throw new ResponseError(ErrorCodes.InvalidParams, `a ${symbol.kind} \`${newName}\` is already declared`);
    for (const location of references(workspace, file, offset, true)) push(location.uri, { range: location.range, newText: newName });
  }
  const changes = Object.fromEntries(byUri);
  if (!options.annotations) return { changes };
  return {
    documentChanges: [...byUri].map(([uri, edits]) => ({
      textDocument: { uri, version: null },
      edits: edits.map((edit) => ({ ...edit, annotationId: "rename" })),
    })),
    changeAnnotations: { rename: { label, needsConfirmation: false } },
  };
}

/** Adds the old id to a step's `events:` (a new list after its `id:` line when it has none). */
function keepInEvents(file: ProjectFile, step: StepEntry, oldId: string): TextEdit | undefined {
  const doc = documentOf(file);
  const quoted = /^[\p{L}\p{N}-]+$/u.test(oldId) ? oldId : JSON.stringify(oldId);
  const events = step.events?.node;
  if (events && isSeq(events) && events.range) {
    if (events.flow) {
      // `[a, b]`: before the closing bracket.
      const close = file.text.lastIndexOf("]", events.range[1]);
      if (close < events.range[0]) return undefined;
      const position = doc.positionAt(close);
      return { range: { start: position, end: position }, newText: events.items.length > 0 ? `, ${quoted}` : quoted };
    }
    const first = events.items[0] as { range?: [number, number] } | undefined;
    if (!first?.range) return undefined;
    // A block list: a new `- ` item above the first, at its indentation.
    const itemLineStart = file.text.lastIndexOf("\n", first.range[0] - 1) + 1;
    const prefix = file.text.slice(itemLineStart, first.range[0]);
    const position = doc.positionAt(itemLineStart);
    return { range: { start: position, end: position }, newText: `${prefix}${quoted}\n` };
  }
  if (events || !step.idRange) return undefined;
  // No `events:`: a line after the `id:` line, at the indentation of the step's keys (a flow-style step is left alone).
  const idLineStart = file.text.lastIndexOf("\n", step.idRange[0] - 1) + 1;
  const idLine = file.text.slice(idLineStart, step.idRange[0]);
  const lead = /^(\s*(?:-\s+)?)id\s*:\s*$/.exec(idLine);
  if (!lead) return undefined;
  const indent = " ".repeat(lead[1].length);
  let lineEnd = file.text.indexOf("\n", step.idRange[1]);
  if (lineEnd === -1) lineEnd = file.text.length;
  const crlf = lineEnd > 0 && file.text[lineEnd - 1] === "\r";
  const at = doc.positionAt(crlf ? lineEnd - 1 : lineEnd);
  return { range: { start: at, end: at }, newText: `${crlf ? "\r\n" : "\n"}${indent}events: [${quoted}]` };
}
