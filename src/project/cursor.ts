import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from "yaml";
import type { YamlPath } from "../load/locator.js";
import { keyText } from "../load/locator.js";

/**
 * Where a cursor is in a journey or config text, for completion and the requests at a position:
 * the YAML path of the value (or key) under it, and the text range a completion replaces. Works
 * on half-typed text: the `yaml` package's `Document` keeps every node it could read, with errors
 * tolerated, and a line of its own fills in what the parser gave up on.
 */
export interface CursorContext {
  /** Path of the value at the cursor: map keys and sequence indexes (an index past the end for a new item). */
  path: (string | number)[];
  /** True when the cursor is on a map key rather than a value. */
  onKey: boolean;
  /** The scalar under the cursor, if any. */
  scalar?: Scalar;
  /** [start, end) of the text a completion replaces (empty at the cursor for an empty value). */
  replace: [number, number];
  /** The value typed so far, up to the cursor. */
  prefix: string;
}

/** Parses a text for the editor: never throws, keeps what it can read. */
export function parseLoose(text: string): Document {
  try {
    return parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  } catch {
    return parseDocument("");
  }
}

export function cursorContext(doc: Document, text: string, offset: number): CursorContext | undefined {
  const found = descend(doc.contents, offset, []);
  // A scalar that began on an earlier line swallowed this one (an unclosed quote above, a key
  // typed below a plain value): the line itself says better what is being typed.
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  if (found && !(found.scalar?.range && found.scalar.range[0] < lineStart)) return found;
  return lineContext(doc, text, offset);
}

function contains(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

function scalarContext(scalar: Scalar, path: (string | number)[], onKey: boolean, offset: number): CursorContext {
  const [start, end] = scalar.range!;
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
  const from = quoted ? start + 1 : start;
  const raw = scalar.source ?? (typeof scalar.value === "string" || typeof scalar.value === "number" ? String(scalar.value) : "");
  const prefix = raw.slice(0, Math.max(0, offset - from));
  return { path, onKey, scalar, replace: [start, Math.max(start, end)], prefix };
}

function descend(node: Node | null | undefined, offset: number, path: (string | number)[]): CursorContext | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    for (const item of node.items) {
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      const name = keyText(item.key);
      if (isScalar(key) && contains(key, offset)) return scalarContext(key, [...path, name], true, offset);
      if (value && contains(value, offset)) {
        const inner = descend(value, offset, [...path, name]);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const items = node.items as (Node | null)[];
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (item && contains(item, offset)) {
        const inner = descend(item, offset, [...path, index]);
        if (inner) return inner;
        if (isScalar(item)) return scalarContext(item, [...path, index], false, offset);
      }
    }
    // Between items of a flow list (`[phone, |]`), or a new `- ` item: a new value.
    if (contains(node, offset) && node.flow) return { path: [...path, items.length], onKey: false, replace: [offset, offset], prefix: "" };
    return undefined;
  }
  if (isScalar(node) && contains(node, offset)) return scalarContext(node, path, false, offset);
  if (isPair(node)) return undefined;
  return undefined;
}

/**
 * The fallback when the cursor is on no node: reads the current line (`  channel: `,
 * `  - `, `key: [a, `) and finds the keys above it by indentation.
 */
function lineContext(doc: Document, text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const pair = /^(\s*)(-\s+)?([\w-]+):\s*(\[(?:[^\]]*,)?\s*)?([^\s,[\]{}#:]*)$/.exec(before);
  if (pair) {
    const indent = pair[1].length + (pair[2]?.length ?? 0);
    const parents = parentPath(doc, text, lineStart, indent);
    const prefix = pair[5];
    const path: (string | number)[] = [...parents, pair[3]];
    if (pair[4] !== undefined) path.push(0);
    return { path, onKey: false, replace: [offset - prefix.length, offset + wordAfter(text, offset)], prefix };
  }
  const item = /^(\s*)-\s+([^\s,[\]{}#:]*)$/.exec(before);
  if (item) {
    const prefix = item[2];
    const parents = parentPath(doc, text, lineStart, item[1].length + 1);
    return { path: [...parents, 0], onKey: false, replace: [offset - prefix.length, offset + wordAfter(text, offset)], prefix };
  }
  const key = /^(\s*)([\w-]*)$/.exec(before);
  if (key) {
    const parents = parentPath(doc, text, lineStart, key[1].length);
    return { path: [...parents, key[2]], onKey: true, replace: [offset - key[2].length, offset + wordAfter(text, offset)], prefix: key[2] };
  }
  return undefined;
}

function wordAfter(text: string, offset: number): number {
  const match = /^[^\s,[\]{}#:]*/.exec(text.slice(offset, offset + 200));
  return match ? match[0].length : 0;
}

/** The keys of the lines above `lineStart` with less indentation than `indent`, outermost first. */
function parentPath(_doc: Document, text: string, lineStart: number, indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  let end = lineStart - 1;
  while (end > 0 && limit > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    const match = /^(\s*)(-\s+)?([\w-]+):/.exec(line);
    if (!match || line.trim().startsWith("#")) continue;
    const keyIndent = match[1].length + (match[2]?.length ?? 0);
    if (keyIndent < limit) {
      keys.unshift(match[3]);
      limit = match[2] ? match[1].length : keyIndent;
    }
  }
  return keys;
}

/** The YAML path's keys only (indexes dropped): what completion and navigation match on. */
export function keysOf(path: YamlPath): string[] {
  return path.filter((segment): segment is string => typeof segment === "string");
}
