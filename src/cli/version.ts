import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string; homepage: string };

/** The package version, read from package.json next to the build (written into the bundles by scripts/bundle.mjs). */
export const VERSION: string = pkg.version;

/** Where the project lives; rule docs are linked below it (SARIF, Markdown reports). */
export const HOMEPAGE: string = pkg.homepage.replace(/#.*$/, "");

/** The folder of the rule pages (docs/rules/) on the project's site. */
export const RULE_DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules/`;
