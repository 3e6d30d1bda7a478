import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerOptions, Transport } from "../../lsp/server.js";
import { longRunAhead } from "../../util/tiering.js";
import { EXIT, UsageError } from "../errors.js";
import { RULE_DOCS_BASE, VERSION } from "../version.js";

export interface LspCommandOptions {
  stdio?: boolean;
  nodeIpc?: boolean;
  socket?: string;
}

/**
 * `journey lsp`: starts the language server (src/lsp/server.ts) on the transport asked for. The
 * server is a bundle of its own, dist/cli/lsp.cjs (scripts/bundle.mjs), required here at run
 * time: no other command reads or compiles vscode-languageserver.
 */
export function runLsp(options: LspCommandOptions): number {
  const transport = transportOf(options);
  // A server runs for hours: V8's optimising compilers pay off (src/util/tiering.ts).
  longRunAhead();
  const { startServer } = loadServer();
  startServer({ transport, docsBase: RULE_DOCS_BASE, version: VERSION });
  return EXIT.ok;
}

function transportOf(options: LspCommandOptions): Transport {
  const given = [options.stdio, options.nodeIpc, options.socket !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError("give one of --stdio, --node-ipc and --socket=<port>");
  if (options.nodeIpc) {
    if (!process.send) throw new UsageError("--node-ipc needs a parent process that started journey with an IPC channel (child_process.fork); use --stdio");
    return { kind: "node-ipc" };
  }
  if (options.socket !== undefined) {
    const port = Number(options.socket);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new UsageError(`--socket takes the port (1-65535) the editor listens on at 127.0.0.1, not \`${options.socket}\``);
    return { kind: "socket", port };
  }
  return { kind: "stdio" };
}

/** The server's bundle beside the CLI's (dist/cli/lsp.cjs), from the bundle or from dist/cli/commands/ when run unbundled. */
function loadServer(): { startServer: (options: ServerOptions) => unknown } {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "lsp.cjs"), join(here, "..", "lsp.cjs")];
  const bundle = candidates.find((path) => existsSync(path));
  if (!bundle) throw new UsageError("the language server's bundle (dist/cli/lsp.cjs) is missing: reinstall journey-maps, or run `npm run build` in a checkout");
  return createRequire(import.meta.url)(bundle) as { startServer: (options: ServerOptions) => unknown };
}
