import type { Finding, Span } from "./finding.js";
import type { FlowGraph } from "./model/flow-graph.js";
import type { Journey } from "./model/types.js";
import type { Locator } from "./load/locator.js";

/** Everything learnt about one checked file; formatters and renderers read these. */
export interface FileResult {
  /** Absolute path. Formatters show it relative to the working directory. */
  filePath: string;
  /** The text of the file, for code frames; absent when it could not be read. */
  source?: string;
  findings: Finding[];
  /** The journey's id and where it is written, when the file matches the schema. */
  journeyId?: string;
  idSpan?: Span;
  /** The typed journey, when the file is structurally valid. */
  journey?: Journey;
  graph?: FlowGraph;
  /** Ids of the lint rules that ran on this file (JUnit lists each as a test case). */
  rulesChecked?: string[];
  /** Finds the line and column of any node of the file; present when the file parsed. */
  locator?: Locator;
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
