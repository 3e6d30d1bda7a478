import { checkJourneyText, type CheckedFile } from "../check.js";
import type { ProjectConfig } from "../config/types.js";
import type { Finding, TextEdit } from "../finding.js";
import { lintFile, type LintOptions } from "./lint-file.js";

/** Passes of `--fix` at most: a fix may reveal another (ESLint stops after ten as well). */
export const MAX_FIX_PASSES = 10;

/**
 * Applies the edits that do not overlap, in order of position (the first of two overlapping
 * edits wins; the other waits for the next pass, when its finding is found again on the new
 * text). The text is spliced, never re-serialised: comments, quoting, flow style, line ends and
 * everything else outside the edits stay byte for byte.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const parts: string[] = [];
  let at = 0;
  let applied = 0;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < at || end < start || end > text.length) continue;
    if (text.slice(start, end) === edit.text) continue; // changes nothing: would loop
    parts.push(text.slice(at, start), edit.text);
    at = end;
    applied++;
  }
  parts.push(text.slice(at));
  return { text: parts.join(""), applied };
}

export interface FixedFile {
  /** The result of checking the final text: what remains. */
  checked: CheckedFile;
  /** The fixed text, when any fix was applied. */
  output?: string;
  /** Fixes applied over all passes. */
  fixCount: number;
}

/**
 * `journey lint --fix` for one file's text: check, apply the findings' fixes (never their
 * suggestions), check again, up to `MAX_FIX_PASSES` times or until nothing is left to fix. The
 * checked result is that of the final text, so what is reported is what remains.
 */
export function fixText(filePath: string, text: string, config: ProjectConfig, options: LintOptions & { lint: boolean }): FixedFile {
  let current = text;
  let fixCount = 0;
  let checked = check(filePath, current, config, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = checked.findings.flatMap((finding: Finding) => (finding.fix ? [finding.fix] : []));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next.applied === 0) break;
    current = next.text;
    fixCount += next.applied;
    checked = check(filePath, current, config, options);
  }
  return { checked, fixCount, ...(current !== text ? { output: current } : {}) };
}

function check(filePath: string, text: string, config: ProjectConfig, options: LintOptions & { lint: boolean }): CheckedFile {
  const checked = checkJourneyText(filePath, text, config);
  return options.lint ? lintFile(checked, config, options) : checked;
}
