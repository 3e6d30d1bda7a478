import type { Finding } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import type { JourneyFile } from "../model/types.js";

interface Occurrence {
  stepId: string;
  /** Position of the step in file order: two steps with the same id are still two steps. */
  step: number;
  path: YamlPath;
  viaEvents: boolean;
}

/**
 * `duplicate-event-mapping`: an activity of an event log may mean one step only, or
 * `journey analyze` could not tell which step an event belongs to. An activity is a step's id or
 * an entry of its `events:`. Reported at every place the activity is named. Two steps with the
 * same id are `duplicate-id` alone; runs on the document as written, after the schema check.
 */
export function eventMappingFindings(file: JourneyFile, locator: Locator): Finding[] {
  const byActivity = new Map<string, Occurrence[]>();
  const add = (activity: string, occurrence: Occurrence) => {
    const list = byActivity.get(activity);
    if (list) list.push(occurrence);
    else byActivity.set(activity, [occurrence]);
  };
  let step = 0;
  file.stages.forEach((stage, i) =>
    (stage.steps ?? []).forEach((written, j) => {
      const path = ["stages", i, "steps", j];
      add(written.id, { stepId: written.id, step, path: [...path, "id"], viaEvents: false });
      // A step naming its own id among its events maps nothing twice.
      (written.events ?? []).forEach(
        (activity, k) => activity !== written.id && add(activity, { stepId: written.id, step, path: [...path, "events", k], viaEvents: true }),
      );
      step++;
    }),
  );

  const findings: Finding[] = [];
  for (const [activity, occurrences] of byActivity) {
    if (!occurrences.some((o) => o.viaEvents) || new Set(occurrences.map((o) => o.step)).size < 2) continue;
    for (const occurrence of occurrences) {
      const others = [...new Set(occurrences.filter((o) => o.step !== occurrence.step).map((o) => `\`${o.stepId}\` (line ${locator.span(o.path).line})`))];
      findings.push({
        ruleId: "duplicate-event-mapping",
        messageId: "activity",
        severity: "error",
        message: `activity \`${activity}\` is mapped to step \`${occurrence.stepId}\` and to step ${others.join(", ")}; an activity may belong to one step only`,
        ...locator.span(occurrence.path),
        journeyId: file.id,
        stepId: occurrence.stepId,
      });
    }
  }
  return findings;
}
