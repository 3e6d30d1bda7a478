import { mermaidTaskName, mermaidText } from "../escape/mermaid.js";
import type { Journey } from "../model/types.js";
import type { Names } from "./names.js";

const MAX_TASK = 60;

/**
 * A Mermaid `journey` diagram: one section per stage, one task per step the customer
 * experiences (frontstage), scored emotion + 3 (1 to 5). A step without an emotion is left out:
 * drawing it as neutral would invent data (the report's caption names those steps).
 */
export function renderJourneyDiagram(journey: Journey, names: Names): string {
  const lines = ["journey", `  title ${mermaidText(journey.title, 80)}`];
  for (const stage of journey.stages) {
    const steps = stage.steps.filter((step) => step.lane === "frontstage" && step.emotion !== undefined);
    if (steps.length === 0) continue;
    lines.push(`  section ${mermaidText(names.stage(stage), 40)}`);
    for (const step of steps) {
      const score = step.emotion! + 3;
      lines.push(`    ${mermaidTaskName(step.name, MAX_TASK)}: ${score}: ${mermaidText(names.actor(step), 30)}`);
    }
  }
  return lines.join("\n") + "\n";
}
