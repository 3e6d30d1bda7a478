import { mermaidLabel, mermaidTaskName, mermaidText } from "../escape/mermaid.js";
import type { Journey } from "../model/types.js";
import type { Names } from "../i18n/names.js";

/** Characters per line of a task (Mermaid draws tasks 150 px wide) and of a section (its tasks' width). */
const TASK_WIDTH = 20;

/** Mermaid's journey font size (`taskFontSize`): the distance between two lines of a label. */
const LINE_HEIGHT = 14;

/** Task and section height: Mermaid's 50 px hold two lines; 80 px five, with a margin. */
const MIN_HEIGHT = 80;

/**
 * A Mermaid `journey` diagram: one section per stage, one task per step the customer
 * experiences (frontstage), scored emotion + 3 (1 to 5). A step without an emotion is left out:
 * drawing it as neutral would invent data (the report's caption names those steps).
 *
 * Labels are wrapped with `<br/>`, which Mermaid's journey renderer turns into lines only when it
 * writes labels as SVG text (`textPlacement: tspan`); its default (`fo`, HTML in a
 * `<foreignObject>` as tall as a task) prints `<br/>` as text and cuts off a third line. So the
 * diagram carries its own config (an `init` directive, which GitHub, `journey preview` and the
 * images all read): SVG text, boxes tall enough for the longest label, and the default theme with dark
 * text (the journey renderer writes task text in white, on that theme's pale boxes).
 */
export function renderJourneyDiagram(journey: Journey, names: Names): string {
  const body: string[] = [];
  let lines = 1;
  for (const stage of journey.stages) {
    const steps = stage.steps.filter((step) => step.lane === "frontstage" && step.emotion !== undefined);
    if (steps.length === 0) continue;
    const section = mermaidLabel(names.stage(stage), TASK_WIDTH * steps.length);
    lines = Math.max(lines, lineCount(section));
    body.push(`  section ${section}`);
    for (const step of steps) {
      const score = step.emotion! + 3;
      const task = mermaidTaskName(step.name, TASK_WIDTH);
      lines = Math.max(lines, lineCount(task));
      body.push(`    ${task}: ${score}: ${mermaidText(names.actor(step))}`);
    }
  }
  // A directive, not front matter: front matter must open the text, and the `.mmd` file opens with
  // its generated note.
  const config = {
    theme: "default",
    themeCSS: "text.task, text.journey-section { fill: #333; }",
    journey: { textPlacement: "tspan", height: Math.max(MIN_HEIGHT, lines * LINE_HEIGHT + 10) },
  };
  return [`%%{init: ${JSON.stringify(config)}}%%`, "journey", `  title ${mermaidText(journey.title)}`, ...body].join("\n") + "\n";
}

// An escaped label cannot hold `<br/>` of its own (`<` is written `#60;`): each one is a line break.
function lineCount(label: string): number {
  return label.split("<br/>").length;
}
