import { formatRuleList, listRules, type RuleListFormat } from "../../lint/rules-list.js";
import { colorFor } from "../../report/color.js";
import { emit } from "../run-check.js";
import { EXIT } from "../errors.js";
import { RULE_DOCS_BASE } from "../version.js";

export interface RulesCommandOptions {
  format: RuleListFormat;
  outputFile?: string;
  color?: boolean;
}

/** `journey rules`: every lint rule with its default severity, options and description. */
export async function runRules(options: RulesCommandOptions): Promise<number> {
  const text = formatRuleList(listRules(RULE_DOCS_BASE), options.format, await colorFor(options.outputFile ? {} : process.stdout, options));
  emit(text, options.outputFile, process.cwd());
  return EXIT.ok;
}
