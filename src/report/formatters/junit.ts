import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { xmlEscape } from "../../escape/xml.js";
import { lineStartPath, visibleText } from "../../escape/terminal.js";
import { STRUCTURAL_RULES, type Finding } from "../../finding.js";
import type { FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

/**
 * JUnit XML, valid against the schema Jenkins' xUnit plugin uses: one testsuite per file, one
 * testcase per check that ran (the structural checks and each enabled rule), and a failure
 * listing the findings of each check that found something. An internal error is an `error`.
 */
export function formatJunit(results: readonly FileReport[], context: FormatContext): string {
  const suites = results.map((result) => {
    // Shown in attributes too, which a CI log prints as they are: one line, no escape sequences.
    const path = visibleText(toPosix(relative(context.cwd, result.filePath)));
    const byRule = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const list = byRule.get(finding.ruleId);
      if (list) list.push(finding);
      else byRule.set(finding.ruleId, [finding]);
    }
    const checks = [...new Set([...STRUCTURAL_RULES, ...(result.rulesChecked ?? []), ...byRule.keys()])];
    let failures = 0;
    let errors = 0;
    const cases = checks.map((ruleId) => {
      const findings = byRule.get(ruleId) ?? [];
      const open = `    <testcase name="${xmlEscape(ruleId)}" classname="${xmlEscape(path)}" time="0">`;
      if (findings.length === 0) return `${open}</testcase>`;
      const element = ruleId === "internal" ? "error" : "failure";
      if (element === "error") errors++;
      else failures++;
      const worst = findings.some((f) => f.severity === "error") ? "error" : findings.some((f) => f.severity === "warning") ? "warning" : "info";
      const summary = findings.length === 1 ? visibleText(findings[0].message) : `${findings.length} findings`;
      // One line per finding, none starting with `::` (the report is often printed in CI logs).
      const body = findings.map((f) => `${lineStartPath(path)}:${f.line}:${f.column} ${f.severity} ${visibleText(f.message)}`).join("\n");
      return `${open}\n      <${element} type="${worst}" message="${xmlEscape(summary)}">${xmlEscape(body)}</${element}>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xmlEscape(path)}" file="${xmlEscape(path)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="journey">', ...suites, "</testsuites>", ""].join("\n");
}
