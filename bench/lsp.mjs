// The language server's figures for `npm run bench` (bench/run.mjs, groups lsp-latency and
// lsp-index): `journey lsp --stdio` driven over vscode-jsonrpc as an editor drives it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { clearInterval, setInterval } from "node:timers";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

/** The server's peak RSS so far (Linux: VmHWM of /proc/<pid>/status), in MB; undefined elsewhere. */
function peakRssMB(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** The server's own debounce, from its bundle (the figure the latency includes). */
export function serverDebounceMs(root) {
  return createRequire(import.meta.url)(join(root, "dist", "cli", "lsp.cjs")).DIAGNOSTICS_DELAY_MS;
}

/** Starts `journey lsp --stdio` in `dir` and initializes it with `dir` as the workspace folder. */
async function startServer(bin, dir, capabilities = {}) {
  const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = [];
  connection.onNotification("textDocument/publishDiagnostics", (params) => listeners.forEach((listener) => listener(params)));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();
  const uri = pathToFileURL(dir).href;
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: "bench" }], capabilities });
  const stop = async () => {
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    connection.dispose();
  };
  /** The next diagnostics published for `uri` that pass `test`. */
  const diagnostics = (uri, test) =>
    new Promise((resolve) => {
      const listener = (params) => {
        if (params.uri !== uri || !test(params)) return;
        listeners.splice(listeners.indexOf(listener), 1);
        resolve(params);
      };
      listeners.push(listener);
    });
  return { child, connection, stop, diagnostics };
}

/**
 * Time from `didChange` to the new `publishDiagnostics` of that version, on a journey of many
 * steps, `edits` times (one step's name changed each time, as typing does, after the last edit's
 * diagnostics came): the server's debounce plus checking and linting the whole file.
 */
export async function lspLatency({ bin, dir, file, edits }) {
  const server = await startServer(bin, dir);
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, "utf8");
  await server.connection.sendNotification("initialized", {});
  const first = server.diagnostics(uri, () => true);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  await first;
  const times = [];
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const changed = text.replace(/(id: s500, name: "step 500)/, `$1 edited ${i}`);
    if (changed === text) throw new Error("bench: the long journey has no step s500 to edit");
    const published = server.diagnostics(uri, (params) => params.version === version);
    const started = performance.now();
    await server.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: changed }] });
    await published;
    times.push(performance.now() - started);
  }
  const rss = peakRssMB(server.child.pid);
  await server.stop();
  return { times, median: percentile(times, 50), p90: percentile(times, 90), peakRssMB: rss };
}

const REQUEST_EVERY_MS = 100;

/**
 * A workspace of many journeys opened: the time from `initialized` to the end of the server's
 * indexing progress, and the requests (hover and completion on an open journey, one every
 * 100 ms) answered meanwhile, with their latency; the server's peak RSS once indexed.
 */
export async function lspIndex({ bin, dir, file }) {
  const server = await startServer(bin, dir, { window: { workDoneProgress: true } });
  const uri = pathToFileURL(file).href;
  let ended;
  const indexed = new Promise((resolve) => (ended = resolve));
  server.connection.onNotification("$/progress", (params) => {
    if (params.value?.kind === "end") ended(performance.now());
  });
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const channelLine = lines.findIndex((line) => /^\s+channel: /.test(line));
  const position = { line: channelLine, character: lines[channelLine].indexOf("channel: ") + "channel: ".length };
  const started = performance.now();
  await server.connection.sendNotification("initialized", {});
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  // A request every 100 ms, as a user typing brings completions and hovers, each timed to its answer.
  const answered = [];
  const pending = [];
  let sent = 0;
  const timer = setInterval(() => {
    const method = sent++ % 2 === 0 ? "textDocument/hover" : "textDocument/completion";
    const at = performance.now();
    pending.push(server.connection.sendRequest(method, { textDocument: { uri }, position }).then(() => answered.push(performance.now() - at)));
  }, REQUEST_EVERY_MS);
  await indexed;
  clearInterval(timer);
  await Promise.all(pending);
  const indexMs = (await indexed) - started;
  const rss = peakRssMB(server.child.pid);
  await server.stop();
  return {
    indexMs,
    requests: answered.length,
    requestEveryMs: REQUEST_EVERY_MS,
    requestMedian: percentile(answered, 50),
    requestP90: percentile(answered, 90),
    requestMax: Math.max(...answered),
    peakRssMB: rss,
  };
}
