import { STRUCTURAL_RULES, type Severity } from "../finding.js";
import { RULES_BY_ID } from "../rules/registry.js";
import { ruleDocsUrl } from "../cli/version.js";

/** SARIF wants a readable name that differs from the id. */
const STRUCTURAL_NAMES: Record<string, string> = {
  syntax: "YamlSyntaxError",
  schema: "SchemaViolation",
  "duplicate-id": "DuplicateId",
  "unknown-reference": "UnknownReference",
  "duplicate-event-mapping": "DuplicateEventMapping",
  "unused-disable-directive": "UnusedDisableDirective",
  internal: "InternalError",
};

const STRUCTURAL_DESCRIPTIONS: Record<string, string> = {
  syntax: "The file is not readable YAML (syntax, tabs, duplicate keys, several documents, encoding, size).",
  schema: "The journey does not match the journey JSON Schema.",
  "duplicate-id": "An id is used twice where it must be unique.",
  "unknown-reference": "A reference names a step, persona or team that does not exist.",
  "duplicate-event-mapping": "An event-log activity is mapped to two steps (a step id or an `events:` entry).",
  "unused-disable-directive": "A journey-disable comment that silences nothing.",
  internal: "journey failed while checking the file.",
};

export interface RuleInfo {
  id: string;
  /** Readable name: `ChannelMissing` for `channel-missing`. */
  name: string;
  description: string;
  severity: Severity;
  docsUrl: string;
}

/** What formatters say about any rule id, lint rule or structural check alike. */
export function ruleInfo(ruleId: string): RuleInfo {
  const rule = RULES_BY_ID.get(ruleId);
  if (rule) return { id: ruleId, name: pascalCase(ruleId), description: rule.meta.description, severity: rule.meta.severity, docsUrl: ruleDocsUrl(ruleId) };
  return { id: ruleId, name: STRUCTURAL_NAMES[ruleId] ?? pascalCase(ruleId), description: STRUCTURAL_DESCRIPTIONS[ruleId] ?? ruleId, severity: "error", docsUrl: ruleDocsUrl(ruleId) };
}

export const STRUCTURAL_CHECKS: readonly string[] = STRUCTURAL_RULES;

function pascalCase(id: string): string {
  return id.replace(/(^|-)(\p{L})/gu, (_, __, letter: string) => letter.toUpperCase());
}
