import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { xmlEscape } from "../../escape/xml.js";
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
    const path = toPosix(relative(context.cwd, result.filePath));
    const byRule = new Map<string, Finding[]>();
    for (const finding of result.findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
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
      const summary = findings.length === 1 ? findings[0].message : `${findings.length} findings`;
      const body = findings.map((f) => `${path}:${f.line}:${f.column} ${f.severity} ${f.message}`).join("\n");
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
