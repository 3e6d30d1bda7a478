import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { checkJourneyText } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { lintFile, type LintOptions } from "../../src/lint/lint-file.js";
import { findBrowser } from "../../src/render/images.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(ROOT, "bin", "journey.cjs");
export const EXAMPLES = join(ROOT, "examples");

const tempProjects: string[] = [];

/** A fresh temporary folder holding the given files (path -> content); removed after the test file. */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "journey-test-"));
  tempProjects.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function removeTempProjects(): void {
  for (const dir of tempProjects.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the built CLI the way a user does; never throws on a non-zero exit. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  return execa("node", [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: "", FORCE_COLOR: "", ...options.env },
    reject: false,
    stdin: "ignore",
  });
}

export function check(text: string, config: Partial<ProjectConfig> = {}) {
  return checkJourneyText("/virtual/test.journey.yaml", text, { ...defaultConfig("/virtual"), ...config });
}

/** Findings reduced to what tests compare: rule, position and message id. */
export function brief(text: string, config: Partial<ProjectConfig> = {}) {
  return check(text, config).findings.map((f) => ({ ruleId: f.ruleId, messageId: f.messageId, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }));
}

/** A minimal valid journey, to which tests append or change lines. */
export const MINIMAL = `journey: 1
id: minimal
title: Minimal journey
goal: { steps: [buys] }
stages:
  - id: purchase
    steps:
      - id: buys
        name: Buys
        channel: web
`;

/** Structural checks and lint rules over text, as `journey lint` runs them. */
export function lint(text: string, config: Partial<ProjectConfig> = {}, options: LintOptions = {}) {
  const full = { ...defaultConfig("/virtual"), ...config };
  return lintFile(checkJourneyText("/virtual/test.journey.yaml", text, full), full, options);
}

/**
 * Whether tests that need an outside tool (Chromium, xmllint) can run. Without it they are
 * skipped with a message, unless JOURNEY_REQUIRE_TOOLS=1 (set by .ci/run), which turns the skip
 * into a failure.
 */
function toolAvailable(found: boolean, what: string, install: string): boolean {
  if (!found && process.env.JOURNEY_REQUIRE_TOOLS === "1") throw new Error(`JOURNEY_REQUIRE_TOOLS=1 but ${what} was not found: ${install}`);
  if (!found) console.warn(`Skipping the tests that need ${what}: not found (${install}).`);
  return found;
}

export function chromiumAvailable(): boolean {
  return toolAvailable(findBrowser() !== undefined, "Chromium", "apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH");
}

export function xmllintAvailable(): boolean {
  const found = spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
  return toolAvailable(found, "xmllint", "apt-get install libxml2-utils");
}

export function preCommitAvailable(): boolean {
  const found = spawnSync("pre-commit", ["--version"], { stdio: "ignore" }).status === 0;
  return toolAvailable(found, "pre-commit", "apt-get install pre-commit");
}
