import type { Finding, Severity } from "./finding.js";

/**
 * What a report says about one file, and all a formatter receives: the file, its text for code
 * frames, its findings and the rules that ran. The model built from the file never reaches a
 * formatter (render and the other commands get it through `CheckedFile` in check.ts).
 */
export interface FileReport {
  /** Absolute path. Formatters show it relative to the working directory. */
  filePath: string;
  /** The text of the file, for code frames; absent when it could not be read. */
  source?: string;
  findings: Finding[];
  /** Ids of the lint rules that ran on this file (JUnit lists each as a test case). */
  rulesChecked?: string[];
  /** `lint --fix-dry-run`: the text the fixes would write (the JSON format carries it, as ESLint's `output`). */
  output?: string;
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { errorCount: 0, warningCount: 0, infoCount: 0 };
  for (const finding of findings) {
    if (finding.severity === "error") counts.errorCount++;
    else if (finding.severity === "warning") counts.warningCount++;
    else counts.infoCount++;
  }
  return counts;
}

/** What reports say about a rule id, lint rule or structural check alike (ESLint's `rulesMeta`). */
export interface RuleInfo {
  id: string;
  /** Readable name: `ChannelMissing` for `channel-missing`. */
  name: string;
  description: string;
  /** Severity by default (structural checks are always errors). */
  severity: Severity;
  docsUrl: string;
}

/** Rule metadata by id, handed to formatters and renderers by the run that made the findings. */
export type RulesMeta = ReadonlyMap<string, RuleInfo>;

/** The metadata of `ruleId`, or a plain description for an id the run did not know. */
export function ruleInfoOf(rulesMeta: RulesMeta, ruleId: string, fallbackUrl: string): RuleInfo {
  return rulesMeta.get(ruleId) ?? { id: ruleId, name: ruleId, description: ruleId, severity: "error", docsUrl: fallbackUrl };
}
