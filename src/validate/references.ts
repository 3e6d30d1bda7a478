import type { ProjectConfig } from "../config/types.js";
import type { Finding } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import { parseJourneyLink } from "../model/journey-link.js";
import { BUILTIN_ACTORS } from "../model/types.js";
import { didYouMean, listIds } from "../util/did-you-mean.js";

type Node = Record<string, unknown>;

/** A step as written, found wherever the document has a mapping with a string `id`. */
interface WrittenStep {
  id: string;
  node: Node;
  path: YamlPath;
}

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Structural checks the schema cannot express, on the document as written (before the model is
 * built): ids unique within a journey (`duplicate-id`, reported at every occurrence after the
 * first) and references that resolve (`unknown-reference`: next, answers, entry, goal, persona,
 * and teams when a catalog exists). It reads whatever parts of the document are well-formed, so a
 * file with schema errors still gets its reference problems reported in the same run; the parts
 * the schema rejects are the schema's to report.
 */
export function referenceFindings(data: unknown, config: ProjectConfig, locator: Locator): Finding[] {
  if (!isNode(data)) return [];
  const journeyId = text(data.id);
  const findings: Finding[] = [];
  const report = (
    ruleId: "duplicate-id" | "unknown-reference",
    messageId: string,
    path: YamlPath,
    message: string,
    stepId?: string,
    related?: { path: YamlPath; message: string },
  ) =>
    findings.push({
      ruleId,
      messageId,
      severity: "error",
      message,
      ...locator.span(path),
      ...(journeyId !== undefined ? { journeyId } : {}),
      ...(stepId !== undefined ? { stepId } : {}),
      ...(related ? { related: [{ ...locator.span(related.path), message: related.message }] } : {}),
    });

  const firstStage = new Map<string, number>();
  const steps: WrittenStep[] = [];
  list(data.stages).forEach((stage, stageIndex) => {
    if (!isNode(stage)) return;
    const stageId = text(stage.id);
    if (stageId !== undefined) {
      const earlier = firstStage.get(stageId);
      if (earlier !== undefined)
        report(
          "duplicate-id",
          "stage",
          ["stages", stageIndex, "id"],
          `stage id \`${stageId}\` is already used by stage ${earlier + 1}; stage ids must be unique`,
          undefined,
          { path: ["stages", earlier, "id"], message: `stage id \`${stageId}\` first declared here` },
        );
      else firstStage.set(stageId, stageIndex);
    }
    list(stage.steps).forEach((step, stepIndex) => {
      const id = isNode(step) ? text(step.id) : undefined;
      if (id !== undefined) steps.push({ id, node: step as Node, path: ["stages", stageIndex, "steps", stepIndex] });
    });
  });

  const stepById = new Map<string, WrittenStep>();
  for (const step of steps) {
    const first = stepById.get(step.id);
    if (first === undefined) {
      stepById.set(step.id, step);
      continue;
    }
    const where = locator.span([...first.path, "id"]);
    report(
      "duplicate-id",
      "step",
      [...step.path, "id"],
      `step id \`${step.id}\` is already used at line ${where.line}; step ids must be unique in a journey`,
      step.id,
      { path: [...first.path, "id"], message: `step id \`${step.id}\` first declared here` },
    );
  }

  const stepIds = [...stepById.keys()];
  const contacts = steps.filter((s) => s.node.type === "contact" && stepById.get(s.id) === s).map((s) => s.id);
  // What `answers` may name, for its messages: a newcomer learns the rule from the list.
  const contactList = contacts.length > 0 ? `; the contacts here are ${listIds(contacts)}` : "; this journey has no contacts (steps with `type: contact`)";
  const unknownStep = (id: unknown, path: YamlPath, what: string, stepId?: string) => {
    if (typeof id !== "string" || stepById.has(id)) return;
    const suggestion = what === "`answers`" ? (didYouMean(id, contacts) ?? didYouMean(id, stepIds)) : didYouMean(id, stepIds);
    report(
      "unknown-reference",
      "step",
      path,
      `${what} names \`${id}\`, which is not a step of this journey${suggestion ? `; did you mean \`${suggestion}\`?` : what === "`answers`" ? contactList : ""}`,
      stepId,
    );
  };

  // A link to another journey's step (`refund#requests-refund`) is resolved against the project (`journey-links.ts`).
  const unknownNext = (target: unknown, path: YamlPath, stepId: string) => {
    if (typeof target !== "string" || !parseJourneyLink(target)) unknownStep(target, path, "`next`", stepId);
  };
  for (const { id, node, path } of steps) {
    if (typeof node.next === "string") unknownNext(node.next, [...path, "next"], id);
    list(node.next).forEach((item, i) => {
      if (isNode(item)) unknownNext(item.to, [...path, "next", i, "to"], id);
      else unknownNext(item, [...path, "next", i], id);
    });
    const answers = text(node.answers);
    if (answers === undefined) continue;
    const answered = stepById.get(answers);
    if (!answered) unknownStep(answers, [...path, "answers"], "`answers`", id);
    else if (answered.node.type !== "contact") {
      report(
        "unknown-reference",
        "not-a-contact",
        [...path, "answers"],
        `\`answers\` names \`${answers}\`, which is not a contact (\`type: contact\`)${contactList}`,
        id,
        { path: [...answered.path, "id"], message: `step \`${answers}\` is declared here, without \`type: contact\`` },
      );
    }
  }
  if (typeof data.entry === "string") unknownStep(data.entry, ["entry"], "`entry`");
  list(data.entry).forEach((id, i) => unknownStep(id, ["entry", i], "`entry`"));
  if (isNode(data.goal)) list(data.goal.steps).forEach((id, i) => unknownStep(id, ["goal", "steps", i], "`goal.steps`"));

  const persona = text(data.persona);
  if (persona !== undefined && !Object.prototype.hasOwnProperty.call(config.personas, persona)) {
    const known = Object.keys(config.personas);
    const suggestion = didYouMean(persona, known);
    const where =
      known.length === 0
        ? ": the config has no personas; declare it under `personas:` in journey.config.yaml, or write the persona inline (`persona: { name: ..., goals: [...] }`)"
        : `, which has ${listIds(known)}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`;
    report("unknown-reference", "persona", ["persona"], `persona \`${persona}\` is not in the config's persona catalog${where}`);
  }

  // Team names are only checked against a catalog the project chose to keep.
  const teams = Object.keys(config.teams);
  const teamSet = new Set(teams);
  if (teams.length > 0) {
    const unknownTeam = (id: unknown, path: YamlPath, allowBuiltin: boolean, stepId?: string) => {
      if (typeof id !== "string" || teamSet.has(id) || (allowBuiltin && BUILTIN_ACTORS.includes(id))) return;
      const suggestion = didYouMean(id, allowBuiltin ? [...teams, ...BUILTIN_ACTORS] : teams);
      report(
        "unknown-reference",
        "team",
        path,
        `team \`${id}\` is not in the config's team catalog, which has ${listIds(teams)}${allowBuiltin ? ` (an \`actor\` may also be ${listIds(BUILTIN_ACTORS)})` : ""}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
        stepId,
      );
    };
    unknownTeam(data.owner, ["owner"], false);
    for (const { id, node, path } of steps) {
      unknownTeam(node.actor, [...path, "actor"], true, id);
      for (const key of ["owner", "from", "to"]) unknownTeam(node[key], [...path, key], false, id);
    }
  }
  return findings;
}
