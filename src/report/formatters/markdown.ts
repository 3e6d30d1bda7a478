import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { markdownCell, markdownMessageCell } from "../../escape/markdown.js";
import type { Severity } from "../../finding.js";
import { countFindings, ruleInfoOf, type FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

const ICON = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" } as const;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * A summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment: totals, a table per file, and
 * every finding with a link to its rule's documentation, errors first (what blocks a merge is
 * what a reviewer reads first), then warnings, then info; in file and line order within each.
 */
export function formatMarkdown(results: readonly FileReport[], context: FormatContext): string {
  const all = results.flatMap((r) => r.findings);
  const counts = countFindings(all);
  const withFindings = results.filter((r) => r.findings.length > 0);
  const out: string[] = ["## journey lint", ""];
  // `lint --quiet` shows errors only: say how many warnings and info findings it hid.
  const hiddenParts = [
    context.hidden?.warningCount ? `${context.hidden.warningCount} warning${context.hidden.warningCount === 1 ? "" : "s"}` : "",
    context.hidden?.infoCount ? `${context.hidden.infoCount} info` : "",
  ].filter(Boolean);
  const hidden = hiddenParts.length > 0 ? `${hiddenParts.join(" and ")} hidden by \`--quiet\`` : "";
  if (all.length === 0) {
    out.push(`✅ ${results.length} journey file${results.length === 1 ? "" : "s"} checked: ${hidden ? `no errors (${hidden})` : "no problems"}.`, "");
    return out.join("\n");
  }
  out.push(
    `**${counts.errorCount} error${counts.errorCount === 1 ? "" : "s"}, ${counts.warningCount} warning${counts.warningCount === 1 ? "" : "s"}, ${counts.infoCount} info** in ${withFindings.length} of ${results.length} file${results.length === 1 ? "" : "s"}${hidden ? ` (${hidden})` : ""}.`,
    "",
    "| File | Errors | Warnings | Info |",
    "| --- | ---: | ---: | ---: |",
  );
  for (const result of withFindings) {
    const c = countFindings(result.findings);
    out.push(`| ${markdownCell(toPosix(relative(context.cwd, result.filePath)))} | ${c.errorCount} | ${c.warningCount} | ${c.infoCount} |`);
  }
  out.push("", "### Findings", "", "| Location | Severity | Rule | Message |", "| --- | --- | --- | --- |");
  const rows = withFindings.flatMap((result) => result.findings.map((finding) => ({ path: toPosix(relative(context.cwd, result.filePath)), finding })));
  // A stable sort: file and line order stay within each severity.
  rows.sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity]);
  for (const { path, finding: f } of rows) {
    const rule = ruleInfoOf(context.rulesMeta, f.ruleId, context.homepage);
    out.push(
      `| ${markdownCell(`${path}:${f.line}:${f.column}`)} | ${ICON[f.severity]} | [${markdownCell(f.ruleId)}](${rule.docsUrl}) | ${markdownMessageCell(f.message)} |`,
    );
  }
  out.push("");
  return out.join("\n");
}
