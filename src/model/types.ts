import type { JourneyLink } from "./journey-link.js";
import type { RuleSetting } from "../config/types.js";
import type { YamlPath } from "../load/locator.js";

/** Types of the journey format (docs/format.md), as written in files and after defaults. */

export type StepType = "action" | "contact" | "response" | "handoff" | "decision" | "end";
export type Lane = "frontstage" | "backstage";
export type Outcome = "success" | "abandoned" | "other";
export type ChannelMode = "sync" | "async";

/** Actors every journey may name without a teams catalog; a step's actor defaults to one of them. */
export const BUILTIN_ACTORS: readonly string[] = ["customer", "agent", "system"];

/** A catalog entry's name as written: one name, or one per report language (`{ en: Live chat, da: Chat }`). */
export type CatalogName = string | Readonly<Record<string, string>>;

/**
 * A catalog entry's names once read (`config/catalog-name.ts`): `name` is the English name or the
 * first given, what lint messages and terminal output show; `names` holds the names by language
 * when the file gave them, for reports (`i18n/names.ts` picks one).
 */
export interface Named {
  name: string;
  names?: Readonly<Record<string, string>>;
}

/** A catalog entry as written in a file, before its name is read. */
export type Written<T extends Named> = Omit<T, "name" | "names"> & { name: CatalogName };

export interface ChannelSpec extends Named {
  mode: ChannelMode;
  self_service?: boolean;
  kind?: string;
  description?: string;
}

export interface PersonaSpec extends Named {
  description?: string;
  goals?: string[];
  needs?: string[];
  frustrations?: string[];
}

/** What `journey analyze --write` measured (the journey-level `measured:` block; docs/analyze.md). */
export interface MeasuredSpec {
  /** Earliest and latest event timestamp read, `YYYY-MM-DDTHH:MM:SS[.sss]Z`. */
  from: string;
  to: string;
  cases: number;
  /** Shares 0..1, kept to 4 decimals. */
  conversion: number;
  fitness: number;
}

export interface TeamSpec extends Named {
  description?: string;
}

/** An entry of the config's `stages:` catalog. */
export interface StageSpec extends Named {
  description?: string;
}

/** A journey file's data as written (after schema validation). */
export interface JourneyFile {
  journey: 1;
  id: string;
  title: string;
  description?: string;
  owner?: string;
  tags?: string[];
  lang?: string;
  persona?: string | Written<PersonaSpec>;
  goal: { description?: string; steps: string[] };
  measured?: MeasuredSpec;
  /** The day the map was last checked with customers, `YYYY-MM-DD`. */
  reviewed?: string;
  entry?: string | string[];
  channels?: Record<string, Written<ChannelSpec>>;
  rules?: Record<string, RuleSetting>;
  stages: StageFile[];
}

export interface StageFile {
  id: string;
  name?: string;
  description?: string;
  steps?: StepFile[];
}

export type TransitionFile = string | { to: string; when?: string };

export interface StepFile {
  id: string;
  name: string;
  description?: string;
  actor?: string;
  lane?: Lane;
  type?: StepType;
  channel?: string | string[];
  emotion?: number;
  thoughts?: string;
  pain_points?: string[];
  opportunities?: string[];
  metrics?: { reached?: number; ended_here?: number };
  /** Activity names in event logs that mean this step, besides its id (`journey analyze`). */
  events?: string[];
  next?: string | TransitionFile[];
  answers?: string;
  outcome?: Outcome;
  owner?: string;
  from?: string;
  to?: string;
  collects?: "feedback";
}

/** A following step. `path` is where it is written; implicit (file-order) transitions have none. */
export interface Transition {
  to: string;
  when?: string;
  path?: YamlPath;
}

/** A `next` entry or branch naming a step of another journey (`<journey-id>#<step-id>`): it leaves this journey's flow. */
export interface StepLink extends JourneyLink {
  when?: string;
  path: YamlPath;
}

/** A step with every default applied. */
export interface Step {
  id: string;
  name: string;
  description?: string;
  /** Position in file order across all stages, and the index of the step in the flow graph. */
  index: number;
  stageIndex: number;
  /** Position among the steps of its stage. */
  indexInStage: number;
  stageId: string;
  actor: string;
  lane: Lane;
  type: StepType;
  /** Channel ids; several are alternatives. Empty when the step names none. */
  channels: string[];
  emotion?: number;
  thoughts?: string;
  painPoints: string[];
  opportunities: string[];
  reached?: number;
  /** `metrics.ended_here`: customers whose path ended at this step (`journey analyze --write`). */
  endedHere?: number;
  /** Activity names of event logs that mean this step, besides its id (`events:`). */
  events: string[];
  /** True when the step says `next:` itself (even `next: []`). */
  explicitNext: boolean;
  /** The transitions within this journey (links to other journeys are in `links`). */
  next: Transition[];
  /** The step's links to steps of other journeys, in the order written. */
  links: StepLink[];
  answers?: string;
  outcome?: Outcome;
  owner?: string;
  from?: string;
  to?: string;
  collectsFeedback: boolean;
  /** Where the step is in the file: ["stages", i, "steps", j] (a new array each time it is read). */
  readonly path: YamlPath;
}

export interface Stage {
  id: string;
  name?: string;
  description?: string;
  index: number;
  steps: Step[];
  path: YamlPath;
}

export interface Channel extends ChannelSpec {
  id: string;
  /** Declared in the journey file itself (true) or only in the config catalog (false). */
  declaredInJourney: boolean;
}

export interface Journey {
  id: string;
  title: string;
  description?: string;
  owner?: string;
  tags: string[];
  /** Language of the rendered report, when the journey names one (`lang:`). */
  lang?: string;
  /** The persona, resolved from the catalog when the file names one by id. */
  persona?: PersonaSpec & { id?: string };
  goal: { description?: string; steps: string[] };
  /** Set when the step figures (`metrics.reached`) were measured from an event log. */
  measured?: MeasuredSpec;
  /** `reviewed:`, the day the map was last checked with customers (`YYYY-MM-DD`). */
  reviewed?: string;
  /** Entry step ids: `entry:` or the first step. */
  entries: string[];
  channels: Map<string, Channel>;
  stages: Stage[];
  /** Every step in file order; `steps[i].index === i`. */
  steps: Step[];
  stepById: Map<string, Step>;
  rules?: Record<string, RuleSetting>;
}
