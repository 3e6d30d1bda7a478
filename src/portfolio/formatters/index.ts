import type { Labels } from "../../i18n/types.js";
import type { Portfolio } from "../types.js";
import { formatJson } from "./json.js";
import { portfolioMarkdown } from "./markdown.js";
import { formatStylish, type TerminalStyle } from "./stylish.js";

export const PORTFOLIO_FORMAT_NAMES = ["stylish", "json", "markdown"] as const;
export type PortfolioFormatName = (typeof PORTFOLIO_FORMAT_NAMES)[number];

export interface PortfolioFormatContext {
  style: TerminalStyle;
  /** The Markdown's language. */
  labels: Labels;
}

export const PORTFOLIO_FORMATTERS: Record<PortfolioFormatName, (portfolio: Portfolio, context: PortfolioFormatContext) => string> = {
  stylish: (portfolio, context) => formatStylish(portfolio, context.style),
  json: (portfolio) => formatJson(portfolio),
  markdown: (portfolio, context) => portfolioMarkdown(portfolio, { labels: context.labels }) + "\n",
};
