import type { FileResult } from "../../results.js";
import type { FormatContext } from "../context.js";
import { formatJson } from "./json.js";
import { formatStylish } from "./stylish.js";

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;

/** Every output format, by the name given to `--format`. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
};
