import { stronglyConnectedComponents } from "../model/flow-graph.js";
import { own } from "../util/own.js";
import type { ProjectRule } from "./types.js";

/** A link target, `<journey-id>#<step-id>`: a node of the graph of links between journeys. */
const key = (journey: string, step: string) => `${journey}#${step}`;

export const journeyLoop: ProjectRule = {
  meta: {
    id: "journey-loop",
    description: "Links between journeys that lead back to each other without reaching any of their goals.",
    severity: "warning",
    scope: "project",
    messages: {
      loop: "the customer can go round journeys {{journeys}} through their links without reaching a goal of any of them: give the loop a way to a goal",
    },
  },
  check({ journeys, report }) {
    const byId = new Map(journeys.map((journey) => [journey.id, journey]));
    // Nodes: the steps links lead to. From one, the customer reaches (within its journey) the
    // links that step leads to; the node is good when a goal of its journey is reachable.
    const nodes: { journey: string; step: string; goal: boolean; next: { target: string; link: number }[] }[] = [];
    const nodeIndex = new Map<string, number>();
    for (const journey of journeys)
      for (const link of journey.links) {
        const target = byId.get(link.journey);
        // Own properties only: a step id such as `constructor` must not find Object's.
        const reach = target && own(target.reach, link.step);
        const id = key(link.journey, link.step);
        if (!target || !reach || nodeIndex.has(id)) continue; // an unknown target is unknown-reference's
        nodeIndex.set(id, nodes.length);
        const next = reach.links.map((i) => ({ target: key(target.links[i].journey, target.links[i].step), link: i }));
        nodes.push({ journey: target.id, step: link.step, goal: reach.goal, next });
      }
    const successors = nodes.map((node) => node.next.map((n) => nodeIndex.get(n.target)).filter((i): i is number => i !== undefined));
    // The graph of links, in the flow graph's shape: its components are the loops between journeys.
    const { component, count } = stronglyConnectedComponents({ size: nodes.length, successors, predecessors: [], entries: [], isGoal: [], isExit: [] });
    for (let c = 0; c < count; c++) {
      const members = nodes.flatMap((node, i) => (component[i] === c ? [i] : []));
      const cycle = members.length > 1 || successors[members[0]].includes(members[0]);
      if (!cycle || members.some((i) => nodes[i].goal)) continue;
      const names = [...new Set(members.map((i) => nodes[i].journey))].sort();
      // Reported once, at the first link (in code-point order of the journey) that stays in the loop.
      const first = members.map((i) => nodes[i]).sort((a, b) => (key(a.journey, a.step) < key(b.journey, b.step) ? -1 : 1))[0];
      const stay = first.next.find((n) => component[nodeIndex.get(n.target) ?? -1] === c)!;
      report({ messageId: "loop", data: { journeys: names }, at: { journey: first.journey, link: stay.link } });
    }
  },
};
