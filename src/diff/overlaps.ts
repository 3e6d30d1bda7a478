import { SEVERITY_RANK, type ChangeKindId } from "./kinds.js";
import type { Change } from "./types.js";

/**
 * Changes of `journey diff` that say the same thing as a lint finding new or fixed on the same
 * step. Each fact is reported once: the `finding-new` / `finding-fixed` change of the rule absorbs
 * the change of the kind, so the lint's own gate (`--fail-on`, `diff: finding-new`) works as for
 * any finding. docs/diff.md lists them in its change table.
 */
export const ABSORBED_BY_FINDINGS: readonly { kind: ChangeKindId; by: "finding-new" | "finding-fixed"; rule: string }[] = [
  { kind: "contact-unanswered", by: "finding-new", rule: "touchpoint-unanswered" },
  { kind: "contact-answered", by: "finding-fixed", rule: "touchpoint-unanswered" },
];

/**
 * Drops each change that a finding change on the same step absorbs. The finding change keeps the
 * more severe of the two severities, so a run fails exactly when it would have failed with both
 * (a `diff:` setting that makes `contact-unanswered` an error still fails it). A change whose
 * finding is not reported (the rule off, a `# journey-disable` comment, `finding-new: off`)
 * stays.
 */
export function absorbOverlaps(changes: Change[]): Change[] {
  const dropped = new Set<Change>();
  for (const { kind, by, rule } of ABSORBED_BY_FINDINGS) {
    for (const change of changes) {
      if (change.kind !== kind || change.step === undefined) continue;
      const finding = changes.find((c) => c.kind === by && c.rule === rule && c.step === change.step);
      if (!finding) continue;
      if (SEVERITY_RANK[change.severity] > SEVERITY_RANK[finding.severity]) finding.severity = change.severity;
      dropped.add(change);
    }
  }
  return changes.filter((change) => !dropped.has(change));
}
