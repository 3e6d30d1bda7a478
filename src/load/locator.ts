import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";
import type { Span } from "../finding.js";

/** A path into the document: map keys and sequence indexes, as in a JSON pointer. */
export type YamlPath = readonly (string | number)[];

/**
 * Turns paths into line/column spans of the YAML nodes they name. Positions are computed only
 * when a finding needs one, so a clean file pays nothing for them.
 */
export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly textLength: number,
  ) {}

  /** Span of the node at `path`: its value, or with `target: "key"` the key that introduces it. */
  span(path: YamlPath, target: "value" | "key" = "value"): Span {
    const node = this.nodeAt(path, target);
    return node ? this.spanOf(node) : this.offsets(0, 0);
  }

  /**
   * Offsets [start, end) of the node at `path` in the text (what a fix replaces), or undefined
   * when the path does not lead to a node of its own (a fix is then not offered).
   */
  range(path: YamlPath, target: "value" | "key" = "value"): [number, number] | undefined {
    const node = this.nodeAt(path, target, true);
    return node ? [node.range![0], node.range![1]] : undefined;
  }

  /** The node at `path`, or the deepest one on the way (`exact`: undefined unless the whole path was found). */
  private nodeAt(path: YamlPath, target: "value" | "key", exact = false): Node | undefined {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    let found = 0;
    for (const segment of path) {
      if (isAlias(node)) {
        // The text there is the anchor's, shared by every alias: never a place to edit.
        if (exact) return undefined;
        node = node.resolve(this.doc);
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
    if (target === "key" && pair && isNodeWithRange(pair.key)) return pair.key;
    if (isPair(node)) node = node.key;
    return isNodeWithRange(node) ? node : undefined;
  }

  spanOf(node: Node): Span {
    const [start, valueEnd] = node.range!;
    return this.offsets(start, valueEnd);
  }

  offsets(start: number, end: number): Span {
    const safeStart = Math.min(Math.max(start, 0), this.textLength);
    const safeEnd = Math.min(Math.max(end, safeStart), this.textLength);
    const from = this.lineCounter.linePos(safeStart);
    const to = this.lineCounter.linePos(safeEnd);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }
}

export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function isNodeWithRange(node: unknown): node is Node {
  return typeof node === "object" && node !== null && Array.isArray((node as Node).range);
}
