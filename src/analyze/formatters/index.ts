import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import { formatStylish } from "./stylish.js";
import type { AnalyzeFormatter } from "./summary.js";
import type { ANALYZE_FORMAT_NAMES } from "./names.js";

export const ANALYZE_FORMATTERS: Record<(typeof ANALYZE_FORMAT_NAMES)[number], AnalyzeFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  markdown: formatMarkdown,
};
