import type { ChalkInstance } from "chalk";
import type { RulesMeta } from "../results.js";

/** What every formatter gets besides the results; formatters import nothing above src/report/. */
export interface FormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** Colours; level 0 prints plain text. */
  color: ChalkInstance;
  /** Tool version, for formats that carry it (SARIF). */
  version: string;
  /** The tool's home page, for formats that link it (SARIF). */
  homepage: string;
  /** Every rule and structural check of the run, with its description and documentation link. */
  rulesMeta: RulesMeta;
  /** Number of files checked, including those without findings. */
  fileCount?: number;
  /** Findings `lint --quiet` left out of the results; the human formats say how many. */
  hidden?: HiddenCounts;
}

/** How many warnings and info findings `--quiet` hid. */
export interface HiddenCounts {
  warningCount: number;
  infoCount: number;
}
