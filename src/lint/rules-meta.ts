import type { RuleInfo, RulesMeta } from "../results.js";
import { RULES } from "../rules/registry.js";

/** Checks that are not lint rules; SARIF wants a readable name that differs from the id. */
const CHECKS: readonly Omit<RuleInfo, "docsUrl" | "severity">[] = [
  { id: "syntax", name: "YamlSyntaxError", description: "The file is not readable YAML (syntax, tabs, duplicate keys, several documents, encoding, size)." },
  { id: "schema", name: "SchemaViolation", description: "The journey does not match the journey JSON Schema." },
  { id: "duplicate-id", name: "DuplicateId", description: "An id is used twice where it must be unique." },
  { id: "unknown-reference", name: "UnknownReference", description: "A reference names a step, persona or team that does not exist." },
  {
    id: "duplicate-event-mapping",
    name: "DuplicateEventMapping",
    description: "An event-log activity is mapped to two steps (a step id or an `events:` entry).",
  },
  { id: "unused-disable-directive", name: "UnusedDisableDirective", description: "A journey-disable comment that silences nothing." },
  { id: "internal", name: "InternalError", description: "journey failed while checking the file." },
];

/**
 * The metadata of every rule and check by id, with links below `docsBase` (the folder of
 * docs/rules/ on the project's site): what a run hands its formatters and the renderer.
 */
export function rulesMeta(docsBase: string): RulesMeta {
  // The checks share a page, one section each (GitHub's anchor of "## `syntax`" is #syntax); an
  // internal error is ours, and the page says what the checks are.
  const checkUrl = (id: string) => `${docsBase}structural.md${id === "internal" ? "" : `#${id}`}`;
  const meta = new Map<string, RuleInfo>();
  for (const check of CHECKS) meta.set(check.id, { ...check, severity: "error", docsUrl: checkUrl(check.id) });
  for (const { meta: rule } of RULES)
    meta.set(rule.id, { id: rule.id, name: pascalCase(rule.id), description: rule.description, severity: rule.severity, docsUrl: `${docsBase}${rule.id}.md` });
  return meta;
}

function pascalCase(id: string): string {
  const upper = (_: string, __: string, letter: string) => letter.toUpperCase();
  // Rule ids are ASCII, where a letter is [A-Za-z]: every lint names its rules, and V8 takes
  // milliseconds to compile \p{L} (bench/profiles.md), so the Unicode class waits for an id that needs it.
  if (/^[\x20-\x7e]*$/.test(id)) return id.replace(/(^|-)([A-Za-z])/g, upper);
  return id.replace(/(^|-)(\p{L})/gu, upper);
}
