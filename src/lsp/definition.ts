import type { Location } from "vscode-languageserver";
import { parseJourneyLink } from "../model/journey-link.js";
import { journeyFile } from "../project/links.js";
import type { ProjectFile } from "../project/project.js";
import { catalogEntry, stepOccurrences, symbolAt } from "./symbol-at.js";
import { documentOf, rangeOf, uriOf, type Workspace } from "./workspace.js";

/**
 * Go to definition: a step reference to the step's `id`; a link (`refund#asks`) to that step's `id`
 * in the other journey's file; a channel, persona or team to its catalog entry (the journey's own
 * or the config's).
 */
export function definition(workspace: Workspace, file: ProjectFile, offset: number): Location[] {
  const symbol = symbolAt(file, offset);
  if (!symbol || symbol.kind === "rule") return [];
  const link = symbol.kind === "step" ? parseJourneyLink(symbol.id) : undefined;
  if (link) {
    const target = journeyFile(workspace.project, link.journey);
    if (!target) return [];
    const doc = documentOf(target);
    return stepOccurrences(target, link.step)
      .filter((occurrence) => occurrence.declaration)
      .map((occurrence) => ({ uri: uriOf(target.path), range: rangeOf(doc, occurrence.range) }));
  }
  if (symbol.kind === "step") {
    const doc = documentOf(file);
    return stepOccurrences(file, symbol.id)
      .filter((occurrence) => occurrence.declaration)
      .map((occurrence) => ({ uri: uriOf(file.path), range: rangeOf(doc, occurrence.range) }));
  }
  const entry = catalogEntry(workspace.project, file.path, symbol.kind, symbol.id);
  const target = entry && workspace.project.get(entry.file);
  if (!entry || !target) return [];
  return [{ uri: uriOf(entry.file), range: rangeOf(documentOf(target), entry.keyRange) }];
}

/** Find references: every place the id is written (a step's within its journey; a catalog id across the config and the journeys that use it). */
export function references(workspace: Workspace, file: ProjectFile, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(file, offset);
  if (!symbol || symbol.kind === "rule") return [];
  if (symbol.kind === "step") {
    const doc = documentOf(file);
    return stepOccurrences(file, symbol.id)
      .filter((occurrence) => includeDeclaration || !occurrence.declaration)
      .map((occurrence) => ({ uri: uriOf(file.path), range: rangeOf(doc, occurrence.range) }));
  }
  const { project } = workspace;
  const entry = catalogEntry(project, file.path, symbol.kind, symbol.id);
  // A channel the journey declares itself is that journey's alone.
  const places =
    entry && entry.file === file.path && file.kind === "journey"
      ? file.index.occurrences.filter((o) => o.kind === symbol.kind && o.id === symbol.id).map((occurrence) => ({ file: file.path, occurrence }))
      : project.occurrencesOf(symbol.kind, symbol.id, project.configPathFor(file.path));
  return places
    .filter(({ occurrence }) => includeDeclaration || !occurrence.declaration)
    .flatMap(({ file: path, occurrence }) => {
      const target = project.get(path);
      return target ? [{ uri: uriOf(path), range: rangeOf(documentOf(target), occurrence.range) }] : [];
    });
}
