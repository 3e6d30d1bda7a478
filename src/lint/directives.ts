import type { Finding, SuppressedFinding } from "../finding.js";
import type { Journey } from "../model/types.js";

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
  lines.forEach((text, i) => {
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const [, indent, kind, rest] = match;
    const [list, ...why] = rest.split(/\s--\s|^--\s|\s--$/);
    const reason = why.join(" -- ").trim() || undefined;
    const rules = list
      .split(/[,\s]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    let targetLine: number | undefined;
    if (kind === "disable-next-line") {
      // The next line that is not blank or another comment: usually the `- id:` line of a step.
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j].trim() !== "" && !lines[j].trim().startsWith("#")) {
          targetLine = j + 1;
          break;
        }
      }
    }
    directives.push({ kind: kind as Directive["kind"], rules, line: i + 1, column: indent.length + 1, endColumn: text.trimEnd().length + 1, targetLine, ...(reason && { reason }), used: new Set() });
  });
  return directives;
}

/**
 * Drops the findings a directive silences, and adds them to `suppressed` with the directive's
 * reason: a suppression silences a message, it does not change the fact, which reports keep
 * showing. A next-line directive silences findings on its target line and, when that line starts
 * a step, every finding about that step.
 */
export function applyDirectives(findings: Finding[], directives: Directive[], journey: Journey | undefined, stepLine: (stepId: string) => number | undefined, suppressed: SuppressedFinding[] = []): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter((finding) => {
    for (const directive of directives) {
      if (!directive.rules.includes(finding.ruleId)) continue;
      let applies = directive.kind === "disable";
      if (directive.kind === "disable-next-line" && directive.targetLine !== undefined) {
        applies = finding.line === directive.targetLine || (journey !== undefined && finding.stepId !== undefined && stepLine(finding.stepId) === directive.targetLine);
      }
      if (applies) {
        directive.used.add(finding.ruleId);
        suppressed.push({ ...finding, suppression: directive.reason === undefined ? {} : { reason: directive.reason } });
        return false;
      }
    }
    return true;
  });
}

/** Findings for directives (or rule ids in them) that silenced nothing. */
export function unusedDirectiveFindings(directives: Directive[], knownRules: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
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
    });
  }
  return findings;
}
