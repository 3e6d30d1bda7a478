import type { ChalkInstance } from "chalk";
import type { Labels } from "../../i18n/types.js";
import type { DiffResult } from "../types.js";

/** What every diff formatter gets besides the result. */
export interface DiffFormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  color: ChalkInstance;
  /** Headings and labels of the Markdown, in the chosen language. */
  labels: Labels;
}

export type DiffFormatter = (result: DiffResult, context: DiffFormatContext) => string;

/** Output formats of `journey diff`, by the name given to `--format`; each loads only when chosen. */
const LOADERS: Record<string, () => Promise<DiffFormatter>> = {
  stylish: async () => (await import("./stylish.js")).formatDiffStylish,
  markdown: async () => (await import("./markdown.js")).formatDiffMarkdown,
  json: async () => (await import("./json.js")).formatDiffJson,
  github: async () => (await import("./github.js")).formatDiffGithub,
};

export const DIFF_FORMAT_NAMES: readonly string[] = Object.keys(LOADERS);

export function loadDiffFormatter(name: string): Promise<DiffFormatter> | undefined {
  return LOADERS[name]?.();
}
