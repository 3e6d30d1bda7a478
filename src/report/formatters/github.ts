import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import type { Severity } from "../../finding.js";
import { visibleText } from "../../escape/terminal.js";
import type { FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

export const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * GitHub Actions workflow commands, shown as annotations on the pull request:
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=<rule>::message`.
 */
export function formatGithub(results: readonly FileReport[], context: FormatContext): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = toPosix(relative(context.cwd, result.filePath));
    for (const f of result.findings) {
      const properties = [
        `file=${property(file)}`,
        `line=${f.line}`,
        `endLine=${f.endLine}`,
        `col=${f.column}`,
        `endColumn=${f.endColumn}`,
        `title=${property(f.ruleId)}`,
      ];
      lines.push(`::${COMMAND[f.severity]} ${properties.join(",")}::${data(f.message)}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

/** Escaping of a command's message, as the Actions runner expects it; other control characters (ESC) shown as escapes. */
export function data(text: string): string {
  return visibleText(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** Property values also escape the separators `:` and `,`. */
export function property(text: string): string {
  return data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
