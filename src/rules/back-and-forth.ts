import type { Step } from "../model/types.js";
import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const backAndForth: Rule = {
  meta: {
    id: "back-and-forth",
    description: "A loop in the flow that does not pass through a goal step: the customer goes in circles.",
    severity: "warning",
    messages: {
      loop: "the customer can go in circles here: {{steps}} lead back to each other without reaching the goal",
      selfLoop: "step `{{step}}` leads back to itself without reaching the goal",
    },
  },
  check({ journey, graph, flow, report }) {
    const { component, count } = flow.components;
    const members: Step[][] = Array.from({ length: count }, () => []);
    for (const step of journey.steps) members[component[step.index]].push(step); // file order
    const hasGoal = new Array<boolean>(count).fill(false);
    for (const goal of flow.goals) hasGoal[component[goal]] = true;
    for (let c = 0; c < count; c++) {
      const steps = members[c];
      if (hasGoal[c]) continue;
      if (steps.length === 1) {
        const [step] = steps;
        if (graph.successors[step.index].includes(step.index)) report({ messageId: "selfLoop", data: { step: step.id }, at: stepPath(step), step });
        continue;
      }
      report({ messageId: "loop", data: { steps: steps.map((s) => s.id) }, at: stepPath(steps[0]), step: steps[0] });
    }
  },
};
