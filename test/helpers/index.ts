import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { checkJourneyText } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { lintFile, type LintOptions } from "../../src/lint/lint-file.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(ROOT, "bin", "journey.js");
export const EXAMPLES = join(ROOT, "examples");

/** A fresh temporary folder holding the given files (path -> content). */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "journey-test-"));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Runs the built CLI the way a user does; never throws on a non-zero exit. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
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
