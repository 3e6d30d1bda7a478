import type { Step } from "../model/types.js";
import type { ChangeList } from "./change-list.js";
import type { StepMatch } from "./structure.js";
import type { Model } from "./types.js";

/**
 * What a change does to the customer at each step: emotion, pain points and opportunities,
 * channels, measured reach, contacts that gain or lose their answer, and handoffs. A new step
 * is compared with an empty one (its pain points, its unanswered contact, its handoff are news);
 * a removed step is reported only as removed (and as a handoff removed, when it was one).
 */
export function compareExperience(base: Model, head: Model, steps: StepMatch, out: ChangeList): void {
  for (const { base: was, head: step } of steps.common) {
    const place = (key: string) => ({ model: head, side: "head" as const, path: [...step.path, key], step: step.id, stage: step.stageId });
    if (was.emotion !== undefined && step.emotion !== undefined && was.emotion !== step.emotion) {
      const kind = step.emotion > was.emotion ? "emotion-better" : "emotion-worse";
      out.add(
        kind,
        place("emotion"),
        `the customer feels ${kind === "emotion-better" ? "better" : "worse"} at \`${step.id}\`: emotion ${signed(was.emotion)} -> ${signed(step.emotion)}`,
        { before: was.emotion, after: step.emotion },
      );
    }
    if (!sameList(was.channels, step.channels)) {
      out.add("channel-changed", place("channel"), `channels of \`${step.id}\`: ${list(was.channels)} -> ${list(step.channels)}`, {
        before: was.channels,
        after: step.channels,
      });
    }
    if (was.reached !== step.reached) {
      out.add(
        "metrics-changed",
        { ...place("metrics"), path: [...step.path, "metrics", "reached"] },
        `customers reaching \`${step.id}\`: ${
          was.reached === undefined
            ? `not measured before, ${step.reached} now`
            : step.reached === undefined
              ? `${was.reached} before, not measured now`
              : `${was.reached} -> ${step.reached}`
        }`,
        { before: was.reached ?? null, after: step.reached ?? null },
      );
    }
  }
  const pairs: [Step | undefined, Step][] = [
    ...steps.common.map(({ base: was, head: step }): [Step, Step] => [was, step]),
    ...steps.added.map((step): [undefined, Step] => [undefined, step]),
  ];
  for (const [was, step] of pairs) notes(base, head, was, step, out);
  contacts(base, head, pairs, out);
  handoffs(base, head, steps, pairs, out);
}

function notes(base: Model, head: Model, was: Step | undefined, step: Step, out: ChangeList): void {
  const lists = [
    ["painPoints", "pain_points", "pain-point-added", "pain-point-removed", "pain point"],
    ["opportunities", "opportunities", "opportunity-added", "opportunity-removed", "opportunity"],
  ] as const;
  for (const [field, key, addedKind, removedKind, noun] of lists) {
    const before = was ? was[field] : [];
    const after = step[field];
    after.forEach((text, i) => {
      if (!before.includes(text))
        out.add(
          addedKind,
          { model: head, side: "head", path: [...step.path, key, i], step: step.id, stage: step.stageId },
          `new ${noun} at \`${step.id}\`: ${text}`,
          { after: text },
        );
    });
    if (!was) continue;
    before.forEach((text, i) => {
      if (!after.includes(text))
        out.add(
          removedKind,
          { model: base, side: "base", path: [...was.path, key, i], step: was.id, stage: was.stageId },
          `${noun} gone at \`${step.id}\`: ${text}`,
          { before: text },
        );
    });
  }
}

/** A contact is answered when a response that answers it can be reached from it (as touchpoint-unanswered sees it). */
function answered(model: Model, step: Step): boolean {
  if (step.type !== "contact") return true;
  const responses = model.flow.responsesByContact.get(step.id) ?? [];
  return model.flow.fewestOnPath(step, responses, () => 0) !== Infinity;
}

function contacts(base: Model, head: Model, pairs: readonly [Step | undefined, Step][], out: ChangeList): void {
  for (const [was, step] of pairs) {
    if (step.type !== "contact") continue;
    const before = was === undefined || answered(base, was);
    const after = answered(head, step);
    if (before === after) continue;
    const place = { model: head, side: "head" as const, path: [...step.path, "id"], step: step.id, stage: step.stageId };
    if (after) out.add("contact-answered", place, `contact \`${step.id}\` is now answered`, { before: false, after: true });
    else
      out.add(
        "contact-unanswered",
        place,
        `contact \`${step.id}\` ${was ? "is no longer answered" : "is new and never answered"}: the customer reaches out and nobody replies`,
        { before: was ? true : null, after: false },
      );
  }
}

/** Handoffs between a contact and its answer, as too-many-handoffs counts them (null when unanswered). */
export function handoffsToAnswer(model: Model, contact: Step): number | null {
  const responses = model.flow.responsesByContact.get(contact.id) ?? [];
  const count = model.flow.fewestOnPath(contact, responses, (step) => (step.type === "handoff" ? 1 : 0));
  return count === Infinity ? null : count;
}

function handoffs(base: Model, head: Model, steps: StepMatch, pairs: readonly [Step | undefined, Step][], out: ChangeList): void {
  const describe = (step: Step) => (step.from || step.to ? ` (${step.from ?? "?"} -> ${step.to ?? "?"})` : "");
  for (const [was, step] of pairs) {
    if (step.type === "handoff" && was?.type !== "handoff")
      out.add(
        "handoff-added",
        { model: head, side: "head", path: [...step.path, "id"], step: step.id, stage: step.stageId },
        `handoff \`${step.id}\` added${describe(step)}: work changes hands`,
      );
    if (was?.type === "handoff" && step.type !== "handoff")
      out.add(
        "handoff-removed",
        { model: base, side: "base", path: [...was.path, "id"], step: was.id, stage: was.stageId },
        `\`${step.id}\` is no longer a handoff`,
      );
  }
  for (const was of steps.removed) {
    if (was.type === "handoff")
      out.add(
        "handoff-removed",
        { model: base, side: "base", path: [...was.path, "id"], step: was.id, stage: was.stageId },
        `handoff \`${was.id}\` removed${describe(was)}`,
      );
  }
  // The customer's side of it: a contact that now waits through more (or fewer) handoffs.
  for (const [was, step] of pairs) {
    if (!was || was.type !== "contact" || step.type !== "contact") continue;
    const before = handoffsToAnswer(base, was);
    const after = handoffsToAnswer(head, step);
    if (before === null || after === null || before === after) continue;
    const kind = after > before ? "handoff-added" : "handoff-removed";
    out.add(
      kind,
      { model: head, side: "head", path: [...step.path, "id"], step: step.id, stage: step.stageId },
      `contact \`${step.id}\` now passes ${after} handoff${after === 1 ? "" : "s"} before it is answered (was ${before})`,
      { before, after },
    );
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function list(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "none";
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
