import { fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import { BIN, removeTempProjects, ROOT, runCli, tempProject } from "../helpers/index.js";
import { CHECKOUT, CONFIG } from "./fixtures.js";

afterAll(removeTempProjects);

/** Initializes, opens the journey, and waits for its diagnostics: the server works over this transport. */
async function diagnosticsOver(connection: MessageConnection, dir: string): Promise<string[]> {
  const received = new Promise<string[]>((resolve) =>
    connection.onNotification("textDocument/publishDiagnostics", (params: { diagnostics: { code: string }[] }) =>
      resolve(params.diagnostics.map((d) => d.code)),
    ),
  );
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const uri = pathToFileURL(dir).href;
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: "t" }], capabilities: {} });
  await connection.sendNotification("initialized", {});
  const file = join(dir, "checkout.journey.yaml");
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri: pathToFileURL(file).href, languageId: "yaml", version: 1, text: CHECKOUT },
  });
  const codes = await received;
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  return codes;
}

describe("journey lsp: transports and the separate bundle", () => {
  it("connects to the editor's socket on 127.0.0.1 with --socket=<port>", async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, ".git/HEAD": "" });
    const server = createServer();
    const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, [BIN, "lsp", `--socket=${port}`], { cwd: dir, stdio: "ignore" });
    const socket = await accepted;
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    expect(await diagnosticsOver(connection, dir)).toContain("channel-unknown");
    await new Promise((resolve) => child.once("exit", resolve));
    server.close();
  });

  it("talks over Node's IPC channel with --node-ipc", async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, ".git/HEAD": "" });
    const child = fork(BIN, ["lsp", "--node-ipc"], { cwd: dir, stdio: ["ignore", "ignore", "ignore", "ipc"] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    expect(await diagnosticsOver(connection, dir)).toContain("channel-unknown");
    await new Promise((resolve) => child.once("exit", resolve));
  });

  it("refuses a bad port and two transports in one line, exit 2", async () => {
    const bad = await runCli(["lsp", "--socket=http"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe("journey: --socket takes the port (1-65535) the editor listens on at 127.0.0.1, not `http`");
    const two = await runCli(["lsp", "--stdio", "--socket=2087"]);
    expect(two.exitCode).toBe(2);
    expect(two.stderr).toBe("journey: give one of --stdio, --node-ipc and --socket=<port>");
  });

  it("is listed in journey --help, and lint's bundle does not carry the server", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/^ {2}lsp \[options\]/m);
    const cli = readFileSync(join(ROOT, "dist", "cli", "journey.cjs"), "latin1");
    const server = readFileSync(join(ROOT, "dist", "cli", "lsp.cjs"), "latin1");
    // The protocol's method names live in vscode-languageserver: in the server's bundle, not lint's.
    expect(server).toContain("textDocument/publishDiagnostics");
    expect(cli).not.toContain("textDocument/publishDiagnostics");
  });
});
