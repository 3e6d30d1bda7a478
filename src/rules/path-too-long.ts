import { shortestPaths } from "../model/flow-graph.js";
import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const pathTooLong: Rule = {
  meta: {
    id: "path-too-long",
    description: "The shortest path from an entry to the goal has more than `max` frontstage steps.",
    severity: "warning",
    options: {
      max: {
        type: "integer",
        minimum: 1,
        default: 10,
        description: "Most frontstage steps a customer should need to reach the goal, entry and goal step included.",
      },
    },
    messages: {
      tooLong: "from `{{step}}` the customer needs at least {{length}} steps to reach the goal (more than {{max}}): shorten the journey",
    },
  },
  check({ journey, graph, flow, options, report }) {
    // One backward BFS from all goals gives every step's fewest frontstage steps to a goal.
    const frontstage = (i: number) => (journey.steps[i].lane === "frontstage" ? 1 : 0);
    const { cost } = shortestPaths(graph, flow.goals, frontstage, { direction: "backward" });
    for (const entry of graph.entries) {
      const length = cost.get(entry) ?? Infinity;
      if (length === Infinity || length <= options.max) continue;
      const step = journey.steps[entry];
      report({ messageId: "tooLong", data: { step: step.id, length, max: options.max }, at: stepPath(step), step });
    }
  },
};
