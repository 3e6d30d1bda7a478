import type { Severity, TextEdit } from "../finding.js";
import type { YamlPath } from "../load/locator.js";
import type { FlowAnalysis } from "../model/analysis.js";
import type { FlowGraph } from "../model/flow-graph.js";
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

/** A lint rule: metadata plus a check over one journey. One rule per file, named by its id. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Path of a step's own key, e.g. its `id` (where most step findings are reported). */
export function stepPath(step: Step, key: string = "id"): YamlPath {
  return [...step.path, key];
}
