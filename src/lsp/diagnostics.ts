import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from "vscode-languageserver";
import type { Finding } from "../finding.js";
import type { RulesMeta } from "../results.js";
import { findingRange } from "./workspace.js";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The rules whose findings are things that do nothing, which editors fade (`DiagnosticTag.Unnecessary`). */
export const UNNECESSARY = new Set(["unused-disable-directive", "channel-unused"]);

/**
 * A finding as the editor shows it: the same message and span as `journey lint`, the rule id as
 * `code` with its page as `codeDescription`, `source: journey`, the finding's other places as
 * `relatedInformation` (in the same file, `uri`), and the `Unnecessary` tag for things that do
 * nothing (an unused disable comment, an unused catalog entry).
 */
export function toDiagnostic(finding: Finding, rulesMeta: RulesMeta, uri: string): Diagnostic {
  const info = rulesMeta.get(finding.ruleId);
  return {
    range: findingRange(finding),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(info ? { codeDescription: { href: info.docsUrl } } : {}),
    source: "journey",
    message: finding.message,
    ...(UNNECESSARY.has(finding.ruleId) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(finding.related
      ? { relatedInformation: finding.related.map((place) => ({ location: { uri, range: findingRange(place) }, message: place.message })) }
      : {}),
  };
}

export function toDiagnostics(findings: readonly Finding[], rulesMeta: RulesMeta, uri: string): Diagnostic[] {
  return findings.map((finding) => toDiagnostic(finding, rulesMeta, uri));
}
