import { relative } from "node:path";
import type { ChalkInstance } from "chalk";
import type { Finding, Severity } from "../../finding.js";
import { toPosix } from "../../util/paths.js";
import { lineStartPath, visibleText } from "../../escape/terminal.js";
import { countFindings, type FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

/**
 * The default, human format: `file:line:col  severity  message  rule`, then the source line
 * with the node underlined (`^~~~`), then a summary.
 */
export function formatStylish(results: readonly FileReport[], context: FormatContext): string {
  const { color } = context;
  const out: string[] = [];
  let filesWithProblems = 0;
  const all: Finding[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    filesWithProblems++;
    const path = lineStartPath(toPosix(relative(context.cwd, result.filePath)) || result.filePath);
    const lines = result.source?.split(/\r?\n/);
    for (const finding of result.findings) {
      all.push(finding);
      out.push(
        `${color.bold(`${path}:${finding.line}:${finding.column}`)}  ${severityLabel(finding.severity, color)}  ${visibleText(finding.message)}  ${color.dim(finding.ruleId)}`,
      );
      const frame = lines ? codeFrame(lines, finding, color) : "";
      if (frame) out.push(frame);
    }
    out.push("");
  }
  const total = context.fileCount ?? results.length;
  const fileWord = total === 1 ? "file" : "files";
  // `lint --quiet` shows errors only: "no problems" would hide that warnings were found.
  const hidden = context.hidden ? [plural(context.hidden.warningCount, "warning"), plural(context.hidden.infoCount, "info", "info")].filter(Boolean) : [];
  const hiddenNote = hidden.length > 0 ? `${hidden.join(" and ")} hidden by --quiet` : "";
  if (all.length === 0) {
    out.push(color.green(`✔ ${total} ${fileWord} checked: ${hiddenNote ? `no errors (${hiddenNote})` : "no problems"}`));
  } else {
    const counts = countFindings(all);
    const parts = [plural(counts.errorCount, "error"), plural(counts.warningCount, "warning"), plural(counts.infoCount, "info", "info")].filter(Boolean);
    const summary = `✖ ${plural(all.length, "problem")} (${parts.join(", ")}) in ${filesWithProblems} of ${total} ${fileWord}${hiddenNote ? `; ${hiddenNote}` : ""}`;
    out.push(counts.errorCount > 0 ? color.red.bold(summary) : color.yellow.bold(summary));
    const fixable = all.filter((finding) => finding.fix).length;
    if (fixable > 0) out.push(color.dim(`  ${plural(fixable, "problem")} can be fixed with \`journey lint --fix\``));
  }
  return out.join("\n") + "\n";
}

function severityLabel(severity: Severity, color: ChalkInstance): string {
  return severity === "error" ? color.red(severity) : severity === "warning" ? color.yellow(severity) : color.blue(severity);
}

const MAX_FRAME = 160;

/** The finding's first source line with its node underlined, as actionlint shows it. */
export function codeFrame(lines: readonly string[], finding: Finding, color: ChalkInstance): string {
  const text = lines[finding.line - 1];
  if (text === undefined) return "";
  let shown = text.replace(/\t/g, " ");
  let start = Math.min(finding.column - 1, shown.length);
  let end = finding.endLine === finding.line ? Math.max(finding.endColumn - 1, start + 1) : Math.max(shown.trimEnd().length, start + 1);
  // A very long line (minified YAML, a huge string) shows a window around the node.
  if (shown.length > MAX_FRAME) {
    const from = Math.max(0, start - 40);
    const to = Math.min(shown.length, from + MAX_FRAME);
    shown = (from > 0 ? "…" : "") + shown.slice(from, to) + (to < shown.length ? "…" : "");
    const shift = from - (from > 0 ? 1 : 0);
    start -= shift;
    end = Math.min(end - shift, shown.length);
  }
  // Control characters of the source are shown as escapes; the underline follows their width.
  const before = visibleText(shown.slice(0, start));
  const node = visibleText(shown.slice(start, end));
  const gutter = String(finding.line);
  const pad = " ".repeat(gutter.length);
  const marker = "^" + "~".repeat(Math.max(0, node.length - 1));
  const paint = finding.severity === "error" ? color.red : finding.severity === "warning" ? color.yellow : color.blue;
  return `  ${color.dim(`${gutter} |`)} ${before}${node}${visibleText(shown.slice(end))}\n  ${color.dim(`${pad} |`)} ${" ".repeat(before.length)}${paint(marker)}`;
}

function plural(count: number, word: string, pluralWord = `${word}s`): string {
  if (count === 0 && word !== "problem") return "";
  return `${count} ${count === 1 ? word : pluralWord}`;
}
