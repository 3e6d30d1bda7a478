import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from "vscode-languageserver";
import type { Finding, TextEdit as FindingEdit } from "../finding.js";
import { STRUCTURAL_RULES } from "../finding.js";
import type { ProjectFile } from "../project/project.js";
import type { RulesMeta } from "../results.js";
import { toDiagnostic } from "./diagnostics.js";
import { documentOf, findingRange, overlaps, rangeOf, uriOf } from "./workspace.js";

/**
 * The client-side command that puts the cursor at a position after an action's edit. An LSP edit
 * has no cursor, so "disable for this step" attaches this command for a client that declares it in
 * its capabilities the way rust-analyzer's clients declare theirs
 * (`experimental: { commands: { commands: ["journey.placeCursor"] } }`; the VS Code extension does,
 * and docs/editors.md shows Neovim's few lines). Other clients get the edit alone.
 */
export const PLACE_CURSOR = "journey.placeCursor";

export interface CodeActionOptions {
  /** The kinds the client asked for (`context.only`). */
  only?: string[];
  /** Whether the client runs `journey.placeCursor`. */
  placeCursor?: boolean;
}

/**
 * Code actions for the findings in a range: each finding's `fix` as the preferred quick fix,
 * its `suggestions`, and "disable `<rule>` for this step", which writes
 * `# journey-disable-next-line <rule> -- ` above the step (structural checks cannot be disabled)
 * and, for a client that runs `journey.placeCursor`, leaves the cursor after `-- `.
 */
export function codeActions(
  file: ProjectFile,
  findings: readonly Finding[],
  range: Range,
  rulesMeta: RulesMeta,
  options: CodeActionOptions = {},
): CodeAction[] {
  const { only } = options;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`) || kind === "")) return [];
  const doc = documentOf(file);
  const uri = uriOf(file.path);
  const edit = (fix: FindingEdit) => ({ changes: { [uri]: [{ range: rangeOf(doc, fix.range), newText: fix.text }] } });
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!overlaps(findingRange(finding), range)) continue;
    const diagnostic: Diagnostic = toDiagnostic(finding, rulesMeta, uri);
    if (finding.fix)
      actions.push({ title: fixTitle(finding), kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], edit: edit(finding.fix) });
    for (const suggestion of finding.suggestions ?? [])
      actions.push({ title: capitalise(suggestion.desc), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(suggestion.fix) });
    const disable = disableAction(file, finding, diagnostic, options.placeCursor === true);
    if (disable) actions.push(disable);
  }
  return actions;
}

function fixTitle(finding: Finding): string {
  return `Fix: ${finding.message}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `# journey-disable-next-line <rule> -- ` above the step's first line (or the finding's line), at its indentation. */
function disableAction(file: ProjectFile, finding: Finding, diagnostic: Diagnostic, placeCursor: boolean): CodeAction | undefined {
  if ((STRUCTURAL_RULES as readonly string[]).includes(finding.ruleId) || finding.ruleId === "internal" || finding.ruleId === "unused-disable-directive")
    return undefined;
  const doc = documentOf(file);
  const step = finding.stepId !== undefined ? file.index.steps.find((candidate) => candidate.id === finding.stepId) : undefined;
  const lineStart = step ? step.lineStart : doc.offsetAt({ line: finding.line - 1, character: 0 });
  const indent = /^[ ]*/.exec(file.text.slice(lineStart))![0];
  const eol = file.text.includes("\r\n") ? "\r\n" : "\n";
  const position = doc.positionAt(lineStart);
  const comment = `# journey-disable-next-line ${finding.ruleId} -- `;
  const uri = uriOf(file.path);
  const title = `Disable ${finding.ruleId} for this ${step ? "step" : "line"}`;
  // The comment goes in at the start of the step's line, so after the edit the reason's place is on that line.
  const reason = { line: position.line, character: indent.length + comment.length };
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: position, end: position }, newText: `${indent}${comment}${eol}` }] } },
    ...(placeCursor ? { command: { title: "Type the reason", command: PLACE_CURSOR, arguments: [{ uri, position: reason }] } } : {}),
  };
}
