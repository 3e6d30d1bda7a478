import { internalFinding, type CheckedFile } from "../check.js";
import type { ProjectConfig, RuleSetting } from "../config/types.js";
import { compareFindings, type Finding } from "../finding.js";
import { FlowAnalysis } from "../model/analysis.js";
import { RULES } from "../rules/registry.js";
import { isProjectRule, type RuleContext } from "../rules/types.js";
import { applyDirectives, parseDirectives, unusedDirectiveFindings } from "./directives.js";
import { effectiveRules } from "./settings.js";
import { fillMessage } from "../util/message-template.js";

export interface LintOptions {
  cliRules?: Record<string, RuleSetting>;
  reportUnusedDisableDirectives?: boolean;
}

const KNOWN_RULES = new Set(RULES.map((r) => r.meta.id));

/**
 * Runs the enabled rules over a structurally checked file and adds their findings. A file with
 * structural errors has no flow graph: its rules are skipped (for this file only), unless its
 * only errors are schema errors in fields no rule reads (`lintModel`).
 */
export function lintFile(result: CheckedFile, config: ProjectConfig, options: LintOptions = {}): CheckedFile {
  const model = result.model ?? result.lintModel;
  const blocking = (f: Finding) => f.severity === "error" && !(result.lintModel && f.ruleId === "schema");
  if (!model || result.findings.some(blocking)) return result;
  const { journey, graph, locator } = model;

  const settings = effectiveRules(config, journey.rules, options.cliRules);
  const flow = new FlowAnalysis(journey, graph);
  const findings: Finding[] = [];
  result.rulesChecked = [];
  for (const rule of RULES) {
    if (isProjectRule(rule)) continue; // run over the whole project, by lint/lint-project.ts
    const setting = settings.get(rule.meta.id)!;
    if (setting.severity === "off") continue;
    result.rulesChecked.push(rule.meta.id);
    const severity = setting.severity;
    const context: RuleContext = {
      journey,
      graph,
      flow,
      options: setting.options,
      report({ messageId, data, at, target, step, fix, suggest, related }) {
        const template = rule.meta.messages[messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} reported an unknown messageId \`${messageId}\``);
        const message = fillMessage(template, data, `rule ${rule.meta.id}, message ${messageId}`);
        // As ESLint: a rule that fixes or suggests says so in its meta, so docs and editors can tell.
        if (fix && rule.meta.fixable !== "code") throw new Error(`rule ${rule.meta.id} reported a fix without meta.fixable`);
        const suggestions = suggest?.map(({ messageId: id, data: suggestionData, fix: edit }) => {
          const description = rule.meta.suggestions?.[id];
          if (description === undefined) throw new Error(`rule ${rule.meta.id} suggested an unknown suggestion \`${id}\``);
          return { desc: fillMessage(description, suggestionData, `rule ${rule.meta.id}, suggestion ${id}`), fix: edit };
        });
        findings.push({
          ruleId: rule.meta.id,
          messageId,
          severity,
          message,
          ...(data ? { data } : {}),
          ...locator.span(at, target),
          journeyId: journey.id,
          ...(step ? { stepId: step.id } : {}),
          ...(fix ? { fix } : {}),
          ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
          ...(related && related.length > 0 ? { related: related.map((place) => ({ ...locator.span(place.at), message: place.message })) } : {}),
        });
      },
      replace(at, text, target) {
        const range = locator.range(at, target);
        return range && { range, text };
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      // A rule that fails stops only itself, and the file says so rather than passing silently.
      findings.push({ ...internalFinding(error), journeyId: journey.id });
    }
  }

  const directives = result.source ? parseDirectives(result.source) : [];
  const stepLine = (id: string) => {
    const step = journey.stepById.get(id);
    return step ? locator.span(step.path).line : undefined;
  };
  result.suppressed = [];
  const kept = applyDirectives(findings, directives, journey, stepLine, result.suppressed);
  if (options.reportUnusedDisableDirectives) kept.push(...unusedDirectiveFindings(directives, KNOWN_RULES, result.source ?? ""));
  result.findings.push(...kept);
  result.findings.sort(compareFindings);
  return result;
}
