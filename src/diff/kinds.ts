import type { Severity } from "../finding.js";
import type { SeverityName } from "../config/types.js";

/**
 * Every kind of change `journey diff` reports, with its default severity: the contract of the
 * JSON output (like rule ids), documented in docs/diff.md and tested one by one.
 * `finding-new` has no fixed severity: by default it takes the severity of the new finding, so
 * only new lint errors fail a run.
 */
export const CHANGE_KINDS = [
  { id: "journey-added", severity: "info", description: "A journey file was added." },
  { id: "journey-removed", severity: "warning", description: "A journey file was deleted." },
  { id: "journey-id-changed", severity: "info", description: "The journey's `id` changed (the file is the same, or git saw it renamed)." },
  { id: "step-added", severity: "info", description: "A step id that the base did not have." },
  { id: "step-removed", severity: "warning", description: "A step id that the head no longer has." },
  {
    id: "step-moved",
    severity: "info",
    description:
      "A step moved to another stage, or to another place among its stage's steps, with its flow before and after; the transitions that only follow from the move are part of it.",
  },
  { id: "step-renamed", severity: "info", description: "A step kept its id and got a new `name`." },
  { id: "step-type-changed", severity: "info", description: "A step's `type` changed (for example action to contact)." },
  { id: "stage-added", severity: "info", description: "A stage id that the base did not have." },
  { id: "stage-removed", severity: "info", description: "A stage id that the head no longer has." },
  { id: "stage-reordered", severity: "info", description: "A stage moved among the other stages." },
  { id: "entry-changed", severity: "warning", description: "The steps where the journey starts changed." },
  { id: "goal-changed", severity: "warning", description: "The goal steps changed." },
  {
    id: "edge-added",
    severity: "info",
    description:
      "A transition between two steps that both versions have is new (an explicit `next`, a decision branch, or the implicit next step in file order), and does not only follow from a step moved or removed.",
  },
  {
    id: "edge-removed",
    severity: "warning",
    description: "A transition between two steps that both versions have is gone, and not only because a step moved or was added.",
  },
  {
    id: "link-added",
    severity: "info",
    description: "A step continues in another journey where it did not: a new `<journey-id>#<step-id>` in its `next` or a branch's `to` (on a new step too).",
  },
  {
    id: "link-removed",
    severity: "warning",
    description: "A step no longer continues in another journey it did: a `<journey-id>#<step-id>` link is gone (with its step too).",
  },
  { id: "emotion-better", severity: "info", description: "A step's emotion went up." },
  { id: "emotion-worse", severity: "warning", description: "A step's emotion went down." },
  { id: "pain-point-added", severity: "warning", description: "A step has a pain point it did not have." },
  { id: "pain-point-removed", severity: "info", description: "A pain point of a step is gone." },
  { id: "opportunity-added", severity: "info", description: "A step has an opportunity it did not have." },
  { id: "opportunity-removed", severity: "info", description: "An opportunity of a step is gone." },
  { id: "channel-changed", severity: "info", description: "A step's channels changed (added, removed or replaced)." },
  {
    id: "contact-answered",
    severity: "info",
    description: "A contact that was not answered now reaches a response (a `touchpoint-unanswered` finding fixed on it absorbs this change).",
  },
  {
    id: "contact-unanswered",
    severity: "warning",
    description: "A contact that was answered (or is new) no longer reaches a response (a new `touchpoint-unanswered` finding on it absorbs this change).",
  },
  {
    id: "handoff-added",
    severity: "warning",
    description: "A handoff step is new (with the handoffs between a contact and its answer, when that count changed).",
  },
  { id: "handoff-removed", severity: "info", description: "A handoff step is gone." },
  { id: "metrics-changed", severity: "info", description: "A step's measured `metrics.reached` changed." },
  {
    id: "finding-new",
    severity: "finding",
    description:
      "A lint finding (or structural error) that the base did not have, matched by rule and step. Its severity is the finding's own (the more severe one when it absorbs `contact-unanswered`).",
  },
  {
    id: "finding-fixed",
    severity: "info",
    description: "A lint finding of the base that the head no longer has (the more severe severity when it absorbs `contact-answered`).",
  },
] as const satisfies readonly { id: string; severity: Severity | "finding"; description: string }[];

export type ChangeKindId = (typeof CHANGE_KINDS)[number]["id"];

const DEFAULTS = new Map<string, Severity | "finding">(CHANGE_KINDS.map((kind) => [kind.id, kind.severity]));

/**
 * The severity of a change: the config's `diff:` setting for its kind, else the kind's default
 * (for `finding-new`, the finding's own severity). `off` means the change is not reported.
 */
export function changeSeverity(kind: ChangeKindId, overrides: Readonly<Record<string, SeverityName>>, findingSeverity?: Severity): Severity | "off" {
  const override = overrides[kind];
  if (override !== undefined) return override;
  const severity = DEFAULTS.get(kind)!;
  return severity === "finding" ? (findingSeverity ?? "error") : severity;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
