import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { countFindings, type FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

/**
 * One entry per file: `{ filePath, messages, errorCount, warningCount, infoCount }`, with paths
 * relative to the working directory (docs/formats.md).
 */
export function formatJson(results: readonly FileReport[], context: FormatContext): string {
  const entries = results.map((result) => ({
    filePath: toPosix(relative(context.cwd, result.filePath)),
    messages: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ...(f.journeyId !== undefined ? { journeyId: f.journeyId } : {}),
      ...(f.stepId !== undefined ? { stepId: f.stepId } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.suggestions ? { suggestions: f.suggestions } : {}),
    })),
    ...countFindings(result.findings),
    fixableErrorCount: result.findings.filter((f) => f.fix && f.severity === "error").length,
    fixableWarningCount: result.findings.filter((f) => f.fix && f.severity !== "error").length,
    ...(result.output !== undefined ? { output: result.output } : {}),
  }));
  return JSON.stringify(entries, null, 2) + "\n";
}
