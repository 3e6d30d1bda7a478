import { STRUCTURAL_RULES, type Finding } from "../finding.js";
import type { ChangeList } from "./change-list.js";
import type { CheckedSide } from "./types.js";

const STRUCTURAL = new Set<string>([...STRUCTURAL_RULES, "internal"]);

/**
 * Lint findings new in the head and fixed since the base, matched by rule and step rather than
 * by line (lines move with every edit). A finding about no step is matched by its rule and its
 * message. Counts matter: two findings of a rule on one step in the head against one in the base
 * is one new finding.
 */
export function compareFindings(base: CheckedSide | undefined, head: CheckedSide | undefined, out: ChangeList): void {
  const remaining = new Map<string, Finding[]>();
  // A version with structural errors was not linted: the other version's lint findings are then
  // neither new nor fixed, only not comparable. Structural errors always compare.
  const comparable = (side: CheckedSide | undefined, other: CheckedSide | undefined) =>
    (side?.result.findings ?? []).filter((f) => !other || other.result.rulesChecked !== undefined || STRUCTURAL.has(f.ruleId));
  for (const finding of comparable(base, head)) remaining.set(keyOf(finding), [...(remaining.get(keyOf(finding)) ?? []), finding]);
  for (const finding of comparable(head, base)) {
    const same = remaining.get(keyOf(finding));
    if (same && same.length > 0) {
      same.shift();
      continue;
    }
    out.addFinding("finding-new", changeOf(finding, head!, "head", `new ${finding.severity}: ${finding.message}`), finding.severity);
  }
  // A deleted journey's findings are gone with it, not fixed.
  if (!head) return;
  for (const findings of remaining.values()) {
    for (const finding of findings) out.addFinding("finding-fixed", changeOf(finding, base!, "base", `fixed: ${finding.message}`), finding.severity);
  }
}

function keyOf(finding: Finding): string {
  return [finding.ruleId, finding.stepId ?? "", finding.stepId !== undefined ? (finding.messageId ?? "") : finding.message].join("\0");
}

function changeOf(finding: Finding, side: CheckedSide, which: "base" | "head", message: string) {
  const stage = finding.stepId !== undefined ? side.model?.journey.stepById.get(finding.stepId)?.stageId : undefined;
  return {
    side: which,
    file: side.source.filePath,
    line: finding.line,
    column: finding.column,
    step: finding.stepId,
    stage,
    before: which === "base" ? finding.severity : null,
    after: which === "head" ? finding.severity : null,
    message,
    rule: finding.ruleId,
    finding,
  };
}
