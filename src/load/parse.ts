import type { Document } from "yaml";
import { yamlLib } from "./yaml-lib.js";
import { parseYamlDocument } from "./yaml-document.js";
import type { Finding, Span } from "../finding.js";
import { compareFindings, FILE_START } from "../finding.js";
import { Locator } from "./locator.js";
import { parseYamlSubset, TOO_MANY_VALUES } from "./yaml-subset.js";
import { groupYamlErrors, type YamlProblem } from "./yaml-cascade.js";
import { explainYamlLine, valuesCutByComments } from "./yaml-hints.js";

export interface ParseLimits {
  /** Most alias expansions allowed when converting the document (guards against "billion laughs"). */
  maxAliases: number;
  /** Most values (scalars, aliases, collections) in the document, also once aliases are expanded. */
  maxNodes: number;
  /** Most characters of scalar text once aliases are expanded: what the file size limit allows written out. */
  maxFileSize: number;
}

export const DEFAULT_MAX_ALIASES = 100;

/**
 * The largest realistic journey, 1,000 steps with decisions, contacts, metrics and prose (about
 * 220 KB; Mermaid cannot draw more), holds 16,762 values. Memory grows about 1 KB per value
 * through parsing, the schema, the model and rendering: 500,000 values stay under 700 MB, where
 * a 10 MB file of small numbers (5 million values) took 4.4 GB and ended in an out-of-memory abort.
 */
export const DEFAULT_MAX_NODES = 500_000;

export interface ParsedYaml {
  locator: Locator;
  /** Plain data of the document, or undefined when the document could not be converted. */
  data: unknown;
  findings: Finding[];
}

/** Plain-language messages for the YAML errors people actually make. */
const FRIENDLY: Record<string, (error: YamlProblem) => string> = {
  DUPLICATE_KEY: () => "duplicate key: each key may appear only once in a mapping",
  MULTIPLE_DOCS: () => "a journey file holds one YAML document: remove the extra `---` and split the file",
  BAD_INDENT: (e) => `bad indentation: ${lowerFirst(e.message)}`,
  MISSING_CHAR: (e) => `${lowerFirst(e.message)} (an unclosed quote or bracket?)`,
};

/**
 * Parses YAML text into a document with positions, reporting YAML problems as `syntax` findings.
 * Never throws on bad input.
 */
export function parseYaml(text: string, limits: ParseLimits): ParsedYaml {
  // The YAML journeys are written in is read in one pass, into the data and a table of
  // positions, counting its values as it goes; anything else, every mistake among it, goes to
  // yaml, which explains it.
  const subset = parseYamlSubset(text, limits.maxNodes);
  if (subset === TOO_MANY_VALUES) return tooManyValuesRead(limits.maxNodes);
  if (subset) return { locator: Locator.ofTable(subset.positions, text), data: NOT_ASCII.test(text) ? toNfc(subset.data) : subset.data, findings: [] };
  // Refused before yaml builds its document: building it is what takes the memory.
  if (countValues(text, limits.maxNodes) > limits.maxNodes) return tooManyValuesRead(limits.maxNodes);
  const lineCounter = new (yamlLib().LineCounter)();
  const doc = parseYamlDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false });
  const locator = Locator.ofDocument(doc, lineCounter, text.length);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // A line whose mistake was recognised: the parser's further errors on it are that mistake's echoes.
  const explained = new Set<number>();
  const lines = doc.errors.length > 0 ? text.split(/\r\n|\r|\n/) : [];
  // One mistake, one message: the errors a misindented line, a tab or an unclosed quote or
  // bracket causes are grouped under that cause; what no cause explains is reported below.
  const cascade = doc.errors.length > 0 ? groupYamlErrors(text, doc.errors) : undefined;
  for (const cause of cascade?.causes ?? [])
    findings.push({
      ruleId: "syntax",
      messageId: cause.messageId,
      severity: "error",
      message: cause.message,
      ...locator.offsets(cause.start, cause.end),
      ...(cause.fix && { fix: cause.fix }),
      ...(cause.suggestions && { suggestions: cause.suggestions }),
    });
  for (const [problems, severity] of [
    [cascade?.unexplained ?? [], "error"],
    [doc.warnings, "warning"],
  ] as const) {
    for (const problem of problems) {
      const span = locator.offsets(problem.pos[0], problem.pos[1]);
      if (explained.has(span.line)) continue;
      const hint = severity === "error" ? explainYamlLine(lines, span.line) : undefined;
      if (hint) explained.add(span.line);
      const message = /call stack/i.test(problem.message)
        ? "YAML is nested too deeply to read; a journey needs only a few levels"
        : (hint?.message ?? FRIENDLY[problem.code]?.(problem) ?? firstLine(problem.message));
      const key = `${span.line}:${span.column}:${message}`;
      if (seen.has(key)) continue; // the parser can report one mistake several times
      seen.add(key);
      const edit = hint?.edit;
      const lineStart = edit && lineCounter.lineStarts[edit.line - 1];
      findings.push({
        ruleId: "syntax",
        messageId: hint?.messageId ?? problem.code,
        severity,
        message,
        ...span,
        ...(edit && lineStart !== undefined && { fix: { range: [lineStart + edit.start, lineStart + edit.end] as [number, number], text: edit.text } }),
      });
    }
  }
  findings.sort(compareFindings);
  if (findings.some((f) => f.severity === "error")) return { locator, data: undefined, findings };

  if (doc.contents === null) {
    findings.push({
      ruleId: "syntax",
      messageId: "empty",
      severity: "error",
      message: "file is empty: a journey needs at least `journey: 1`, `id`, `title`, `goal` and `stages` (run `journey init` for an example)",
      ...FILE_START,
    });
    return { locator, data: undefined, findings };
  }

  // An alias before (or without) its anchor: the parser accepts it and toJS throws a
  // ReferenceError, which would read as the alias limit below.
  const unknown = text.includes("*") ? unknownAnchor(doc, locator) : undefined;
  if (unknown) return { locator, data: undefined, findings: [...findings, unknown] };

  try {
    // toJS shares one object per anchor, so an alias costs nothing here; what reads the data
    // (reports, diagrams) writes each alias out again: that is what the expanded size bounds.
    const data = toNfc(doc.toJS({ maxAliasCount: limits.maxAliases }) as unknown);
    // Without a `*` there is no alias: the counts before parsing already bound the document.
    const tooLarge = text.includes("*") ? expandedSizeFinding(doc, locator, limits) : undefined;
    if (tooLarge) return { locator, data: undefined, findings: [...findings, tooLarge] };
    for (const cut of valuesCutByComments(doc, text))
      findings.push({
        ruleId: "syntax",
        messageId: "comment-in-value",
        severity: "warning",
        message: cut.message,
        ...locator.offsets(cut.start, cut.end),
        suggestions: [{ desc: `quote the value with what follows it: \`${cut.meant}\``, fix: { range: [cut.start, cut.end], text: cut.meant } }],
      });
    return { locator, data, findings };
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error)?.message))) {
      findings.push({
        ruleId: "syntax",
        messageId: "alias-limit",
        severity: "error",
        message: `YAML aliases expand too much (more than ${limits.maxAliases} expansions): write the values out, or raise limits.max_aliases`,
        ...firstAliasSpan(doc, locator),
      });
      return { locator, data: undefined, findings };
    }
    if (error instanceof RangeError) {
      findings.push({
        ruleId: "syntax",
        messageId: "too-deep",
        severity: "error",
        message: "YAML is nested too deeply to read",
        ...FILE_START,
      });
      return { locator, data: undefined, findings };
    }
    throw error;
  }
}

const NOT_ASCII = /[^ -~\t\n\r]/;

/**
 * The data with every string and key in Unicode NFC: `café` typed as one code point or as `e`
 * and a combining accent looks the same in every report, so it must be the same id (a duplicate
 * when both are declared). In place, without recursion; objects shared by aliases are done once.
 */
function toNfc(data: unknown): unknown {
  const nfc = (text: string) => (NOT_ASCII.test(text) ? text.normalize("NFC") : text);
  if (typeof data === "string") return nfc(data);
  const seen = new Set<object>();
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item === "string") value[i] = nfc(item);
        else pending.push(item);
      });
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const normal = nfc(key);
      if (normal !== key) {
        delete record[key];
        Object.defineProperty(record, normal, { value: item, enumerable: true, writable: true, configurable: true });
      }
      if (typeof item === "string") record[normal] = nfc(item);
      else pending.push(item);
    }
  }
  return data;
}

function expandedSizeFinding(doc: Document, locator: Locator, limits: ParseLimits): Finding | undefined {
  const expanded = expandedSize(doc);
  if (expanded.values <= limits.maxNodes && expanded.characters <= limits.maxFileSize) return undefined;
  const span = firstAliasSpan(doc, locator);
  if (expanded.values > limits.maxNodes) return tooManyValues(limits.maxNodes, span);
  return {
    ruleId: "syntax",
    messageId: "alias-size",
    severity: "error",
    message: `YAML aliases expand this file to more than ${formatCount(limits.maxFileSize)} characters of text, over the file size limit: write the values out, or use fewer aliases`,
    ...span,
  };
}

function tooManyValuesRead(max: number): ParsedYaml {
  return { locator: Locator.empty(), data: undefined, findings: [tooManyValues(max, FILE_START)] };
}

function tooManyValues(max: number, span: Span): Finding {
  return {
    ruleId: "syntax",
    messageId: "too-many-values",
    severity: "error",
    message: `file holds more than ${formatCount(max)} YAML values (with aliases expanded), more than any journey needs: split it, or raise limits.max_nodes`,
    ...span,
  };
}

function formatCount(count: number): string {
  return count.toLocaleString("en");
}

/** Lexer tokens that start a value: a scalar, an alias or a flow collection (block ones start with a scalar key or item). */
const VALUE_TOKENS = new Set(["scalar", "single-quoted-scalar", "double-quoted-scalar", "block-scalar-header", "alias", "flow-map-start", "flow-seq-start"]);
/** `,` `:` `-` `?` `[` `{` and line feeds: every value in YAML follows one of them or starts the text. */
const SEPARATORS = new Uint8Array(128);
for (const char of ",:-?[{\n") SEPARATORS[char.charCodeAt(0)] = 1;

/**
 * The number of values in `text`, exact up to `max + 1`. A cheap bound first: each value follows
 * a separator (a block mapping adds one value per key: hence twice), so text with fewer
 * separators than half the limit needs no second look. Only text that could be over the limit
 * is run through YAML's lexer, which stops counting at the limit and builds nothing.
 */
export function countValues(text: string, max: number): number {
  let separators = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) separators += SEPARATORS[code];
  }
  if (2 * separators <= max) return 2 * separators;
  return lexedValues(text, max);
}

/** The values in `text` as yaml's lexer finds them, counted up to `max + 1`. */
export function lexedValues(text: string, max = Infinity): number {
  const { Lexer, CST } = yamlLib();
  let values = 0;
  for (const token of new Lexer().lex(text)) {
    if (VALUE_TOKENS.has(CST.tokenType(token) ?? "") && ++values > max) break;
  }
  return values;
}

/**
 * Values and characters of scalar text in the document with every alias expanded, computed
 * once per node (an alias adds its target's totals), without recursion: deep nesting must not
 * overflow the stack, and a bomb of nested aliases costs no more than its node count.
 */
function expandedSize(doc: Document): { values: number; characters: number } {
  const totals = new Map<unknown, { values: number; characters: number }>();
  const children = (node: unknown): unknown[] => {
    if (yamlLib().isAlias(node)) return [node.resolve(doc)];
    if (yamlLib().isPair(node)) return [node.key, node.value];
    if (yamlLib().isCollection(node)) return node.items;
    return [];
  };
  const stack: { node: unknown; entered: boolean }[] = [{ node: doc.contents, entered: false }];
  const open = new Set<unknown>();
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (totals.has(top.node)) {
      stack.pop();
      continue;
    }
    const below = children(top.node).filter((child) => child !== null && child !== undefined && !open.has(child));
    if (!top.entered) {
      top.entered = true;
      open.add(top.node);
      for (const child of below) if (!totals.has(child)) stack.push({ node: child, entered: false });
      continue;
    }
    stack.pop();
    open.delete(top.node);
    const own = yamlLib().isScalar(top.node)
      ? { values: 1, characters: String(top.node.source ?? top.node.value).length }
      : { values: yamlLib().isPair(top.node) || yamlLib().isAlias(top.node) ? 0 : 1, characters: 0 };
    for (const child of below) {
      const sum = totals.get(child);
      if (sum) {
        own.values += sum.values;
        own.characters += sum.characters;
      }
    }
    totals.set(top.node, own);
  }
  return totals.get(doc.contents) ?? { values: 0, characters: 0 };
}

/**
 * The first alias whose anchor is not defined before it, in document order (the order YAML
 * resolves aliases in: an alias names the last anchor of that name before it), as a finding.
 */
function unknownAnchor(doc: Document, locator: Locator): Finding | undefined {
  const anchors = new Set<string>();
  let finding: Finding | undefined;
  yamlLib().visit(doc, {
    Node(_key, node) {
      if (yamlLib().isAlias(node)) {
        if (anchors.has(node.source)) return undefined;
        const name = node.source.length > 40 ? `${node.source.slice(0, 40)}…` : node.source;
        const later = hasLaterAnchor(doc, node.source)
          ? `; \`&${name}\` comes after it, and an anchor must come before its aliases: move it up`
          : `; define it with \`&${name}\` before this alias, or write the value out`;
        finding = {
          ruleId: "syntax",
          messageId: "unknown-anchor",
          severity: "error",
          message: `unknown anchor \`${name}\`${later}`,
          ...(node.range ? locator.spanOf(node) : FILE_START),
        };
        return yamlLib().visit.BREAK;
      }
      if ((yamlLib().isScalar(node) || yamlLib().isCollection(node)) && node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return finding;
}

function hasLaterAnchor(doc: Document, name: string): boolean {
  let found = false;
  yamlLib().visit(doc, {
    Node(_key, node) {
      if ((yamlLib().isScalar(node) || yamlLib().isCollection(node)) && node.anchor === name) {
        found = true;
        return yamlLib().visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAliasSpan(doc: Document, locator: Locator) {
  let span = { ...FILE_START };
  yamlLib().visit(doc, {
    Alias(_key, node) {
      if (yamlLib().isAlias(node) && node.range) {
        span = locator.spanOf(node);
        return yamlLib().visit.BREAK;
      }
      return undefined;
    },
  });
  return span;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0].trim();
  return lowerFirst(line.replace(/ at line \d+, column \d+:?$/, ""));
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
