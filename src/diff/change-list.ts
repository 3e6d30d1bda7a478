import { FILE_START, type Severity } from "../finding.js";
import type { SeverityName } from "../config/types.js";
import { changeSeverity, type ChangeKindId } from "./kinds.js";
import type { Change, Place } from "./types.js";

/**
 * Collects the changes of one journey: looks up each one's line and column in its file and its
 * severity in the config's `diff:` settings, and leaves out kinds set to `off`.
 */
export class ChangeList {
  readonly changes: Change[] = [];

  constructor(private readonly overrides: Readonly<Record<string, SeverityName>>) {}

  add(kind: ChangeKindId, place: Place, message: string, values: { before?: unknown; after?: unknown } = {}): void {
    const severity = changeSeverity(kind, this.overrides);
    if (severity === "off") return;
    const { line, column } = place.model.locator?.span(place.path) ?? FILE_START;
    this.push({
      kind,
      severity,
      side: place.side,
      file: place.model.filePath,
      line,
      column,
      step: place.step,
      stage: place.stage,
      before: values.before ?? null,
      after: values.after ?? null,
      message,
    });
  }

  /** `finding-new` and `finding-fixed`: positions come from the finding itself. */
  addFinding(kind: "finding-new" | "finding-fixed", change: Omit<Change, "kind" | "severity">, findingSeverity: Severity): void {
    const severity = changeSeverity(kind, this.overrides, findingSeverity);
    if (severity === "off") return;
    this.push({ kind, severity, ...change });
  }

  private push(change: Change): void {
    // Keys without a value are left out, so JSON and tests see only what applies.
    if (change.step === undefined) delete change.step;
    if (change.stage === undefined) delete change.stage;
    if (change.rule === undefined) delete change.rule;
    if (change.finding === undefined) delete change.finding;
    this.changes.push(change);
  }
}
