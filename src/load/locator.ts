import type { Document, Node, Pair } from "yaml";
import { yamlLib } from "./yaml-lib.js";
import type { Span } from "../finding.js";
import type { NodeRange, PositionTable } from "./positions.js";

/** A path into the document: map keys and sequence indexes, as in a JSON pointer. */
export type YamlPath = readonly (string | number)[];

/** Lines and columns (1-based) of offsets: yaml's `LineCounter`, or `LineIndex` built when first asked. */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

type Finder = (path: YamlPath, target: "value" | "key", exact: boolean) => NodeRange | undefined;

/**
 * Turns paths into line/column spans of the YAML nodes they name. Positions are computed only
 * when a finding needs one, so a clean file pays nothing for them. The nodes come from yaml's
 * document, or from the table of positions the subset reader keeps (`yaml-subset.ts`): the same
 * spans either way.
 */
export class Locator {
  private constructor(
    private readonly find: Finder,
    private readonly lines: LinePositions,
    private readonly textLength: number,
  ) {}

  static ofDocument(doc: Document, lines: LinePositions, textLength: number): Locator {
    return new Locator((path, target, exact) => nodeRange(doc, path, target, exact), lines, textLength);
  }

  /** For a text that was not read (too large): every span at its start, no range to edit. */
  static empty(): Locator {
    return new Locator(() => undefined, new LineIndex(""), 0);
  }

  static ofTable(table: PositionTable, text: string): Locator {
    return new Locator((path, target, exact) => table.find(path, target, exact), new LineIndex(text), text.length);
  }

  /** Span of the node at `path`: its value, or with `target: "key"` the key that introduces it. */
  span(path: YamlPath, target: "value" | "key" = "value"): Span {
    const range = this.find(path, target, false);
    return range ? this.offsets(range[0], range[1]) : this.offsets(0, 0);
  }

  /**
   * Offsets [start, end) of the node at `path` in the text (what a fix replaces), or undefined
   * when the path does not lead to a node of its own (a fix is then not offered).
   */
  range(path: YamlPath, target: "value" | "key" = "value"): [number, number] | undefined {
    return this.find(path, target, true);
  }

  spanOf(node: Node): Span {
    const [start, valueEnd] = node.range!;
    return this.offsets(start, valueEnd);
  }

  offsets(start: number, end: number): Span {
    const safeStart = Math.min(Math.max(start, 0), this.textLength);
    const safeEnd = Math.min(Math.max(end, safeStart), this.textLength);
    const from = this.lines.linePos(safeStart);
    const to = this.lines.linePos(safeEnd);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }
}

/** The node at `path` in yaml's document, or the deepest one on the way (`exact`: undefined unless the whole path was found). */
function nodeRange(doc: Document, path: YamlPath, target: "value" | "key", exact: boolean): NodeRange | undefined {
  const { isAlias, isMap, isPair, isSeq } = yamlLib();
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let found = 0;
  for (const segment of path) {
    if (isAlias(node)) {
      // The text there is the anchor's, shared by every alias: never a place to edit.
      if (exact) return undefined;
      node = node.resolve(doc);
    }
    let next: unknown;
    if (isMap(node)) {
      const item = node.items.find((candidate) => keyText(candidate.key) === String(segment));
      if (!item) break;
      pair = item;
      next = item.value ?? item.key;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      pair = undefined;
      next = node.items[segment];
    } else {
      break;
    }
    node = next;
    found++;
  }
  if (exact && (found < path.length || isAlias(node))) return undefined;
  if (target === "key" && pair && isNodeWithRange(pair.key)) return [pair.key.range![0], pair.key.range![1]];
  if (isPair(node)) node = node.key;
  return isNodeWithRange(node) ? [node.range![0], node.range![1]] : undefined;
}

/** Line starts of a text, found when a position is first asked for: a clean file never needs them. */
export class LineIndex implements LinePositions {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  linePos(offset: number): { line: number; col: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - starts[low] + 1 };
  }
}

/** The offset at which each line of `text` starts (after a `\n`; `\r\n` ends a line the same way). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

export function keyText(key: unknown): string {
  if (yamlLib().isScalar(key)) return String(key.value);
  return String(key);
}

function isNodeWithRange(node: unknown): node is Node {
  return typeof node === "object" && node !== null && Array.isArray((node as Node).range);
}
