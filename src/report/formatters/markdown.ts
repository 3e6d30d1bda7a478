import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { markdownCell } from "../../escape/markdown.js";
import { countFindings, ruleInfoOf, type FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

const ICON = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" } as const;

/**
 * A summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment: totals, a table per file, and
 * every finding with a link to its rule's documentation.
 */
export function formatMarkdown(results: readonly FileReport[], context: FormatContext): string {
  const all = results.flatMap((r) => r.findings);
  const counts = countFindings(all);
  const withFindings = results.filter((r) => r.findings.length > 0);
  const out: string[] = ["## journey lint", ""];
  if (all.length === 0) {
    out.push(`✅ ${results.length} journey file${results.length === 1 ? "" : "s"} checked: no problems.`, "");
    return out.join("\n");
  }
  out.push(
    `**${counts.errorCount} error${counts.errorCount === 1 ? "" : "s"}, ${counts.warningCount} warning${counts.warningCount === 1 ? "" : "s"}, ${counts.infoCount} info** in ${withFindings.length} of ${results.length} file${results.length === 1 ? "" : "s"}.`,
    "",
    "| File | Errors | Warnings | Info |",
    "| --- | ---: | ---: | ---: |",
  );
  for (const result of withFindings) {
    const c = countFindings(result.findings);
    out.push(`| ${markdownCell(toPosix(relative(context.cwd, result.filePath)))} | ${c.errorCount} | ${c.warningCount} | ${c.infoCount} |`);
  }
  out.push("", "### Findings", "", "| Location | Severity | Rule | Message |", "| --- | --- | --- | --- |");
  for (const result of withFindings) {
    const path = toPosix(relative(context.cwd, result.filePath));
    for (const f of result.findings) {
      const rule = ruleInfoOf(context.rulesMeta, f.ruleId, context.homepage);
      out.push(
        `| ${markdownCell(`${path}:${f.line}:${f.column}`)} | ${ICON[f.severity]} | [${markdownCell(f.ruleId)}](${rule.docsUrl}) | ${markdownCell(f.message)} |`,
      );
    }
  }
  out.push("");
  return out.join("\n");
}
