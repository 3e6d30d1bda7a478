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
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      let next: unknown;
      if (isMap(node)) {
        const found = node.items.find((item) => keyText(item.key) === String(segment));
        if (!found) break;
        pair = found;
        next = found.value ?? found.key;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        pair = undefined;
        next = node.items[segment];
      } else {
        break;
      }
      node = next;
    }
    if (target === "key" && pair && isNodeWithRange(pair.key)) return this.spanOf(pair.key);
    if (isPair(node)) node = node.key;
    if (isNodeWithRange(node)) return this.spanOf(node);
    return this.offsets(0, 0);
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
