import { cutText } from "../escape/terminal.js";
import type { Step } from "../model/types.js";
import type { ChangeList } from "./change-list.js";
import { compareFlow, findMoves, outOfOrder, type FlowComparison, type MovedStep, type StepPair } from "./moves.js";
import type { Model } from "./types.js";

/**
 * Steps of the two versions paired by id: a step keeps its identity wherever it moves. (Ids are
 * unique in a model: a duplicate is a structural error, and such a file has no model.)
 */
export interface StepMatch {
  /** In the head's file order. */
  common: StepPair[];
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
export function compareStructure(base: Model, head: Model, steps: StepMatch, out: ChangeList): FlowComparison {
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
  // Moves, and the flow between the steps both versions have: one change per moved step, which
  // carries the transitions that only follow from the move (as an added or removed step carries
  // those that only follow from it).
  const flow = compareFlow(base, head, findMoves(steps.common), steps);
  const moves = new Map(flow.moved.map((move) => [move.head, move]));
  for (const { base: was, head: step } of steps.common) {
    const place = { model: head, side: "head" as const, step: step.id, stage: step.stageId };
    const move = moves.get(step);
    if (move) {
      const { message, before, after } = describeMove(move, base, head);
      out.add("step-moved", { ...place, path: [...step.path, "id"] }, message, { before, after });
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

  reportEdges(base, head, flow, out);
  return flow;
}

/**
 * Transitions between steps both versions have that are new or gone, apart from those that only
 * follow from a step moved, added or removed; those of added or removed steps come with the step.
 */
function reportEdges(base: Model, head: Model, flow: FlowComparison, out: ChangeList): void {
  for (const edge of flow.added) {
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
  for (const edge of flow.removed) {
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

/** Where a step sits in a version's flow: the steps it comes from and leads to. */
function flowAround(model: Model, step: Step): { predecessors: string[]; successors: string[] } {
  const ids = (indexes: readonly number[]) => indexes.map((i) => model.journey.steps[i].id);
  return { predecessors: ids(model.graph.predecessors[step.index]), successors: ids(model.graph.successors[step.index]) };
}

/**
 * The message and values of a `step-moved` change: where the step was and is (stage and position
 * among the stage's steps), the neighbour it swapped places with, and its flow before and after.
 */
function describeMove(move: MovedStep, base: Model, head: Model) {
  const { base: was, head: step } = move;
  const position = (s: Step, model: Model) => model.journey.stages[s.stageIndex].steps.indexOf(s) + 1;
  const before = { stage: was.stageId, position: position(was, base), ...flowAround(base, was) };
  const after = {
    stage: step.stageId,
    position: position(step, head),
    ...flowAround(head, step),
    ...(move.swappedWith ? { swapped_with: move.swappedWith.id } : {}),
  };
  const where =
    was.stageId === step.stageId
      ? `from position ${before.position} to ${after.position} in stage \`${step.stageId}\``
      : `from stage \`${was.stageId}\` to \`${step.stageId}\``;
  const swapped = move.swappedWith ? `, swapping places with \`${move.swappedWith.id}\`` : "";
  const chain = (flow: { predecessors: string[]; successors: string[] }) =>
    [
      flow.predecessors.length > 0 ? `${few(flow.predecessors)} -> ` : "",
      `\`${step.id}\``,
      flow.successors.length > 0 ? ` -> ${few(flow.successors)}` : "",
    ].join("");
  const sameFlow = sameSet(before.predecessors, after.predecessors) && sameSet(before.successors, after.successors);
  const flow = sameFlow ? `its flow is unchanged (${chain(after)})` : `flow ${chain(before)} before, ${chain(after)} now`;
  return { message: `step \`${step.id}\` moved ${where}${swapped}; ${flow}`, before, after };
}

/** Up to four ids in code spans, then how many more. */
function few(list: readonly string[]): string {
  const shown = list
    .slice(0, 4)
    .map((id) => `\`${id}\``)
    .join(", ");
  return list.length > 4 ? `${shown} and ${list.length - 4} more` : shown;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id)) && new Set(b).size === set.size;
}

function ids(list: readonly string[]): string {
  return list.length > 0 ? list.map((id) => `\`${id}\``).join(", ") : "nothing";
}
