import type { Severity } from "../finding.js";
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
}

export interface Report {
  messageId: string;
  /** Language-neutral: ids, user text, numbers, lists of ids (never English words or joined lists). */
  data?: MessageData;
  /** The node the finding is about. */
  at: YamlPath;
  target?: "key" | "value";
  step?: Step;
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
