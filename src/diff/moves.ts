import type { Step } from "../model/types.js";
import type { Model } from "./types.js";

/** A step both versions have, paired by id. */
export interface StepPair {
  base: Step;
  head: Step;
}

/** A step that moved: to another stage, or out of the longest run of its stage's steps that kept their order. */
export interface MovedStep extends StepPair {
  /**
   * The neighbour it swapped places with, when moving that one instead explains the new order
   * with as few moves (the two were next to each other in both versions, in the other order).
   */
  swappedWith?: Step;
}

/** A transition of the flow, keyed by the ids of its two steps (`edgeKey`). */
export interface Edge {
  from: Step;
  to: Step;
}

/**
 * The flow of the two versions compared between the steps both have: the steps that moved, the
 * transitions that are new or gone, and the transitions (of either version) that only follow
 * from a step moved, added or removed, and so are part of that change rather than changes of
 * their own.
 */
export interface FlowComparison {
  /** In the head's file order. */
  moved: MovedStep[];
  added: Edge[];
  removed: Edge[];
  /** `edgeKey`s of the transitions, of the base or the head, that a step moved, added or removed explains. */
  implied: Set<string>;
}

export const edgeKey = (from: string, to: string): string => `${from}\0${to}`;

/** The flow's transitions, keyed by the ids of their two steps. */
export function edgesOf(model: Model): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  const { steps } = model.journey;
  model.graph.successors.forEach((targets, from) => {
    for (const to of targets) edges.set(edgeKey(steps[from].id, steps[to].id), { from: steps[from], to: steps[to] });
  });
  return edges;
}

/**
 * The steps that moved. A step moved when its stage changed, or when it is outside the longest
 * run of its stage's steps that kept their order (`outOfOrder`): the fewest moves that explain the
 * new order, so one moved step is reported, not every step it jumped over. `common` is in the
 * head's file order.
 */
export function findMoves(common: readonly StepPair[]): MovedStep[] {
  const moved: MovedStep[] = [];
  const byStage = new Map<string, StepPair[]>();
  for (const pair of common) {
    if (pair.base.stageId !== pair.head.stageId) moved.push({ ...pair });
    else {
      const pairs = byStage.get(pair.head.stageId);
      if (pairs) pairs.push(pair);
      else byStage.set(pair.head.stageId, [pair]);
    }
  }
  for (const pairs of byStage.values()) {
    const late = outOfOrder(pairs.map((pair) => pair.base.index));
    // Rank of each pair in the base's order of the stage's common steps.
    const rank = new Map([...pairs].sort((a, b) => a.base.index - b.base.index).map((pair, i) => [pair, i]));
    pairs.forEach((pair, i) => {
      if (!late.has(i)) return;
      const before = pairs[i - 1];
      const swapped = before !== undefined && !late.has(i - 1) && rank.get(before) === rank.get(pair)! + 1;
      moved.push(swapped ? { ...pair, swappedWith: before.head } : { ...pair });
    });
  }
  return moved.sort((a, b) => a.head.index - b.head.index);
}

/**
 * Indexes of the items that are not in a longest increasing subsequence of `sequence` (distinct
 * numbers): the fewest items that moved to turn one order into the other, O(n log n). When
 * several subsequences are longest, the one kept holds the largest numbers, so the items reported
 * are the ones that moved towards the end: of two neighbours swapped, `[0, 2, 1, 3]`, the item
 * `1` moved after `2`.
 */
export function outOfOrder(sequence: readonly number[]): Set<number> {
  const tails: number[] = []; // the smallest last value of an increasing subsequence of each length
  const levels: number[][] = []; // indexes whose longest increasing subsequence ending there has length level + 1
  for (let i = 0; i < sequence.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (tails[mid] < sequence[i]) low = mid + 1;
      else high = mid;
    }
    tails[low] = sequence[i];
    (levels[low] ??= []).push(i);
  }
  // Back from the longest length: at each level the item with the largest value that can still
  // precede the item kept above it. Within a level, indexes rise and values fall.
  const kept = new Set<number>();
  let limitIndex = sequence.length;
  let limitValue = Infinity;
  for (let level = levels.length - 1; level >= 0; level--) {
    const candidates = levels[level];
    let end = 0; // candidates[0, end) come before limitIndex
    for (let high = candidates.length; end < high;) {
      const mid = (end + high) >> 1;
      if (candidates[mid] < limitIndex) end = mid + 1;
      else high = mid;
    }
    let first = 0; // the first of them below limitValue (values fall along the level)
    for (let high = end; first < high;) {
      const mid = (first + high) >> 1;
      if (sequence[candidates[mid]] < limitValue) high = mid;
      else first = mid + 1;
    }
    const chosen = candidates[first];
    kept.add(chosen);
    limitIndex = chosen;
    limitValue = sequence[chosen];
  }
  const moved = new Set<number>();
  for (let i = 0; i < sequence.length; i++) if (!kept.has(i)) moved.add(i);
  return moved;
}

/**
 * Transitions between steps that both versions have, new or gone, split into those that only
 * follow from a step that moved, was added or was removed, and the others. Take the moved steps
 * out of both flows, and the added steps out of the head's, the removed ones out of the base's
 * (bridging each: a path through them stays a path). A changed transition follows from those
 * steps when it lies on a path that the other version has too, bridged the same way: a step that
 * stays and leads to the transition through bridged steps only is joined, in the other version,
 * directly or through bridged steps only, to a step that stays and that the transition leads to
 * the same way. So the transitions into and out of a moved step, the one that closes the gap
 * where it (or a removed step) was and the one it (or an added step) broke where it went follow
 * from the step; a new branch to a moved step from a step that did not lead on to the same place
 * does not. A transition of a moved step that reaches no such step on one side (a moved entry or
 * end) follows from the move.
 */
export function compareFlow(
  base: Model,
  head: Model,
  moved: readonly MovedStep[],
  steps: { added: readonly Step[]; removed: readonly Step[] } = { added: [], removed: [] },
): FlowComparison {
  const movedIds = moved.map((move) => move.head.id);
  const baseEdges = edgesOf(base);
  const headEdges = edgesOf(head);
  const inBoth = (id: string) => base.journey.stepById.has(id) && head.journey.stepById.has(id);
  const baseFlow = new BridgedPaths(base, new Set([...movedIds, ...steps.removed.map((step) => step.id)]));
  const headFlow = new BridgedPaths(head, new Set([...movedIds, ...steps.added.map((step) => step.id)]));
  const bridging = movedIds.length + steps.added.length + steps.removed.length > 0;
  const explained = (edge: Edge, own: BridgedPaths, other: BridgedPaths): boolean => {
    const from = own.stops(edge.from.id, "backward");
    const to = own.stops(edge.to.id, "forward");
    if (from.length === 0 || to.length === 0) return true; // only a moved step can reach no step that stays
    return from.some((u) => to.some((w) => other.joined(u, w)));
  };
  const result: FlowComparison = { moved: [...moved], added: [], removed: [], implied: new Set() };
  for (const [key, edge] of headEdges) {
    if (baseEdges.has(key) || !inBoth(edge.from.id) || !inBoth(edge.to.id)) continue;
    if (bridging && explained(edge, headFlow, baseFlow)) result.implied.add(key);
    else result.added.push(edge);
  }
  for (const [key, edge] of baseEdges) {
    if (headEdges.has(key) || !inBoth(edge.from.id) || !inBoth(edge.to.id)) continue;
    if (bridging && explained(edge, baseFlow, headFlow)) result.implied.add(key);
    else result.removed.push(edge);
  }
  return result;
}

/**
 * Paths of one version's flow through bridged steps only (`moved`: the moved steps, and the
 * steps only this version has), from and to steps that stay. Computed once per direction for
 * every bridged step, over the strongly connected components of the bridged steps (a flow may
 * loop), so that even a reversed stage of thousands of steps takes linear time rather than a
 * walk per transition.
 */
class BridgedPaths {
  private readonly through: Partial<Record<"forward" | "backward", Map<number, ReadonlySet<number>>>> = {};
  private readonly from = new Map<number, ReadonlySet<number>>();

  constructor(
    private readonly model: Model,
    private readonly moved: ReadonlySet<string>,
  ) {}

  /**
   * The unmoved steps that `id` reaches (forward) or is reached from (backward) through moved
   * steps only: `id` itself when it did not move.
   */
  stops(id: string, direction: "forward" | "backward"): string[] {
    if (!this.moved.has(id)) return [id];
    const { steps, stepById } = this.model.journey;
    return [...this.movedStops(direction).get(stepById.get(id)!.index)!].map((i) => steps[i].id);
  }

  /** Whether `from` (a step that did not move) leads to `to` directly or through moved steps only; false when a step is not in this version. */
  joined(from: string, to: string): boolean {
    const { stepById } = this.model.journey;
    const start = stepById.get(from);
    const target = stepById.get(to);
    if (!start || !target) return false;
    let reached = this.from.get(start.index);
    if (!reached) {
      const set = new Set<number>();
      const through = this.movedStops("forward");
      for (const next of this.model.graph.successors[start.index]) {
        const stops = through.get(next);
        if (stops) for (const stop of stops) set.add(stop);
        else set.add(next);
      }
      this.from.set(start.index, (reached = set));
    }
    return reached.has(target.index);
  }

  /** For every moved step, the unmoved steps it reaches in `direction` through moved steps only. */
  private movedStops(direction: "forward" | "backward"): Map<number, ReadonlySet<number>> {
    const cached = this.through[direction];
    if (cached) return cached;
    const { steps } = this.model.journey;
    const edges = direction === "forward" ? this.model.graph.successors : this.model.graph.predecessors;
    const isMoved = (i: number) => this.moved.has(steps[i].id);
    const result = new Map<number, ReadonlySet<number>>();
    // Tarjan's algorithm, iterative, over the moved steps and the transitions between them. It
    // closes a component only after every component it leads to, so their stops are known.
    const order = new Map<number, number>();
    const low = new Map<number, number>();
    const stack: number[] = [];
    const onStack = new Set<number>();
    let counter = 0;
    for (let root = 0; root < steps.length; root++) {
      if (!isMoved(root) || order.has(root)) continue;
      const frames: { node: number; next: number }[] = [{ node: root, next: 0 }];
      order.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const targets = edges[frame.node];
        if (frame.next < targets.length) {
          const target = targets[frame.next++];
          if (!isMoved(target)) continue;
          if (!order.has(target)) {
            order.set(target, counter);
            low.set(target, counter++);
            stack.push(target);
            onStack.add(target);
            frames.push({ node: target, next: 0 });
          } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, order.get(target)!));
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1].node;
          low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
        }
        if (low.get(frame.node) !== order.get(frame.node)) continue;
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const stops = new Set<number>();
        for (const node of component) {
          for (const target of edges[node]) {
            if (!isMoved(target)) stops.add(target);
            else if (result.has(target)) for (const stop of result.get(target)!) stops.add(stop);
          }
        }
        for (const node of component) result.set(node, stops);
      }
    }
    this.through[direction] = result;
    return result;
  }
}
