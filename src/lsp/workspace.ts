import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../finding.js";
import type { RulesMeta } from "../results.js";
import type { Project, ProjectFile } from "../project/project.js";

/** What every provider works on: the project model, the rules' metadata, and text positions. */
export interface Workspace {
  project: Project;
  rulesMeta: RulesMeta;
}

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A file's text as a TextDocument, for offset and position conversion. */
export function documentOf(file: ProjectFile): TextDocument {
  return TextDocument.create(uriOf(file.path), "yaml", 0, file.text);
}

export function rangeOf(doc: TextDocument, [start, end]: readonly [number, number]): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** A finding's (or a related place's) 1-based span as an LSP range. */
export function findingRange(finding: Span): Range {
  return {
    start: { line: finding.line - 1, character: finding.column - 1 },
    end: { line: Math.max(finding.endLine, finding.line) - 1, character: Math.max(finding.endColumn - 1, 0) },
  };
}

export function within(range: readonly [number, number], offset: number): boolean {
  return range[0] <= offset && offset <= range[1];
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
