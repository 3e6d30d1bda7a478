import type { Preset } from "../config/types.js";
import type { Severity } from "../finding.js";
import { RULES } from "../rules/registry.js";
import type { OptionSpec } from "../rules/types.js";
import { presetSeverity } from "./settings.js";

/** One rule as `journey rules` lists it: what ESLint's rule table and `--print-config` tell together. */
export interface RuleListing {
  id: string;
  description: string;
  /** Severity in each preset a config can `extends` (`none` turns every rule off). */
  severity: { recommended: Severity | "off"; strict: Severity | "off" };
  /** Options with their defaults and bounds, as the config schema validates them. */
  options: Record<string, OptionSpec>;
  /** The rule's page. */
  docs: string;
  /** `project`: the rule runs only when lint sees the whole project (`journey lint` with no paths). */
  scope: "journey" | "project";
}

const PRESETS = ["recommended", "strict"] as const satisfies readonly Preset[];

/** Every lint rule in id order (the registry's), with its metadata and the link to its page. */
export function listRules(docsBase: string): RuleListing[] {
  return RULES.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: Object.fromEntries(PRESETS.map((preset) => [preset, presetSeverity(meta, preset)])) as RuleListing["severity"],
    options: { ...meta.options },
    docs: `${docsBase}${meta.id}.md`,
    scope: meta.scope ?? "journey",
  }));
}

export const RULE_LIST_FORMATS = ["stylish", "json", "markdown"] as const;
export type RuleListFormat = (typeof RULE_LIST_FORMATS)[number];

interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
}

/** The listing as text: a table for the terminal, the JSON contract, or a Markdown table for docs. */
export function formatRuleList(rules: readonly RuleListing[], format: RuleListFormat, paint: Paint): string {
  if (format === "json") return `${JSON.stringify(rules, null, 2)}\n`;
  const optionText = (rule: RuleListing) =>
    Object.entries(rule.options)
      .map(([name, spec]) => `${name}=${spec.default}`)
      .join(", ");
  if (format === "markdown") {
    const lines = ["| Rule | Recommended | Strict | Options | Description |", "| --- | --- | --- | --- | --- |"];
    for (const rule of rules)
      lines.push(
        `| [\`${rule.id}\`](${rule.docs}) | ${rule.severity.recommended} | ${rule.severity.strict} | ${optionText(rule) ? `\`${optionText(rule)}\`` : ""} | ${rule.description.replaceAll("|", "\\|")} |`,
      );
    return `${lines.join("\n")}\n`;
  }
  const severityText = (severity: Severity | "off") =>
    severity === "error"
      ? paint.red(severity)
      : severity === "warning"
        ? paint.yellow(severity)
        : severity === "info"
          ? paint.blue(severity)
          : paint.dim(severity);
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = [paint.dim(`${"rule".padEnd(width)}  ${"default".padEnd(7)}  description`)];
  for (const rule of rules) {
    const severity = rule.severity.recommended;
    const options = [optionText(rule), rule.scope === "project" ? "project: journey lint with no paths" : ""].filter(Boolean).join("; ");
    lines.push(
      `${paint.bold(rule.id.padEnd(width))}  ${severityText(severity)}${" ".repeat(9 - severity.length)}${rule.description}${options ? paint.dim(` (${options})`) : ""}`,
    );
  }
  lines.push(
    "",
    paint.dim(
      `${rules.length} rules. "default" is the severity in the recommended preset; \`extends: strict\` makes every rule an error. Docs: docs/rules/<id>.md. JSON: journey rules --format json`,
    ),
  );
  return `${lines.join("\n")}\n`;
}
