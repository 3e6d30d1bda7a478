import { describe, expect, it } from "vitest";
import { buildFlowGraph, reachable, shortestPaths, stronglyConnectedComponents, type FlowGraph } from "../../src/model/flow-graph.js";
import { check } from "../helpers/index.js";

const JOURNEY = `journey: 1
id: model
title: Model
goal: { steps: [pays] }
channels: { web: { name: Web, mode: async } }
stages:
  - id: awareness
    steps:
      - { id: sees-ad, name: Sees ad, channel: web }
      - { id: asks, name: Asks, type: contact, channel: web }
      - { id: checks-stock, name: Checks stock, actor: support }
      - { id: answers, name: Answers, type: response, answers: asks, channel: web }
  - id: purchase
    steps:
      - id: chooses
        name: Chooses
        type: decision
        next: [{ to: pays, when: has card }, { to: gives-up, when: no card }]
      - { id: pays, name: Pays, next: [] }
      - { id: gives-up, name: Gives up, type: end, outcome: abandoned }
      - { id: never, name: Never reached }
`;

describe("the typed model applies the format's defaults", () => {
  const { model, findings } = check(JOURNEY);
  const { journey, graph } = model ?? {};
  it("is built for a structurally valid file", () => {
    expect(findings).toEqual([]);
    expect(journey).toBeDefined();
    expect(graph).toBeDefined();
  });
  it("defaults actor and lane", () => {
    const step = (id: string) => journey!.stepById.get(id)!;
    expect([step("sees-ad").actor, step("sees-ad").lane]).toEqual(["customer", "frontstage"]);
    expect([step("checks-stock").actor, step("checks-stock").lane]).toEqual(["support", "backstage"]);
    expect([step("answers").actor, step("answers").lane]).toEqual(["agent", "frontstage"]);
  });
  it("flows to the next step in file order across stages, unless next or end says otherwise", () => {
    const next = (id: string) => journey!.stepById.get(id)!.next.map((t) => t.to);
    expect(next("answers")).toEqual(["chooses"]);
    expect(next("chooses")).toEqual(["pays", "gives-up"]);
    expect(journey!.stepById.get("chooses")!.next[1].when).toBe("no card");
    expect(next("pays")).toEqual([]);
    expect(next("gives-up")).toEqual([]);
  });
  it("enters at the first step by default and marks goal steps", () => {
    expect(journey!.entries).toEqual(["sees-ad"]);
    expect(graph!.entries).toEqual([0]);
    expect(graph!.isGoal.map((g, i) => (g ? journey!.steps[i].id : "")).filter(Boolean)).toEqual(["pays"]);
    expect(reachable(graph!, graph!.entries)[journey!.stepById.get("never")!.index]).toBe(false);
  });
  it("merges the config's channel catalog under the journey's own", () => {
    const { model: { journey: merged } = {} } = check(JOURNEY, { channels: { web: { name: "Old", mode: "sync" }, email: { name: "Email", mode: "async" } } });
    expect(merged!.channels.get("web")).toMatchObject({ name: "Web", declaredInJourney: true });
    expect(merged!.channels.get("email")).toMatchObject({ name: "Email", declaredInJourney: false });
  });
});

function chain(size: number, extraEdges: [number, number][] = []): FlowGraph {
  const successors: number[][] = Array.from({ length: size }, (_, i) => (i + 1 < size ? [i + 1] : []));
  for (const [from, to] of extraEdges) successors[from].push(to);
  const predecessors: number[][] = Array.from({ length: size }, () => []);
  successors.forEach((list, from) => list.forEach((to) => predecessors[to].push(from)));
  return {
    size,
    successors,
    predecessors,
    entries: [0],
    isGoal: Array.from({ length: size }, (_, i) => i === size - 1),
    isExit: new Array<boolean>(size).fill(false),
  };
}

describe("graph algorithms run without recursion on long flows", () => {
  it("finds strongly connected components in a 100,000-step chain with a loop", () => {
    const graph = chain(100_000, [[99_999, 50_000]]);
    const { component, count } = stronglyConnectedComponents(graph);
    expect(count).toBe(50_001);
    expect(component[50_000]).toBe(component[99_999]);
    expect(component[0]).not.toBe(component[1]);
  });
  it("counts weighted shortest paths with a 0-1 BFS", () => {
    // 0 -> 1 -> 2 -> 3 and a shortcut 0 -> 3; step 1 and 2 weigh nothing (backstage).
    const graph = chain(4, [[0, 3]]);
    const { cost } = shortestPaths(graph, [0], (i) => (i === 1 || i === 2 ? 0 : 1));
    expect([0, 1, 2, 3].map((i) => cost.get(i))).toEqual([1, 1, 1, 2]);
    const unweighted = shortestPaths(chain(100_000), [0], () => 1);
    expect(unweighted.cost.get(99_999)).toBe(100_000);
  });
  it("stops a 0-1 BFS at the first step that matches, never at a start", () => {
    // 0 -> 1 -> ... -> 5 and 0 -> 3: the search from 0 for 0 or 3 settles 3 at cost 2 (1 and 2 weigh nothing), and goes no further.
    const graph = chain(6, [[0, 3]]);
    const { cost, stoppedAt } = shortestPaths(graph, [0], (i) => (i === 1 || i === 2 ? 0 : 1), { until: (i) => i === 0 || i === 3 });
    expect(stoppedAt).toBe(3);
    expect(cost.get(3)).toBe(2);
    expect(cost.has(4)).toBe(false);
    expect(shortestPaths(graph, [3], () => 1, { until: (i) => i === 0 }).stoppedAt).toBeUndefined();
  });
  it("reaches backwards from goals", () => {
    const graph = chain(5);
    expect(reachable(graph, [2], "backward")).toEqual([true, true, true, false, false]);
  });
  it("builds the graph from a journey once, without edges to unknown steps", () => {
    const journey = check(JOURNEY).model?.journey;
    const graph = buildFlowGraph(journey!);
    expect(graph.successors[journey!.stepById.get("chooses")!.index].length).toBe(2);
  });
});
