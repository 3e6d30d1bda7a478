// Which journey the extension runs, decided without the `vscode` module so that plain Node tests
// it (test/integrations/vscode.test.ts). extension.ts passes in what VS Code knows.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Where a journey came from, for the output channel and the tests. */
export type JourneySource = "setting" | "workspace" | "bundled";

/**
 * A journey to run: a Node module (bin/journey.cjs), which the language client forks with VS
 * Code's own Node (`process.execPath` with ELECTRON_RUN_AS_NODE=1, done by vscode-languageclient
 * for `module` servers), or an executable from the `journey.path` setting.
 */
export type JourneyLaunch =
  { kind: "module"; module: string; source: JourneySource; detail: string } | { kind: "command"; command: string; source: "setting"; detail: string };

export interface ResolveInput {
  /** The workspace folders' paths, in VS Code's order. */
  folders: readonly string[];
  /** The extension's own folder (`context.extensionPath`), which holds server/. */
  extensionPath: string;
  /** The `journey.path` setting (VS Code already ignores a workspace's value in an untrusted workspace). */
  configuredPath?: string;
  /** Whether the workspace is trusted: only then does the extension run code from its node_modules. */
  trusted: boolean;
}

/** The package's runnable file, as the npm package lays it out. */
const BIN = "journey-maps/bin/journey.cjs";

/**
 * The journey to run: `journey.path` when set; else the workspace's own `journey-maps` (the first
 * folder, or a parent of it, that resolves it as Node does, when that version has the language
 * server); else the copy bundled in the extension. A workspace's copy keeps the editor's findings
 * equal to its CI's, which runs that version.
 */
export function resolveJourney(input: ResolveInput): JourneyLaunch {
  const configured = input.configuredPath?.trim();
  if (configured) {
    const path = expandHome(configured);
    return /\.[cm]?js$/.test(path)
      ? { kind: "module", module: path, source: "setting", detail: `journey.path: ${path}` }
      : { kind: "command", command: path, source: "setting", detail: `journey.path: ${path}` };
  }
  if (input.trusted) {
    for (const folder of input.folders) {
      const bin = workspaceJourney(folder);
      if (bin) return { kind: "module", module: bin, source: "workspace", detail: `the workspace's journey-maps: ${bin}` };
    }
  }
  const bundled = join(input.extensionPath, "server", "bin", "journey.cjs");
  const why = input.trusted ? "no journey-maps with `journey lsp` installed in the workspace" : "the workspace is not trusted";
  return { kind: "module", module: bundled, source: "bundled", detail: `the extension's bundled journey (${why}): ${bundled}` };
}

/** The workspace's bin/journey.cjs, when `journey-maps` resolves from the folder and has the language server (0.1.0 and later: dist/cli/lsp.cjs). */
export function workspaceJourney(folder: string): string | undefined {
  let bin: string;
  try {
    bin = createRequire(join(folder, "package.json")).resolve(BIN);
  } catch {
    return undefined;
  }
  return existsSync(join(dirname(bin), "..", "dist", "cli", "lsp.cjs")) ? bin : undefined;
}

function expandHome(path: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (path === "~" || path.startsWith("~/")) ? join(home, path.slice(1)) : path;
}

/** Whether a file is one the server serves: a journey (`*.journey.yaml`/`.yml`) or a journey config. */
export function isJourneyFile(path: string): boolean {
  return /\.journey\.ya?ml$/.test(path) || /(^|[\\/])journey\.config\.(ya?ml|json)$/.test(path);
}

/** The address `journey preview` prints on its first line of standard output (`journey preview: http://127.0.0.1:<port>/`). */
export function previewAddress(output: string): string | undefined {
  return /journey preview: (http:\/\/\S+)/.exec(output)?.[1];
}

/** Where "disable `<rule>` for this step" asks the editor to put the cursor: the command the server attaches when the client declares it (docs/editors.md). */
export const PLACE_CURSOR_COMMAND = "journey.placeCursor";
