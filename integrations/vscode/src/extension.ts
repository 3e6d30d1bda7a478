// The VS Code extension: a thin client of `journey lsp` (vscode-languageclient) and the
// "Journey: Open preview" command. Which journey runs is decided in server-path.ts.
import { spawn, type ChildProcess } from "node:child_process";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, type StaticFeature } from "vscode-languageclient/node";
import { isJourneyFile, PLACE_CURSOR_COMMAND, previewAddress, resolveJourney, type JourneyLaunch } from "./server-path";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
const previews = new Map<string, { process: ChildProcess; url?: string }>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Journey", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("journey.openPreview", () => openPreview(context)),
    vscode.commands.registerCommand("journey.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand(PLACE_CURSOR_COMMAND, placeCursor),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("journey.path") || !client) return;
      await stopClient();
      await startClient(context);
    }),
    // Trusting the workspace lets its own journey-maps run.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      await stopClient();
      await startClient(context);
    }),
  );
  // Activated by any YAML file (onLanguage:yaml, for a journey opened without its folder), the
  // server starts only for journey work: a workspace with journeys, or the first journey opened.
  if (await hasJourneys()) return startClient(context);
  const opened = vscode.workspace.onDidOpenTextDocument(async (document) => {
    if (client || document.uri.scheme !== "file" || !isJourneyFile(document.uri.fsPath)) return;
    opened.dispose();
    await startClient(context);
  });
  context.subscriptions.push(opened);
}

async function hasJourneys(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((document) => document.uri.scheme === "file" && isJourneyFile(document.uri.fsPath))) return true;
  const found = await vscode.workspace.findFiles("**/{*.journey.yaml,*.journey.yml,journey.config.yaml,journey.config.yml}", "**/node_modules/**", 1);
  return found.length > 0;
}

export async function deactivate(): Promise<void> {
  for (const preview of previews.values()) preview.process.kill();
  previews.clear();
  await stopClient();
}

function launchOf(context: vscode.ExtensionContext): JourneyLaunch {
  return resolveJourney({
    folders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === "file").map((folder) => folder.uri.fsPath),
    extensionPath: context.extensionPath,
    configuredPath: vscode.workspace.getConfiguration("journey").get<string>("path"),
    trusted: vscode.workspace.isTrusted,
  });
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const launch = launchOf(context);
  output?.appendLine(`journey lsp: running ${launch.detail}`);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // A module is forked with VS Code's Node over Node's IPC channel (`journey lsp --node-ipc`):
  // no console output can corrupt the protocol, and no `node` on PATH is needed.
  const serverOptions: ServerOptions =
    launch.kind === "module"
      ? { module: launch.module, args: ["lsp"], transport: TransportKind.ipc, options: { cwd } }
      : { command: launch.command, args: ["lsp"], transport: TransportKind.stdio, options: { cwd, shell: process.platform === "win32" } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/*.journey.{yaml,yml}" },
      { scheme: "file", pattern: "**/journey.config.{yaml,yml,json}" },
    ],
    outputChannel: output,
  };
  client = new LanguageClient("journey", "Journey Language Server", serverOptions, clientOptions);
  client.registerFeature(placeCursorFeature);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`journey lsp did not start (${launch.detail}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
}

/** Tells the server this client moves the cursor for it (rust-analyzer's `experimental.commands` convention). */
const placeCursorFeature: StaticFeature = {
  fillClientCapabilities(capabilities) {
    const experimental = (capabilities.experimental ?? {}) as { commands?: { commands?: string[] } };
    capabilities.experimental = { ...experimental, commands: { commands: [...(experimental.commands?.commands ?? []), PLACE_CURSOR_COMMAND] } };
  },
  initialize() {},
  getState: () => ({ kind: "static" }),
  clear() {},
};

/** The server's "disable for this step" action: after its edit, the cursor goes after `-- `, where the reason is typed. */
async function placeCursor(target: { uri: string; position: { line: number; character: number } }): Promise<void> {
  const uri = vscode.Uri.parse(target.uri);
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
  const position = new vscode.Position(target.position.line, target.position.character);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position));
}

/** `journey preview` for the workspace folder of the active file (or the first), one per folder; opens its address. */
async function openPreview(context: vscode.ExtensionContext): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== "file") {
    void vscode.window.showErrorMessage("Journey: Open preview needs a workspace folder on disk with journey files.");
    return;
  }
  const running = previews.get(folder.uri.fsPath);
  if (running?.url) {
    await vscode.env.openExternal(vscode.Uri.parse(running.url));
    return;
  }
  if (running) return; // starting: it opens the page when it prints its address
  const launch = launchOf(context);
  const [command, args, env] =
    launch.kind === "module"
      ? [process.execPath, [launch.module, "preview", "--port", "0"], { ...process.env, ELECTRON_RUN_AS_NODE: "1" }]
      : [launch.command, ["preview", "--port", "0"], process.env];
  output?.appendLine(`journey preview: running ${launch.detail} in ${folder.uri.fsPath}`);
  const child = spawn(command, args, { cwd: folder.uri.fsPath, env, shell: launch.kind === "command" && process.platform === "win32" });
  const preview: { process: ChildProcess; url?: string } = { process: child };
  previews.set(folder.uri.fsPath, preview);
  let printed = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
    output?.append(chunk.toString());
    const url = preview.url === undefined ? previewAddress(printed) : undefined;
    if (url) {
      preview.url = url;
      void vscode.env.openExternal(vscode.Uri.parse(url));
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => output?.append(chunk.toString()));
  child.on("error", (error) => void vscode.window.showErrorMessage(`journey preview did not start (${launch.detail}): ${error.message}`));
  child.on("exit", (code) => {
    previews.delete(folder.uri.fsPath);
    if (code) {
      output?.show(true);
      void vscode.window.showErrorMessage(`journey preview stopped with exit code ${code}; see the Journey output.`);
    }
  });
  context.subscriptions.push({ dispose: () => child.kill() });
}
