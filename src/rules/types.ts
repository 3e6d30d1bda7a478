import type { Severity, TextEdit } from "../finding.js";
import type { YamlPath } from "../load/locator.js";
import type { FlowAnalysis } from "../model/analysis.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { JourneyFacts } from "../model/journey-facts.js";
import type { Journey, Step } from "../model/types.js";
import type { MessageData } from "../util/message-template.js";

/** A rule option, described as the JSON Schema fragment that validates it. */
export interface OptionSpec {
  type: "integer" | "number";
  minimum?: number;
  maximum?: number;
  default: number;
  description: string;
}

export interface RuleMeta {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** Severity in the recommended preset. */
  severity: Severity;
  options?: Record<string, OptionSpec>;
  /** Named messages; `{{name}}` is replaced by the report's data (util/message-template.ts). */
  messages: Record<string, string>;
  /** The rule attaches safe fixes (`fix` in `report`) that `journey lint --fix` applies, as ESLint's `meta.fixable`. */
  fixable?: "code";
  /** Named descriptions of the suggestions the rule offers (`suggest` in `report`), as ESLint's `hasSuggestions`. */
  suggestions?: Record<string, string>;
  /**
   * `project`: the rule needs every journey of the project (a `ProjectRule`), so it runs only
   * when lint checks the whole project (`journey lint` with no paths) and says nothing otherwise.
   * Default `journey`: one journey at a time.
   */
  scope?: "journey" | "project";
}

/** A suggestion as a rule reports it: which description (of `meta.suggestions`), its data, the edit. */
export interface SuggestionReport {
  messageId: string;
  data?: MessageData;
  fix: TextEdit;
}

export interface Report {
  messageId: string;
  /** Language-neutral: ids, user text, numbers, lists of ids (never English words or joined lists). */
  data?: MessageData;
  /** The node the finding is about. */
  at: YamlPath;
  target?: "key" | "value";
  step?: Step;
  /** A safe change that removes the finding without changing meaning; only with `meta.fixable`. */
  fix?: TextEdit;
  /** Changes that need the user's choice; only with `meta.suggestions`. */
  suggest?: SuggestionReport[];
  /** Other places in the file the finding points to, each with an English note (`Finding.related`). */
  related?: { at: YamlPath; message: string }[];
}

export interface RuleContext {
  journey: Journey;
  graph: FlowGraph;
  /** Reachability, components and other flow facts, computed once and shared by all rules. */
  flow: FlowAnalysis;
  /** The rule's options, with defaults filled in. */
  options: Record<string, number>;
  /** A function, not a method: rules take it out of the context (`check({ report })`). */
  report: (report: Report) => void;
  /** An edit replacing the node at `at` (its value, or its key) with `text`; undefined where the text cannot be edited safely (an alias). */
  replace: (at: YamlPath, text: string, target?: "key" | "value") => TextEdit | undefined;
}

/** A lint rule over one journey: metadata plus a check. One rule per file, named by its id. */
export interface Rule {
  meta: RuleMeta & { scope?: "journey" };
  check(context: RuleContext): void;
}

/** Where a project-level finding is reported: a catalog entry's key in the config, or a journey's link (its index in `JourneyFacts.links`). */
export type ProjectLocation = { catalog: "channels" | "personas" | "teams"; id: string } | { journey: string; link: number };

export interface ProjectReport {
  messageId: string;
  /** Language-neutral, as `Report.data`. */
  data?: MessageData;
  at: ProjectLocation;
}

export interface ProjectRuleContext {
  /** Every structurally valid journey of the project, in the order lint checked them. */
  journeys: readonly JourneyFacts[];
  /** The ids of the config's catalogs. */
  catalogs: { channels: readonly string[]; personas: readonly string[]; teams: readonly string[] };
  options: Record<string, number>;
  report: (report: ProjectReport) => void;
}

/** A lint rule over the whole project (`meta.scope: "project"`): what no single journey can tell. */
export interface ProjectRule {
  meta: RuleMeta & { scope: "project" };
  check(context: ProjectRuleContext): void;
}

/** Any lint rule, over one journey or the project: what the registry lists. */
export type AnyRule = Rule | ProjectRule;

export function isProjectRule(rule: AnyRule): rule is ProjectRule {
  return rule.meta.scope === "project";
}

/** Path of a step's own key, e.g. its `id` (where most step findings are reported). */
export function stepPath(step: Step, key: string = "id"): YamlPath {
  return [...step.path, key];
}
