import type { Finding, SuppressedFinding, TextEdit } from "../finding.js";
import type { Journey } from "../model/types.js";
import { lineStarts as startsOfLines } from "../load/locator.js";

/** An inline `# journey-disable...` comment. */
export interface Directive {
  kind: "disable" | "disable-next-line";
  rules: string[];
  line: number;
  column: number;
  endColumn: number;
  /** The line whose findings a next-line directive silences. */
  targetLine?: number;
  /** What follows ` -- `: why the findings are silenced. */
  reason?: string;
  used: Set<string>;
}

const DIRECTIVE = /^(\s*)#\s*journey-(disable-next-line|disable)\b(.*)$/;

/**
 * Finds directives in comment lines: `# journey-disable-next-line rule[, rule] -- reason` before a
 * line, and `# journey-disable rule[, rule]` for the whole file.
 */
export function parseDirectives(source: string): Directive[] {
  const lines = source.split(/\r?\n/);
  const directives: Directive[] = [];
  // The next line that is not blank or another comment, for each line: one pass from the end,
  // so thousands of directives in a row cost no more than one each.
  const nextContent = new Array<number | undefined>(lines.length);
  for (let i = lines.length - 1, next: number | undefined; i >= 0; i--) {
    nextContent[i] = next;
    const text = lines[i].trim();
    if (text !== "" && !text.startsWith("#")) next = i + 1;
  }
  lines.forEach((text, i) => {
    if (!text.includes("journey-disable")) return; // most lines: no regular expression to run
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const [, indent, kind, rest] = match;
    const [list, ...why] = rest.split(/\s--\s|^--\s|\s--$/);
    const reason = why.join(" -- ").trim() || undefined;
    const rules = list
      .split(/[,\s]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    // The `- id:` line of a step, usually.
    const targetLine = kind === "disable-next-line" ? nextContent[i] : undefined;
    directives.push({
      kind: kind as Directive["kind"],
      rules,
      line: i + 1,
      column: indent.length + 1,
      endColumn: text.trimEnd().length + 1,
      targetLine,
      ...(reason && { reason }),
      used: new Set(),
    });
  });
  return directives;
}

/**
 * Drops the findings a directive silences, and adds them to `suppressed` with the directive's
 * reason: a suppression silences a message, it does not change the fact, which reports keep
 * showing. A next-line directive silences findings on its target line and, when that line starts
 * a step, every finding about that step. Directives are indexed by rule and by target line, so
 * the work is linear in findings plus directives; when several apply, the first in the file is
 * the one marked used, as a scan in file order would.
 */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  journey: Journey | undefined,
  stepLine: (stepId: string) => number | undefined,
  suppressed: SuppressedFinding[] = [],
): Finding[] {
  if (directives.length === 0) return findings;
  const order = new Map(directives.map((directive, i) => [directive, i]));
  const fileWide = new Map<string, Directive>();
  const byLine = new Map<string, Directive>();
  for (const directive of directives) {
    for (const rule of directive.rules) {
      if (directive.kind === "disable") {
        if (!fileWide.has(rule)) fileWide.set(rule, directive);
      } else if (directive.targetLine !== undefined) {
        const key = `${directive.targetLine}:${rule}`;
        if (!byLine.has(key)) byLine.set(key, directive);
      }
    }
  }
  return findings.filter((finding) => {
    const line = journey !== undefined && finding.stepId !== undefined ? stepLine(finding.stepId) : undefined;
    const candidates = [
      fileWide.get(finding.ruleId),
      byLine.get(`${finding.line}:${finding.ruleId}`),
      line !== undefined ? byLine.get(`${line}:${finding.ruleId}`) : undefined,
    ];
    let first: Directive | undefined;
    for (const candidate of candidates) if (candidate && (first === undefined || order.get(candidate)! < order.get(first)!)) first = candidate;
    if (!first) return true;
    first.used.add(finding.ruleId);
    suppressed.push({ ...finding, suppression: first.reason === undefined ? {} : { reason: first.reason } });
    return false;
  });
}

/**
 * Findings for directives (or rule ids in them) that silenced nothing, each with the fix that
 * removes what is unused: the whole comment line when nothing in it is used, else the unused ids.
 */
export function unusedDirectiveFindings(directives: Directive[], knownRules: ReadonlySet<string>, source: string): Finding[] {
  const findings: Finding[] = [];
  const lineStarts = directives.length > 0 ? startsOfLines(source) : [];
  for (const directive of directives) {
    const unused = directive.rules.filter((rule) => !directive.used.has(rule));
    if (unused.length === 0) continue;
    const unknown = unused.filter((rule) => !knownRules.has(rule));
    const message =
      unknown.length > 0
        ? `unknown rule ${unknown.map((r) => `\`${r}\``).join(", ")} in a journey-${directive.kind} comment`
        : `unused journey-${directive.kind} directive: no ${unused.map((r) => `\`${r}\``).join(", ")} finding to silence here`;
    findings.push({
      ruleId: "unused-disable-directive",
      severity: "error",
      message,
      line: directive.line,
      column: directive.column,
      endLine: directive.line,
      endColumn: directive.endColumn,
      ...fixOf(removeUnused(directive, unused, source, lineStarts)),
    });
  }
  return findings;
}

const fixOf = (fix: TextEdit | undefined) => (fix ? { fix } : {});

function removeUnused(directive: Directive, unused: readonly string[], source: string, lineStarts: readonly number[]): TextEdit | undefined {
  const start = lineStarts[directive.line - 1];
  const next = lineStarts[directive.line] ?? source.length;
  if (unused.length === directive.rules.length) return { range: [start, next], text: "" };
  // Keep the comment with the ids still in use, and its reason, exactly as written around them.
  const lineEnd = source.slice(start, next).search(/\r?\n|$/);
  const text = source.slice(start, start + lineEnd);
  const kept = directive.rules.filter((rule) => !unused.includes(rule));
  const match = /^(\s*#\s*journey-(?:disable-next-line|disable))(\s+)(.*?)(\s+--(?:\s.*)?)?$/.exec(text);
  if (!match) return undefined;
  return { range: [start, start + lineEnd], text: `${match[1]}${match[2]}${kept.join(", ")}${match[4] ?? ""}` };
}
