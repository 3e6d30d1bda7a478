import { LineCounter, parseDocument, isAlias, visit, type Document, type YAMLError } from "yaml";
import type { Finding } from "../finding.js";
import { FILE_START } from "../finding.js";
import { Locator } from "./locator.js";

export interface ParseLimits {
  /** Most alias expansions allowed when converting the document (guards against "billion laughs"). */
  maxAliases: number;
}

export const DEFAULT_MAX_ALIASES = 100;

export interface ParsedYaml {
  doc: Document;
  locator: Locator;
  /** Plain data of the document, or undefined when the document could not be converted. */
  data: unknown;
  findings: Finding[];
}

/** Plain-language messages for the YAML errors people actually make. */
const FRIENDLY: Record<string, (error: YAMLError) => string> = {
  DUPLICATE_KEY: () => "duplicate key: each key may appear only once in a mapping",
  TAB_AS_INDENT: () => "tab used for indentation: YAML indents with spaces only",
  MULTIPLE_DOCS: () => "a journey file holds one YAML document: remove the extra `---` and split the file",
  BAD_INDENT: (e) => `bad indentation: ${lowerFirst(e.message)}`,
  MISSING_CHAR: (e) => `${lowerFirst(e.message)} (an unclosed quote or bracket?)`,
};

/**
 * Parses YAML text into a document with positions, reporting YAML problems as `syntax` findings.
 * Never throws on bad input.
 */
export function parseYaml(text: string, limits: ParseLimits): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const locator = new Locator(doc, lineCounter, text.length);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [problems, severity] of [
    [doc.errors, "error"],
    [doc.warnings, "warning"],
  ] as const) {
    for (const problem of problems) {
      const span = locator.offsets(problem.pos[0], problem.pos[1]);
      const message = /call stack/i.test(problem.message)
        ? "YAML is nested too deeply to read; a journey needs only a few levels"
        : (FRIENDLY[problem.code]?.(problem) ?? firstLine(problem.message));
      const key = `${span.line}:${span.column}:${message}`;
      if (seen.has(key)) continue; // the parser can report one mistake several times
      seen.add(key);
      findings.push({ ruleId: "syntax", messageId: problem.code, severity, message, ...span });
    }
  }
  if (findings.some((f) => f.severity === "error")) return { doc, locator, data: undefined, findings };

  if (doc.contents === null) {
    findings.push({
      ruleId: "syntax",
      messageId: "empty",
      severity: "error",
      message: "file is empty: a journey needs at least `journey: 1`, `id`, `title`, `goal` and `stages` (run `journey init` for an example)",
      ...FILE_START,
    });
    return { doc, locator, data: undefined, findings };
  }

  try {
    const data = doc.toJS({ maxAliasCount: limits.maxAliases }) as unknown;
    return { doc, locator, data, findings };
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error)?.message))) {
      findings.push({
        ruleId: "syntax",
        messageId: "alias-limit",
        severity: "error",
        message: `YAML aliases expand too much (more than ${limits.maxAliases} expansions): write the values out, or raise limits.max_aliases`,
        ...firstAliasSpan(doc, locator),
      });
      return { doc, locator, data: undefined, findings };
    }
    if (error instanceof RangeError) {
      findings.push({
        ruleId: "syntax",
        messageId: "too-deep",
        severity: "error",
        message: "YAML is nested too deeply to read",
        ...FILE_START,
      });
      return { doc, locator, data: undefined, findings };
    }
    throw error;
  }
}

function firstAliasSpan(doc: Document, locator: Locator) {
  let span = { ...FILE_START };
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        span = locator.spanOf(node);
        return visit.BREAK;
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
