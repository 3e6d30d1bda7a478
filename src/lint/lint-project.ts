import type { CheckedFile } from "../check.js";
import type { ProjectConfig, RuleSetting } from "../config/types.js";
import { compareFindings, FILE_START, type Finding, type Span } from "../finding.js";
import { parseYaml } from "../load/parse.js";
import { readSource } from "../load/source.js";
import type { JourneyFacts } from "../model/journey-facts.js";
import { RULES } from "../rules/registry.js";
import { isProjectRule, type ProjectLocation } from "../rules/types.js";
import type { FileReport } from "../results.js";
import { fillMessage } from "../util/message-template.js";
import { effectiveRules } from "./settings.js";

/** A checked file of a whole-project run, with the facts the project-level rules read (`checkOne` adds them). */
export type ProjectFile = CheckedFile & { facts?: JourneyFacts };

/**
 * Runs the project-level rules (`meta.scope: "project"`) over the journeys of a whole-project lint
 * (`journey lint` with no paths: the config's `include`, else its folder), with the config's rule
 * settings and `--rule` (a journey's own `rules` cannot turn off what is about the project).
 * Findings about a journey's link go to that journey's file; findings about the config's catalogs
 * to a report of the config file, returned (undefined when there is none).
 */
export function lintProject(results: readonly ProjectFile[], config: ProjectConfig, cliRules?: Record<string, RuleSetting>): FileReport | undefined {
  const settings = effectiveRules(config, undefined, cliRules);
  const journeys = results.flatMap((result) => (result.facts ? [result.facts] : []));
  const fileOf = new Map<string, ProjectFile>();
  for (const result of results) if (result.facts && !fileOf.has(result.facts.id)) fileOf.set(result.facts.id, result);
  const catalogs = { channels: Object.keys(config.channels), personas: Object.keys(config.personas), teams: Object.keys(config.teams) };
  const configFindings: Finding[] = [];
  type CatalogLocation = Extract<ProjectLocation, { catalog: string }>;
  let configText: { text: string; span: (at: CatalogLocation) => Span } | undefined;
  const configSpan = (at: CatalogLocation): Span => {
    if (configText === undefined && config.path !== undefined) {
      const source = readSource(config.path, { maxFileSize: config.limits.maxFileSize });
      const text = source.text ?? "";
      const { locator } = parseYaml(text, config.limits);
      configText = { text, span: (where) => locator.span([where.catalog, where.id], "key") };
    }
    return configText ? configText.span(at) : FILE_START;
  };
  const touched = new Set<ProjectFile>();

  for (const rule of RULES) {
    if (!isProjectRule(rule)) continue;
    const setting = settings.get(rule.meta.id)!;
    if (setting.severity === "off") continue;
    const severity = setting.severity;
    rule.check({
      journeys,
      catalogs,
      options: setting.options,
      report({ messageId, data, at }) {
        const template = rule.meta.messages[messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} reported an unknown messageId \`${messageId}\``);
        const finding: Finding = {
          ruleId: rule.meta.id,
          messageId,
          severity,
          message: fillMessage(template, data, `rule ${rule.meta.id}, message ${messageId}`),
          ...(data ? { data } : {}),
          ...FILE_START,
        };
        if ("catalog" in at) {
          configFindings.push({ ...finding, ...configSpan(at) });
          return;
        }
        const file = fileOf.get(at.journey);
        const link = file?.facts?.links[at.link];
        if (!file || !link) throw new Error(`rule ${rule.meta.id} reported a link that is not there`);
        file.findings.push({ ...finding, ...link.span, journeyId: at.journey, stepId: link.from });
        touched.add(file);
      },
    });
  }
  for (const file of touched) file.findings.sort(compareFindings);
  if (configFindings.length === 0 || config.path === undefined) return undefined;
  configFindings.sort(compareFindings);
  return { filePath: config.path, findings: configFindings, ...(configText ? { source: configText.text } : {}) };
}
