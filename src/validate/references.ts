import type { ProjectConfig } from "../config/types.js";
import type { Finding } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import type { Journey, JourneyFile } from "../model/types.js";
import { didYouMean } from "../util/did-you-mean.js";

/** Actors every journey may name without a teams catalog. */
export const BUILTIN_ACTORS = ["customer", "agent", "system"];

/**
 * Structural checks the schema cannot express: ids unique within a journey (`duplicate-id`,
 * reported at every occurrence after the first) and references that resolve
 * (`unknown-reference`: next, answers, entry, goal, persona, and teams when a catalog exists).
 */
export function referenceFindings(journey: Journey, file: JourneyFile, config: ProjectConfig, locator: Locator): Finding[] {
  const findings: Finding[] = [];
  const report = (ruleId: "duplicate-id" | "unknown-reference", messageId: string, path: YamlPath, message: string, stepId?: string) =>
    findings.push({ ruleId, messageId, severity: "error", message, ...locator.span(path), journeyId: journey.id, stepId });

  const firstStage = new Map<string, number>();
  for (const stage of journey.stages) {
    const earlier = firstStage.get(stage.id);
    if (earlier !== undefined) {
      report("duplicate-id", "stage", [...stage.path, "id"], `stage id \`${stage.id}\` is already used by stage ${earlier + 1}; stage ids must be unique`);
    } else firstStage.set(stage.id, stage.index);
  }
  for (const step of journey.steps) {
    const first = journey.stepById.get(step.id)!;
    if (first !== step) {
      const where = locator.span([...first.path, "id"]);
      report("duplicate-id", "step", [...step.path, "id"], `step id \`${step.id}\` is already used at line ${where.line}; step ids must be unique in a journey`, step.id);
    }
  }

  const stepIds = [...journey.stepById.keys()];
  const unknownStep = (id: string, path: YamlPath, what: string, stepId?: string) => {
    if (journey.stepById.has(id)) return;
    const suggestion = didYouMean(id, stepIds);
    report("unknown-reference", "step", path, `${what} names \`${id}\`, which is not a step of this journey${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`, stepId);
  };

  for (const step of journey.steps) {
    for (const transition of step.next) {
      if (transition.path) unknownStep(transition.to, transition.path, "`next`", step.id);
    }
    if (step.answers !== undefined) {
      const answered = journey.stepById.get(step.answers);
      if (!answered) unknownStep(step.answers, [...step.path, "answers"], "`answers`", step.id);
      else if (answered.type !== "contact") {
        report("unknown-reference", "not-a-contact", [...step.path, "answers"], `\`answers\` names \`${step.answers}\`, which is not a contact (\`type: contact\`)`, step.id);
      }
    }
  }
  if (file.entry !== undefined) {
    const list = typeof file.entry === "string" ? [file.entry] : file.entry;
    list.forEach((id, i) => unknownStep(id, typeof file.entry === "string" ? ["entry"] : ["entry", i], "`entry`"));
  }
  journey.goal.steps.forEach((id, i) => unknownStep(id, ["goal", "steps", i], "`goal.steps`"));

  if (typeof file.persona === "string" && !journey.persona) {
    const known = Object.keys(config.personas);
    const suggestion = didYouMean(file.persona, known);
    const hint = suggestion ? `; did you mean \`${suggestion}\`?` : known.length === 0 ? "; declare it under `personas:` in journey.config.yaml, or write the persona inline" : "";
    report("unknown-reference", "persona", ["persona"], `persona \`${file.persona}\` is not in the config's persona catalog${hint}`);
  }

  // Team names are only checked against a catalog the project chose to keep.
  const teams = Object.keys(config.teams);
  if (teams.length > 0) {
    const unknownTeam = (id: string | undefined, path: YamlPath, allowBuiltin: boolean, stepId?: string) => {
      if (id === undefined || teams.includes(id) || (allowBuiltin && BUILTIN_ACTORS.includes(id))) return;
      const suggestion = didYouMean(id, allowBuiltin ? [...teams, ...BUILTIN_ACTORS] : teams);
      report("unknown-reference", "team", path, `team \`${id}\` is not in the config's team catalog${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`, stepId);
    };
    unknownTeam(file.owner, ["owner"], false);
    for (const step of journey.steps) {
      const written = file.stages[step.stageIndex].steps![step.path[3] as number];
      unknownTeam(written.actor, [...step.path, "actor"], true, step.id);
      unknownTeam(step.owner, [...step.path, "owner"], false, step.id);
      unknownTeam(step.from, [...step.path, "from"], false, step.id);
      unknownTeam(step.to, [...step.path, "to"], false, step.id);
    }
  }
  return findings;
}
