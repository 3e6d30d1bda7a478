import { cutText } from "../escape/terminal.js";
import type { Step } from "../model/types.js";
import type { ChangeList } from "./change-list.js";
import type { Model } from "./types.js";

/**
 * Steps of the two versions paired by id: a step keeps its identity wherever it moves. (Ids are
 * unique in a model: a duplicate is a structural error, and such a file has no model.)
 */
export interface StepMatch {
  common: { base: Step; head: Step }[];
  added: Step[];
  removed: Step[];
}

export function matchSteps(base: Model, head: Model): StepMatch {
  const common: StepMatch["common"] = [];
  const added: Step[] = [];
  for (const step of head.journey.steps) {
    const before = base.journey.stepById.get(step.id);
    if (before) common.push({ base: before, head: step });
    else added.push(step);
  }
  const removed = base.journey.steps.filter((step) => !head.journey.stepById.has(step.id));
  return { common, added, removed };
}

/**
 * The structure of a journey, compared by ids rather than positions: its id, stages (added,
 * removed, reordered), steps (added, removed, moved, renamed, retyped), entries, goal, and the
 * transitions of the flow between steps that both versions have.
 */
export function compareStructure(base: Model, head: Model, steps: StepMatch, out: ChangeList): void {
  const b = base.journey;
  const h = head.journey;
  if (b.id !== h.id)
    out.add("journey-id-changed", { model: head, side: "head", path: ["id"] }, `journey id changed from \`${b.id}\` to \`${h.id}\``, {
      before: b.id,
      after: h.id,
    });

  // Stages
  const baseStages = new Map(b.stages.map((stage) => [stage.id, stage]));
  const headStageIds = new Set(h.stages.map((stage) => stage.id));
  for (const stage of h.stages) {
    if (!baseStages.has(stage.id))
      out.add("stage-added", { model: head, side: "head", path: [...stage.path, "id"], stage: stage.id }, `stage \`${stage.id}\` added`, { after: stage.id });
  }
  for (const stage of b.stages) {
    if (!headStageIds.has(stage.id))
      out.add("stage-removed", { model: base, side: "base", path: [...stage.path, "id"], stage: stage.id }, `stage \`${stage.id}\` removed`, {
        before: stage.id,
      });
  }
  const commonStages = h.stages.filter((stage) => baseStages.has(stage.id));
  const reordered = outOfOrder(commonStages.map((stage) => baseStages.get(stage.id)!.index));
  commonStages.forEach((stage, i) => {
    if (!reordered.has(i)) return;
    const before = baseStages.get(stage.id)!.index + 1;
    out.add(
      "stage-reordered",
      { model: head, side: "head", path: [...stage.path, "id"], stage: stage.id },
      `stage \`${stage.id}\` moved from position ${before} to ${stage.index + 1}`,
      { before, after: stage.index + 1 },
    );
  });

  // Steps
  for (const step of steps.added) {
    out.add(
      "step-added",
      { model: head, side: "head", path: [...step.path, "id"], step: step.id, stage: step.stageId },
      `step \`${step.id}\` (${step.name}) added to stage \`${step.stageId}\``,
      { after: step.name },
    );
  }
  for (const step of steps.removed) {
    out.add(
      "step-removed",
      { model: base, side: "base", path: [...step.path, "id"], step: step.id, stage: step.stageId },
      `step \`${step.id}\` (${step.name}) removed from stage \`${step.stageId}\``,
      { before: step.name },
    );
  }
  // A step moved when its stage changed, or when it left the longest run of steps that kept their
  // order within a stage (so one moved step is reported, not every step it jumped over).
  const position = (step: Step, model: Model) => model.journey.stages[step.stageIndex].steps.indexOf(step) + 1;
  const moved = new Set<Step>();
  const byStage = new Map<string, { base: Step; head: Step }[]>();
  for (const pair of steps.common) {
    if (pair.base.stageId !== pair.head.stageId) moved.add(pair.head);
    else byStage.set(pair.head.stageId, [...(byStage.get(pair.head.stageId) ?? []), pair]);
  }
  for (const pairs of byStage.values()) {
    const late = outOfOrder(pairs.map((pair) => pair.base.index));
    pairs.forEach((pair, i) => late.has(i) && moved.add(pair.head));
  }
  for (const { base: was, head: step } of steps.common) {
    const place = { model: head, side: "head" as const, step: step.id, stage: step.stageId };
    if (moved.has(step)) {
      const before = { stage: was.stageId, position: position(was, base) };
      const after = { stage: step.stageId, position: position(step, head) };
      const where =
        was.stageId === step.stageId
          ? `from position ${before.position} to ${after.position} in stage \`${step.stageId}\``
          : `from stage \`${was.stageId}\` to \`${step.stageId}\``;
      out.add("step-moved", { ...place, path: [...step.path, "id"] }, `step \`${step.id}\` moved ${where}`, { before, after });
    }
    if (was.name !== step.name)
      out.add(
        "step-renamed",
        { ...place, path: [...step.path, "name"] },
        `step \`${step.id}\` renamed from "${cutText(was.name)}" to "${cutText(step.name)}"`,
        {
          before: was.name,
          after: step.name,
        },
      );
    if (was.type !== step.type)
      out.add("step-type-changed", { ...place, path: [...step.path, "type"] }, `step \`${step.id}\` changed from ${was.type} to ${step.type}`, {
        before: was.type,
        after: step.type,
      });
  }

  // Entries and goal
  // Without an `entry:` key the journey starts at its first step: point there.
  const entryWritten = JSON.stringify(head.locator.span(["entry"])) !== JSON.stringify(head.locator.span([]));
  const entryPath = entryWritten || h.steps.length === 0 ? ["entry"] : [...h.steps[0].path, "id"];
  if (!sameSet(b.entries, h.entries))
    out.add("entry-changed", { model: head, side: "head", path: entryPath }, `the journey now starts at ${ids(h.entries)} (was ${ids(b.entries)})`, {
      before: b.entries,
      after: h.entries,
    });
  if (!sameSet(b.goal.steps, h.goal.steps))
    out.add("goal-changed", { model: head, side: "head", path: ["goal", "steps"] }, `the goal is now ${ids(h.goal.steps)} (was ${ids(b.goal.steps)})`, {
      before: b.goal.steps,
      after: h.goal.steps,
    });

  compareEdges(base, head, out);
}

/** Transitions between steps both versions have; those of added or removed steps come with the step. */
function compareEdges(base: Model, head: Model, out: ChangeList): void {
  const baseEdges = edgesOf(base);
  const headEdges = edgesOf(head);
  const inBoth = (id: string) => base.journey.stepById.has(id) && head.journey.stepById.has(id);
  for (const [key, edge] of headEdges) {
    if (baseEdges.has(key) || !inBoth(edge.from.id) || !inBoth(edge.to.id)) continue;
    const explicit = edge.from.next.find((t) => t.to === edge.to.id);
    const branch =
      edge.from.type === "decision"
        ? `decision \`${edge.from.id}\` has a new branch to \`${edge.to.id}\`${explicit?.when ? ` (when ${explicit.when})` : ""}`
        : `\`${edge.from.id}\` now leads to \`${edge.to.id}\`${explicit?.path ? "" : " (the next step in file order)"}`;
    out.add(
      "edge-added",
      { model: head, side: "head", path: explicit?.path ?? [...edge.from.path, "id"], step: edge.from.id, stage: edge.from.stageId },
      branch,
      { after: { from: edge.from.id, to: edge.to.id } },
    );
  }
  for (const [key, edge] of baseEdges) {
    if (headEdges.has(key) || !inBoth(edge.from.id) || !inBoth(edge.to.id)) continue;
    const explicit = edge.from.next.find((t) => t.to === edge.to.id);
    const message =
      edge.from.type === "decision"
        ? `decision \`${edge.from.id}\` lost its branch to \`${edge.to.id}\``
        : `\`${edge.from.id}\` no longer leads to \`${edge.to.id}\``;
    out.add(
      "edge-removed",
      { model: base, side: "base", path: explicit?.path ?? [...edge.from.path, "id"], step: edge.from.id, stage: edge.from.stageId },
      message,
      { before: { from: edge.from.id, to: edge.to.id } },
    );
  }
}

/** The flow's transitions, keyed by the ids of their two steps. */
export function edgesOf(model: Model): Map<string, { from: Step; to: Step }> {
  const edges = new Map<string, { from: Step; to: Step }>();
  const { steps } = model.journey;
  model.graph.successors.forEach((targets, from) => {
    for (const to of targets) edges.set(`${steps[from].id}\0${steps[to].id}`, { from: steps[from], to: steps[to] });
  });
  return edges;
}

/**
 * Indexes of the items that are not in a longest increasing subsequence of `sequence`: the
 * fewest items that moved to turn one order into the other (O(n log n), patience sorting).
 */
export function outOfOrder(sequence: readonly number[]): Set<number> {
  const tails: number[] = []; // index into sequence of the smallest tail of each length
  const previous = new Array<number>(sequence.length).fill(-1);
  for (let i = 0; i < sequence.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sequence[tails[mid]] < sequence[i]) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1];
    tails[low] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  const moved = new Set<number>();
  for (let i = 0; i < sequence.length; i++) if (!kept.has(i)) moved.add(i);
  return moved;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id)) && new Set(b).size === set.size;
}

function ids(list: readonly string[]): string {
  return list.length > 0 ? list.map((id) => `\`${id}\``).join(", ") : "nothing";
}
