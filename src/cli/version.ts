import { readFileSync } from "node:fs";
import { STRUCTURAL_RULES } from "../finding.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string; homepage: string };

/** The package version, read from package.json next to the build. */
export const VERSION: string = pkg.version;

/** Where the project lives; rule docs are linked below it (SARIF, Markdown reports). */
export const HOMEPAGE: string = pkg.homepage.replace(/#.*$/, "");

export function ruleDocsUrl(ruleId: string): string {
  const page = (STRUCTURAL_RULES as readonly string[]).includes(ruleId) ? "structural" : ruleId;
  return `${HOMEPAGE}/blob/main/docs/rules/${page}.md`;
}
