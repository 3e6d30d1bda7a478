import type { ProjectConfig } from "../config/types.js";
import { readName, readNames } from "../config/catalog-name.js";
import { parseJourneyLink } from "./journey-link.js";
import type { YamlPath } from "../load/locator.js";
import type { Channel, Journey, JourneyFile, Stage, Step, StepFile, StepLink, Transition } from "./types.js";

/**
 * Builds the typed journey from schema-valid file data, applying the format's defaults: actor,
 * lane, flow to the next step in file order, and entries. Reference checks and the flow graph
 * work on this model; nothing here reports problems.
 */
export function buildJourney(file: JourneyFile, config: ProjectConfig): Journey {
  const steps: Step[] = [];
  const stages: Stage[] = file.stages.map((stageFile, stageIndex) => {
    const stage: Stage = {
      id: stageFile.id,
      name: stageFile.name,
      description: stageFile.description,
      index: stageIndex,
      steps: [],
      path: ["stages", stageIndex],
    };
    (stageFile.steps ?? []).forEach((stepFile, stepIndex) => {
      const step = buildStep(stepFile, steps.length, stage, stepIndex);
      stage.steps.push(step);
      steps.push(step);
    });
    return stage;
  });

  // Implicit flow: a step without `next:` continues to the following step in file order, across
  // stage borders; an end step stops the path.
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!step.explicitNext && step.type !== "end" && i + 1 < steps.length) step.next = [{ to: steps[i + 1].id }];
  }

  const stepById = new Map<string, Step>();
  for (const step of steps) if (!stepById.has(step.id)) stepById.set(step.id, step);

  const channels = new Map<string, Channel>();
  for (const [id, spec] of Object.entries(config.channels)) channels.set(id, { ...spec, id, declaredInJourney: false });
  for (const [id, spec] of Object.entries(readNames(file.channels))) channels.set(id, { ...spec, id, declaredInJourney: true });

  const entries = file.entry === undefined ? (steps.length > 0 ? [steps[0].id] : []) : typeof file.entry === "string" ? [file.entry] : file.entry;

  let persona: Journey["persona"];
  if (typeof file.persona === "string") {
    const spec = Object.prototype.hasOwnProperty.call(config.personas, file.persona) ? config.personas[file.persona] : undefined;
    persona = spec ? { ...spec, id: file.persona } : undefined;
  } else if (file.persona) {
    persona = readName(file.persona);
  }

  return {
    id: file.id,
    title: file.title,
    description: file.description,
    owner: file.owner,
    tags: file.tags ?? [],
    lang: file.lang,
    persona,
    goal: { description: file.goal.description, steps: file.goal.steps },
    measured: file.measured,
    reviewed: file.reviewed,
    entries,
    channels,
    stages,
    steps,
    stepById,
    rules: file.rules,
  };
}

/**
 * One empty list shared by the steps that have none (pain points, events, links...): a
 * 40,000-step journey held 160,000 empty arrays. Frozen, so that adding to it throws instead of
 * adding to every step.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * What every step inherits: its `path`, worked out when asked from where it is rather than kept
 * (an array of four per step, 2.9 MB of a 40,000-step journey's model).
 */
const STEP_PROTOTYPE = {
  get path(): YamlPath {
    const step = this as unknown as Step;
    return stepPath(step.stageIndex, step.indexInStage);
  },
};

/** Where a step is in the file: ["stages", i, "steps", j]. */
const stepPath = (stageIndex: number, indexInStage: number): YamlPath => ["stages", stageIndex, "steps", indexInStage];

function buildStep(file: StepFile, index: number, stage: Stage, indexInStage: number): Step {
  const type = file.type ?? "action";
  const channels = file.channel === undefined ? NONE : typeof file.channel === "string" ? [file.channel] : file.channel;
  const actor = file.actor ?? (type === "response" ? "agent" : type === "handoff" ? (file.from ?? "agent") : "customer");
  const lane = file.lane ?? (actor === "customer" || channels.length > 0 ? "frontstage" : "backstage");
  const next: Transition[] = [];
  const links: StepLink[] = [];
  if (file.next !== undefined) {
    const list = typeof file.next === "string" ? [file.next] : file.next;
    const nextPath = [...stepPath(stage.index, indexInStage), "next"];
    list.forEach((item, i) => {
      const itemPath = typeof file.next === "string" ? nextPath : [...nextPath, i];
      const transition = typeof item === "string" ? { to: item, path: itemPath } : { to: item.to, when: item.when, path: [...itemPath, "to"] };
      // A link to another journey's step leaves this journey: it is no edge of this flow graph.
      const link = parseJourneyLink(transition.to);
      if (link) links.push({ ...link, when: transition.when, path: transition.path });
      else next.push(transition);
    });
  }
  const step = {
    __proto__: STEP_PROTOTYPE,
    id: file.id,
    name: file.name,
    description: file.description,
    index,
    stageIndex: stage.index,
    indexInStage,
    stageId: stage.id,
    actor,
    lane,
    type,
    channels,
    emotion: file.emotion,
    thoughts: file.thoughts,
    painPoints: file.pain_points ?? NONE,
    opportunities: file.opportunities ?? NONE,
    reached: file.metrics?.reached,
    endedHere: file.metrics?.ended_here,
    events: file.events ?? NONE,
    explicitNext: file.next !== undefined,
    next,
    links: links.length > 0 ? links : NONE,
    answers: file.answers,
    outcome: file.outcome,
    owner: file.owner,
    from: file.from,
    to: file.to,
    collectsFeedback: file.collects === "feedback",
  } satisfies Omit<Step, "path"> & { __proto__: typeof STEP_PROTOTYPE };
  return step as unknown as Step;
}
