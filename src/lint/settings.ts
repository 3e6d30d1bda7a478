import type { Preset, ProjectConfig, RuleSetting, SeverityName } from "../config/types.js";
import type { Severity } from "../finding.js";
import { RULES } from "../rules/registry.js";
import type { AnyRule as Rule } from "../rules/types.js";

export interface EffectiveRule {
  severity: Severity | "off";
  options: Record<string, number>;
}

export type RuleSettings = Map<string, EffectiveRule>;

/** A rule's severity in a preset: its own in `recommended`, error in `strict`, off in `none`. */
export function presetSeverity(meta: Rule["meta"], preset: Preset): Severity | "off" {
  if (preset === "none") return "off";
  if (preset === "strict") return "error";
  return meta.severity;
}

function defaults(rule: Rule): Record<string, number> {
  return Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([name, spec]) => [name, spec.default]));
}

function apply(settings: RuleSettings, overrides: Record<string, RuleSetting> | undefined): void {
  for (const [id, setting] of Object.entries(overrides ?? {})) {
    const current = settings.get(id);
    if (!current) continue; // unknown ids are schema errors, reported where they are written
    const [severity, options] = (typeof setting === "string" ? [setting] : setting) as [SeverityName, Record<string, number>?];
    settings.set(id, { severity, options: options ? { ...current.options, ...options } : current.options });
  }
}

/**
 * The rules in force for one file: the preset, then the config's `rules`, then the journey's own
 * `rules`, then `--rule` from the command line. Options given later replace earlier ones key by key.
 */
export function effectiveRules(config: ProjectConfig, journeyRules?: Record<string, RuleSetting>, cliRules?: Record<string, RuleSetting>): RuleSettings {
  const settings: RuleSettings = new Map(RULES.map((rule) => [rule.meta.id, { severity: presetSeverity(rule.meta, config.extends), options: defaults(rule) }]));
  apply(settings, config.rules);
  apply(settings, journeyRules);
  apply(settings, cliRules);
  return settings;
}
