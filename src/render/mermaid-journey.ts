import { mermaidLabel, mermaidTaskName, mermaidText } from "../escape/mermaid.js";
import type { Journey } from "../model/types.js";
import type { Names } from "./names.js";

/** Characters per line of a task (Mermaid draws tasks 150 px wide) and of a section (its tasks' width). */
const TASK_WIDTH = 20;

/**
 * A Mermaid `journey` diagram: one section per stage, one task per step the customer
 * experiences (frontstage), scored emotion + 3 (1 to 5). A step without an emotion is left out:
 * drawing it as neutral would invent data (the report's caption names those steps).
 */
export function renderJourneyDiagram(journey: Journey, names: Names): string {
  const lines = ["journey", `  title ${mermaidText(journey.title)}`];
  for (const stage of journey.stages) {
    const steps = stage.steps.filter((step) => step.lane === "frontstage" && step.emotion !== undefined);
    if (steps.length === 0) continue;
    lines.push(`  section ${mermaidLabel(names.stage(stage), TASK_WIDTH * steps.length)}`);
    for (const step of steps) {
      const score = step.emotion! + 3;
      lines.push(`    ${mermaidTaskName(step.name, TASK_WIDTH)}: ${score}: ${mermaidText(names.actor(step))}`);
    }
  }
  return lines.join("\n") + "\n";
}
