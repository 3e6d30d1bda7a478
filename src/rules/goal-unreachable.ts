import type { Rule } from "./types.js";

export const goalUnreachable: Rule = {
  meta: {
    id: "goal-unreachable",
    description: "No path leads from an entry to a goal step.",
    severity: "error",
    messages: {
      unreachable: "no path leads from the entry ({{entries}}) to a goal step ({{goals}}): check `next` and `entry`",
    },
  },
  check({ journey, flow, report }) {
    if (flow.goals.some((goal) => flow.reachableFromEntries[goal])) return;
    report({
      messageId: "unreachable",
      data: { entries: journey.entries, goals: journey.goal.steps },
      at: ["goal", "steps"],
    });
  },
};
