import { reachable, shortestPaths, stronglyConnectedComponents, type FlowGraph } from "./flow-graph.js";
import type { Journey, Step } from "./types.js";

/**
 * Facts about a journey's flow that several rules need, each computed once on first use.
 * Every computation is linear in steps plus transitions.
 */
export class FlowAnalysis {
  private cache = new Map<string, unknown>();

  constructor(
    readonly journey: Journey,
    readonly graph: FlowGraph,
  ) {}

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /** Steps some entry reaches. */
  get reachableFromEntries(): boolean[] {
    return this.memo("reachableFromEntries", () => reachable(this.graph, this.graph.entries));
  }

  /** Indexes of goal steps. */
  get goals(): number[] {
    return this.memo("goals", () => {
      const goals: number[] = [];
      const isGoal = this.graph.isGoal;
      for (let i = 0; i < isGoal.length; i++) if (isGoal[i]) goals.push(i);
      return goals;
    });
  }

  /** Steps reachable from a goal step, the goal steps included. */
  get reachableFromGoals(): boolean[] {
    return this.memo("reachableFromGoals", () => reachable(this.graph, this.goals));
  }

  /** Strongly connected components of the flow (loops). */
  get components(): { component: number[]; count: number } {
    return this.memo("components", () => stronglyConnectedComponents(this.graph));
  }

  /** The contacts of the journey, in file order. */
  get contacts(): Step[] {
    return this.memo("contacts", () => this.journey.steps.filter((s) => s.type === "contact"));
  }

  /** Responses by the id of the contact they answer. */
  get responsesByContact(): Map<string, Step[]> {
    return this.memo("responsesByContact", () => {
      const map = new Map<string, Step[]>();
      for (const step of this.journey.steps) {
        if (step.type !== "response" || step.answers === undefined) continue;
        const list = map.get(step.answers) ?? [];
        list.push(step);
        map.set(step.answers, list);
      }
      return map;
    });
  }

  /**
   * Fewest steps of a kind (weight 1; the start's own weight excluded) on a path from `from` to
   * any of `targets`, or Infinity when none is reachable.
   */
  fewestOnPath(from: Step, targets: readonly Step[], weight: (step: Step) => 0 | 1): number {
    if (targets.length === 0) return Infinity;
    const isTarget = new Set(targets.map((t) => t.index));
    const stepWeight = (index: number) => weight(this.journey.steps[index]);
    const { cost, stoppedAt } = shortestPaths(this.graph, [from.index], stepWeight, { until: (index) => isTarget.has(index) });
    return stoppedAt === undefined ? Infinity : cost.get(stoppedAt)! - stepWeight(from.index);
  }
}
