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
import { rulesMeta } from "../../src/lint/rules-meta.js";
import { HOMEPAGE, RULE_DOCS_BASE, VERSION } from "../../src/cli/version.js";
import type { FormatContext } from "../../src/report/context.js";
import { Chalk } from "chalk";
import { clickHouseInstalled } from "./clickhouse.js";

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

/**
 * Runs the built CLI the way a user does; never throws on a non-zero exit. `as` is a command
 * prefix that runs it as another user (`unprivileged()`).
 */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; as?: readonly string[]; input?: string | Uint8Array } = {},
) {
  const [command, ...rest] = [...(options.as ?? []), "node", BIN, ...args];
  return execa(command, rest, {
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: "", FORCE_COLOR: "", ...options.env },
    reject: false,
    ...(options.input !== undefined ? { input: options.input } : { stdin: "ignore" as const }),
  });
}

export function check(text: string, config: Partial<ProjectConfig> = {}) {
  return checkJourneyText("/virtual/test.journey.yaml", text, { ...defaultConfig("/virtual"), ...config });
}

/** Findings reduced to what tests compare: rule, position and message id. */
export function brief(text: string, config: Partial<ProjectConfig> = {}) {
  return check(text, config).findings.map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  }));
}

/** What the CLI hands formatters and the renderer about the rules, as a run builds it. */
export const RUN_META = { rulesMeta: rulesMeta(RULE_DOCS_BASE), homepage: HOMEPAGE };

/** A formatter's context as `journey lint` builds it, without colours. */
export function formatContext(overrides: Partial<FormatContext> = {}): FormatContext {
  return { cwd: "/virtual", color: new Chalk({ level: 0 }), version: VERSION, ...RUN_META, ...overrides };
}

/** JSON.parse typed as the test expects it (its own `any` is what the type-checked lint refuses). */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** `--format json`: one entry per file. */
export type JsonReport = {
  filePath: string;
  messages: { ruleId: string; severity: string; message: string; line: number; column: number }[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}[];

/** The parts of a SARIF log the tests read. */
export interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
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

/**
 * A command prefix that runs a command as a user who cannot read a file of mode 000, or undefined
 * (with the reason printed) where no such user exists. Root reads everything, and CI runs as root:
 * there the command runs as `nobody` through setpriv or runuser (util-linux), so permission tests
 * test something. Windows has no mode 000 at all. Files the command must read have to be readable
 * by others (tempProject's folder is not: chmod it 0o755).
 */
export function unprivileged(): string[] | undefined {
  if (process.platform === "win32") {
    console.warn("Skipping a permission test: Windows has no unreadable file mode.");
    return undefined;
  }
  if (process.getuid?.() !== 0) return [];
  const has = (tool: string) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
  // 65534 is nobody (and nogroup) on Debian, Ubuntu, Alpine and Fedora alike.
  if (has("setpriv")) return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  if (has("runuser")) return ["runuser", "-u", "nobody", "--"];
  return toolAvailable(false, "setpriv or runuser (to run as nobody, since the tests run as root)", "apt-get install util-linux") ? [] : undefined;
}

export function xmllintAvailable(): boolean {
  const found = spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
  return toolAvailable(found, "xmllint", "apt-get install libxml2-utils");
}

export function preCommitAvailable(): boolean {
  const found = spawnSync("pre-commit", ["--version"], { stdio: "ignore" }).status === 0;
  return toolAvailable(found, "pre-commit", "apt-get install pre-commit");
}

/** Neovim 0.7 or later, the LSP client of the `journey lsp` end-to-end test (`vim.lsp.start_client`). */
export function neovimAvailable(): boolean {
  const version = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  const match = version.status === 0 ? /NVIM v0\.(\d+)/.exec(version.stdout) : null;
  const found = version.status === 0 && (match === null || Number(match[1]) >= 7);
  return toolAvailable(found, "Neovim 0.7 or later", "apt-get install neovim");
}

export function clickHouseAvailable(): boolean {
  return toolAvailable(clickHouseInstalled(), "clickhouse-server", "apt-get install clickhouse-server, or set JOURNEY_CLICKHOUSE_SERVER");
}

/**
 * The text an SVG reader without HTML support draws: the content of `<text>` elements, markup
 * removed, entities decoded, whitespace collapsed (Mermaid wraps a label into one tspan per word).
 */
export function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => m[1].replace(/<[^>]+>/g, " "))
    .join(" ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** A 90-character step name: cut at 48 characters it used to end "...retur…". */
export const LONG_NAME = "The customer reads the long confirmation email about the parcel and decides whether to return";

/** A linear journey of `steps` steps in stages of `perStage`, the third step with LONG_NAME. */
export function longJourney(steps: number, perStage = 5): string {
  const lines = ["journey: 1", `id: long-${steps}`, `title: A journey of ${steps} steps`, `goal: { steps: [s${steps}] }`, "stages:"];
  for (let i = 1; i <= steps; i++) {
    if ((i - 1) % perStage === 0) lines.push(`  - id: stage-${Math.ceil(i / perStage)}`, "    steps:");
    lines.push(
      `      - id: s${i}`,
      `        name: ${i === 3 ? LONG_NAME : `Step ${i} of the flow`}`,
      "        channel: web",
      `        emotion: ${(i % 5) - 2}`,
    );
  }
  return lines.join("\n") + "\n";
}
