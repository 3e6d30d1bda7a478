import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { BIN } from "../helpers/index.js";

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  message: string;
  codeDescription?: { href: string };
  source: string;
  tags?: number[];
  relatedInformation?: { location: { uri: string; range: Diagnostic["range"] }; message: string }[];
}

/** `journey lsp --stdio` driven over vscode-jsonrpc, as an editor drives it. */
export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The `$/progress` values the server sent (work-done progress, for a client that declares `window.workDoneProgress`). */
  readonly progress: { kind: string; title?: string; message?: string; percentage?: number }[] = [];
  stderr = "";
  private waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

  constructor(readonly root: string) {
    this.process = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.test(params.diagnostics)) return true;
        waiter.resolve(params.diagnostics);
        return false;
      });
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/configuration", () => []);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.onNotification("$/progress", (params: { value: { kind: string } }) => {
      this.progress.push(params.value);
    });
    this.connection.listen();
  }

  static async start(root: string, capabilities: object = {}): Promise<LspClient> {
    const client = new LspClient(root);
    const uri = pathToFileURL(root).href;
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: "test" }], capabilities });
    await client.connection.sendNotification("initialized", {});
    return client;
  }

  uri(path: string): string {
    return pathToFileURL(path).href;
  }

  open(path: string, text: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: this.uri(path), languageId: "yaml", version: 1, text } });
  }

  change(path: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri: this.uri(path), version }, contentChanges: [{ text }] });
  }

  /** The next diagnostics published for a file that pass `test` (or the current ones, when they already do). */
  diagnosticsFor(path: string, test: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const uri = this.uri(path);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${path} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  request<T>(method: string, path: string, line: number, character: number, extra: object = {}): Promise<T> {
    return this.connection.sendRequest(method, { textDocument: { uri: this.uri(path) }, position: { line, character }, ...extra });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once("exit", (code) => resolve(code)));
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** Line and character of the first `marker` in `text` (the marker's own position). */
export function positionOf(text: string, marker: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`marker not found: ${marker}`);
  const before = text.slice(0, offset + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}
