import type { Journey } from "./types.js";

/**
 * The flow of a journey as a directed graph over step indexes (`journey.steps[i]`), built once
 * per journey and shared by every rule. Transitions to unknown steps are left out (they are
 * reported as `unknown-reference`).
 */
export interface FlowGraph {
  size: number;
  successors: number[][];
  predecessors: number[][];
  entries: number[];
  isGoal: boolean[];
  /**
   * Steps with a link to another journey's step (`Step.links`): the customer leaves the journey
   * there, so the path ends at the journey's edge as it does at an end step (no `dead-end`). A
   * link is no edge of this graph: it goes to another journey's graph.
   */
  isExit: boolean[];
}

export function buildFlowGraph(journey: Journey): FlowGraph {
  const size = journey.steps.length;
  // Arrays of their exact length (a pushed-to array keeps room for 16), and one array for each
  // list of a single step: a step mostly has one successor and one predecessor, so `[i]` is both
  // the successors of step i - 1 and the predecessors of step i + 1 in a linear flow. Nothing
  // changes the lists once built. A 40,000-step journey's graph took 0.4 KB per step, then 0.14.
  const singles: number[][] = new Array<number[]>(size);
  const list = (items: number[]): number[] => (items.length === 0 ? NO_STEPS : items.length === 1 ? (singles[items[0]] ??= [items[0]]) : items.slice());
  const successors: number[][] = new Array<number[]>(size);
  const incoming = new Int32Array(size);
  const targets: number[] = [];
  for (const step of journey.steps) {
    targets.length = 0;
    for (const transition of step.next) {
      const target = journey.stepById.get(transition.to);
      if (target && !targets.includes(target.index)) targets.push(target.index);
    }
    successors[step.index] = list(targets);
    for (const target of targets) incoming[target]++;
  }
  const predecessors: number[][] = new Array<number[]>(size);
  for (let index = 0; index < size; index++) predecessors[index] = incoming[index] > 1 ? new Array<number>(incoming[index]) : NO_STEPS;
  const filled = new Int32Array(size);
  for (let index = 0; index < size; index++) {
    for (const target of successors[index]) {
      if (incoming[target] === 1) predecessors[target] = singles[index] ??= [index];
      else predecessors[target][filled[target]++] = index;
    }
  }
  const indexes = (ids: string[]) => [...new Set(ids.map((id) => journey.stepById.get(id)?.index).filter((i): i is number => i !== undefined))];
  const isGoal = new Array<boolean>(size).fill(false);
  for (const index of indexes(journey.goal.steps)) isGoal[index] = true;
  const isExit = journey.steps.map((step) => step.links.length > 0);
  return { size, successors, predecessors, entries: indexes(journey.entries), isGoal, isExit };
}

/** The list of a step with no successors, or no predecessors: one for all, frozen so that nothing adds to it. */
const NO_STEPS: number[] = Object.freeze([]) as unknown as number[];

/** Steps reachable from `starts` (forwards along successors, or backwards along predecessors). */
export function reachable(graph: FlowGraph, starts: readonly number[], direction: "forward" | "backward" = "forward"): boolean[] {
  const edges = direction === "forward" ? graph.successors : graph.predecessors;
  const seen = new Array<boolean>(graph.size).fill(false);
  const stack: number[] = [];
  for (const start of starts) {
    if (!seen[start]) {
      seen[start] = true;
      stack.push(start);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const next of edges[node]) {
      if (!seen[next]) {
        seen[next] = true;
        stack.push(next);
      }
    }
  }
  return seen;
}

export interface ShortestPathOptions {
  direction?: "forward" | "backward";
  /** Stop at the first step settled for which this holds (the starts never count). */
  until?: (index: number) => boolean;
}

export interface ShortestPaths {
  /** Fewest weight to each settled step, the start's own weight included; absent when unreached. */
  cost: Map<number, number>;
  /** With `until`: the step the search stopped at, or undefined when none was reachable. */
  stoppedAt?: number;
}

/**
 * Shortest paths from `starts` where entering a step costs `weight(step)` (0 or 1): a 0-1 BFS,
 * linear in steps plus transitions. Backwards, it gives each step's cost to reach a start (the
 * fewest frontstage steps from a step to a goal). With `until` it stops at the first match: a
 * contact is usually answered a few steps later, so that search touches a small part of even a
 * huge flow, which is why costs are kept in a Map rather than an array per search.
 */
export function shortestPaths(graph: FlowGraph, starts: readonly number[], weight: (index: number) => 0 | 1, options: ShortestPathOptions = {}): ShortestPaths {
  const edges = options.direction === "backward" ? graph.predecessors : graph.successors;
  const cost = new Map<number, number>();
  // Weight-0 moves go on `front` (a stack, taken first), weight-1 moves at the back of `queue`:
  // nodes leave in order of cost, and each relaxes its edges once.
  const front: number[] = [];
  const queue: number[] = [];
  let head = 0;
  for (const start of starts) {
    const c = weight(start);
    if (c < (cost.get(start) ?? Infinity)) {
      cost.set(start, c);
      (c === 0 ? front : queue).push(start);
    }
  }
  const isStart = new Set(starts);
  const done = new Set<number>();
  while (front.length > 0 || head < queue.length) {
    const node = front.length > 0 ? front.pop()! : queue[head++];
    if (done.has(node)) continue; // popped before with its final cost: its edges are relaxed
    done.add(node);
    if (options.until && !isStart.has(node) && options.until(node)) return { cost, stoppedAt: node };
    const base = cost.get(node)!;
    for (const next of edges[node]) {
      const w = weight(next);
      if (base + w < (cost.get(next) ?? Infinity)) {
        cost.set(next, base + w);
        (w === 0 ? front : queue).push(next);
      }
    }
  }
  return { cost };
}

/**
 * Strongly connected components (Tarjan's algorithm, iterative so a 100,000-step chain cannot
 * overflow the stack). Returns the component number of each step; components are numbered in
 * reverse topological order.
 */
export function stronglyConnectedComponents(graph: FlowGraph): { component: number[]; count: number } {
  const { size, successors } = graph;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const component = new Array<number>(size).fill(-1);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const node = callNode[top];
      const edges = successors[node];
      if (callEdge[top] < edges.length) {
        const next = edges[callEdge[top]++];
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          callNode.push(next);
          callEdge.push(0);
        } else if (onStack[next]) {
          low[node] = Math.min(low[node], index[next]);
        }
        continue;
      }
      if (low[node] === index[node]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component[member] = count;
        } while (member !== node);
        count++;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
    }
  }
  return { component, count };
}
