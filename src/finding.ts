import type { MessageData } from "./util/message-template.js";

/** A problem found in a file: a structural error or a lint rule's finding. */
export type Severity = "error" | "warning" | "info";

/** 1-based, end exclusive (the column after the last character), like SARIF and ESLint. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A replacement of source text, as ESLint's fixes: `range` is [start, end) in UTF-16 offsets of
 * the text as read (a byte order mark removed), `text` what goes there.
 */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A change that needs the user's choice (it changes meaning): offered, never applied by `--fix`. */
export interface FindingSuggestion {
  /** What it does, in English: "replace `emial` with `email`". */
  desc: string;
  fix: TextEdit;
}

/**
 * Another place in the same file that a finding is about (the first declaration of a duplicate id,
 * the response that cannot be reached from its contact), with an English note like `message`.
 * Editors show it beside the finding (LSP's `relatedInformation`).
 */
export interface RelatedPlace extends Span {
  message: string;
}

export interface Finding extends Span {
  ruleId: string;
  /** Named message of the rule, so tests can assert the kind of finding rather than a sentence. */
  messageId?: string;
  severity: Severity;
  /** The English `message`, ready to print. */
  message: string;
  /** The message's data, so a report can write it from `messageId` in its own language. */
  data?: MessageData;
  journeyId?: string;
  stepId?: string;
  /** A safe, mechanical change that removes the finding and keeps the meaning: `journey lint --fix` applies it. */
  fix?: TextEdit;
  /** Changes to choose from (editors offer them; `--fix` never applies them). */
  suggestions?: FindingSuggestion[];
  /** The other places the finding points to, when it has any. */
  related?: RelatedPlace[];
}

/** A finding silenced by a `# journey-disable` comment, with the comment's reason (after ` -- `). */
export interface SuppressedFinding extends Finding {
  suppression: { reason?: string };
}

/** Structural findings are always errors and can never be switched off. */
export const STRUCTURAL_RULES = ["syntax", "schema", "duplicate-id", "unknown-reference", "duplicate-event-mapping"] as const;

export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

export const FILE_START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
