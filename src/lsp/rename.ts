import { isSeq } from "yaml";
import { ResponseError, ErrorCodes, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { StepEntry, SymbolKind } from "../project/file-index.js";
import { journeyFile } from "../project/links.js";
import type { ProjectFile } from "../project/project.js";
import { catalogEntry, stepOccurrences, symbolAt } from "./symbol-at.js";
import { references } from "./definition.js";
import { documentOf, rangeOf, uriOf, within, type Workspace } from "./workspace.js";

/** The format's id (schemas/journey.schema.json `$defs.id`): lowercase words of any script joined by single hyphens. */
const ID = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+)*$/u;

type CatalogKind = Exclude<SymbolKind, "step">;

/**
 * What a rename at the cursor renames, and `range`, the text under the cursor. A step's `file` is
 * the journey that declares it (the cursor may be on a link to it from another journey); a
 * journey's is the file whose `id` it is.
 */
type RenameTarget =
  { kind: "journey" | "step"; id: string; file: ProjectFile; range: [number, number] } | { kind: CatalogKind; id: string; range: [number, number] };

function targetAt(workspace: Workspace, file: ProjectFile, offset: number): RenameTarget | undefined {
  const { project } = workspace;
  // The file links resolve to (the first of two with one id), or undefined.
  const declaring = (journeyId: string) => journeyFile(project, journeyId);
  const { journeyId, journeyIdRange } = file.index;
  if (journeyId !== undefined && journeyIdRange && within(journeyIdRange, offset))
    return declaring(journeyId)?.path === file.path ? { kind: "journey", id: journeyId, file, range: journeyIdRange } : undefined;
  for (const link of file.index.links) {
    const target = declaring(link.journey);
    if (within(link.journeyRange, offset)) return target && { kind: "journey", id: link.journey, file: target, range: link.journeyRange };
    if (within(link.stepRange, offset))
      return target?.index.steps.some((step) => step.id === link.step) ? { kind: "step", id: link.step, file: target, range: link.stepRange } : undefined;
  }
  const symbol = symbolAt(file, offset);
  if (!symbol || symbol.kind === "rule") return undefined;
  if (symbol.kind === "step")
    return file.index.steps.some((step) => step.id === symbol.id) ? { kind: "step", id: symbol.id, file, range: symbol.range } : undefined;
  if (!catalogEntry(project, file.path, symbol.kind, symbol.id)) return undefined; // `customer`, or an undeclared id
  return { kind: symbol.kind, id: symbol.id, range: symbol.range };
}

/**
 * What can be renamed: a step id (also from a link to it in another journey), a journey's id (also
 * from a link), or a channel, persona or team id declared in a catalog.
 */
export function prepareRename(workspace: Workspace, file: ProjectFile, offset: number): { range: Range; placeholder: string } | null {
  const target = targetAt(workspace, file, offset);
  if (!target) return null;
  return { range: rangeOf(documentOf(file), target.range), placeholder: target.id };
}

export interface RenameOptions {
  /** The client shows a label on an edit (`workspace.workspaceEdit.changeAnnotationSupport`). */
  annotations: boolean;
}

/**
 * Renames a step id within its journey (its `id` and every reference; the old id joins the
 * step's `events:`, so event logs keep matching) and in every link to it from the workspace's
 * journeys; a journey's id and every link to it; or a catalog id across the config and every
 * journey that uses it. Refuses a name that is not an id or is already taken.
 */
export function rename(workspace: Workspace, file: ProjectFile, offset: number, newName: string, options: RenameOptions): WorkspaceEdit | null {
  const target = targetAt(workspace, file, offset);
  if (!target) return null;
  if (!ID.test(newName))
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not an id: lowercase words joined by single hyphens, like \`pays-online\``);
  if (newName === target.id) return { changes: {} };
  const { project } = workspace;
  const byUri = new Map<string, TextEdit[]>();
  const push = (uri: string, edit: TextEdit) => byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
  let label = `Rename ${target.kind} \`${target.id}\` to \`${newName}\``;
  /** Every link of the workspace's journeys to the journey (to its step `step`, when given): the half that names it. */
  const renameLinks = (journeyId: string, step: string | undefined): number => {
    let count = 0;
    for (const other of project.journeys()) {
      const links = other.index.links.filter((link) => link.journey === journeyId && (step === undefined || link.step === step));
      if (links.length === 0) continue;
      const doc = documentOf(other);
      for (const link of links) push(uriOf(other.path), { range: rangeOf(doc, step === undefined ? link.journeyRange : link.stepRange), newText: newName });
      count += links.length;
    }
    return count;
  };
  const followed = (count: number) => (count > 0 ? `; ${count === 1 ? "1 link" : `${count} links`} from journeys follow` : "");

  if (target.kind === "journey") {
    if (project.journeys().some((other) => other.index.journeyId === newName))
      throw new ResponseError(ErrorCodes.InvalidParams, `a journey \`${newName}\` already exists in the workspace`);
    push(uriOf(target.file.path), { range: rangeOf(documentOf(target.file), target.file.index.journeyIdRange!), newText: newName });
    label += followed(renameLinks(target.id, undefined));
    label += "; the rendered files take the new id's name";
  } else if (target.kind === "step") {
    const journey = target.file;
    if (journey.index.steps.some((step) => step.id === newName))
      throw new ResponseError(ErrorCodes.InvalidParams, `a step \`${newName}\` already exists in this journey`);
    const doc = documentOf(journey);
    const uri = uriOf(journey.path);
    for (const occurrence of stepOccurrences(journey, target.id)) push(uri, { range: rangeOf(doc, occurrence.range), newText: newName });
    // Links name the step of the journey they resolve to: the first file with its id.
    const journeyId = journey.index.journeyId;
    if (journeyId !== undefined && journeyFile(project, journeyId)?.path === journey.path) label += followed(renameLinks(journeyId, target.id));
    const step = journey.index.steps.find((candidate) => candidate.id === target.id);
    if (step && !step.events?.values.includes(target.id)) {
      const edit = keepInEvents(journey, step, target.id);
      if (edit) {
        push(uri, edit);
        label += `; \`${target.id}\` added to the step's events: so event logs keep matching`;
      }
    }
  } else {
    const taken = project.catalogFor(file.path).some((entry) => entry.kind === target.kind && entry.id === newName);
    if (taken) throw new ResponseError(ErrorCodes.InvalidParams, `a ${target.kind} \`${newName}\` is already declared`);
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
