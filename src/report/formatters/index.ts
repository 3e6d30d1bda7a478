import type { FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";
import { own } from "../../util/own.js";

export type Formatter = (results: readonly FileReport[], context: FormatContext) => string;

/** Every output format, by the name given to `--format`; each module loads only when chosen. */
const LOADERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import("./stylish.js")).formatStylish,
  json: async () => (await import("./json.js")).formatJson,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  junit: async () => (await import("./junit.js")).formatJunit,
  github: async () => (await import("./github.js")).formatGithub,
  markdown: async () => (await import("./markdown.js")).formatMarkdown,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(LOADERS);

export function loadFormatter(name: string): Promise<Formatter> | undefined {
  return own(LOADERS, name)?.();
}
