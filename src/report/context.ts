import type { ChalkInstance } from "chalk";

/** What every formatter gets besides the results. */
export interface FormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** Colours; level 0 prints plain text. */
  color: ChalkInstance;
  /** Tool version, for formats that carry it (SARIF). */
  version: string;
  /** Number of files checked, including those without findings. */
  fileCount?: number;
}
