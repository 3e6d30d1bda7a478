import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import { basename, dirname, resolve, sep } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/load.js";
import { globBase, isGlob, JOURNEY_FILE } from "../discover/files.js";
import type { Labels } from "../i18n/types.js";
import { EventStream } from "./sse.js";
import { previewPage } from "./page.js";
import { PreviewProject, type PreviewSource } from "./project.js";
import { FolderWatcher } from "./watcher.js";

export interface PreviewOptions extends PreviewSource {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Further names the Host header may carry (`--allowed-host`). */
  allowedHosts: string[];
  labels: Labels;
  /** Told about every refresh: which journeys changed and how long re-checking them took. */
  onRefresh?: (keys: string[], milliseconds: number) => void;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Loopback addresses: a preview there is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Host header values the server answers: the address it listens on, `localhost` when that is a
 * loopback address, and the `--allowed-host` names, each with the port. Any other Host (a DNS
 * rebinding page that resolved its own name to this address) gets 403.
 */
export function allowedHostHeaders(host: string, port: number, extra: readonly string[]): Set<string> {
  const withPort = (name: string) => `${isIP(name) === 6 ? `[${name}]` : name}:${port}`.toLowerCase();
  const names = [host, ...extra];
  if (isLoopback(host)) names.push("localhost", "127.0.0.1", "::1");
  return new Set(names.map(withPort));
}

/**
 * Whether an Origin header names the preview itself: `http://` and one of the Host header values
 * it answers (`allowedHostHeaders`). `null` (a sandboxed frame, a file page) is not.
 */
export function allowedOrigin(origin: string, allowedHosts: ReadonlySet<string>): boolean {
  const match = /^http:\/\/([^/]+)$/i.exec(origin.trim());
  return match !== null && allowedHosts.has(match[1].toLowerCase());
}

/**
 * `journey preview`: a read-only local server with one page, the journeys' maps, kept current
 * over Server-Sent Events while the files change. It serves nothing from disk by path: `/` is
 * the page, `/events` the stream, `/mermaid.js` the installed Mermaid bundle; every other path
 * is 404, paths with `..` are 400, methods other than GET and HEAD are 405.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const project = new PreviewProject(options);
  project.reload();
  const events = new EventStream();
  const mermaidPath = (() => {
    try {
      return require.resolve("mermaid/dist/mermaid.min.js");
    } catch {
      return undefined;
    }
  })();
  let mermaid: Buffer | undefined;
  const page = previewPage(options.labels, mermaidPath !== undefined);

  const publish = (keys: readonly string[]) => {
    events.send(
      "list",
      project.list().map((view) => view.key),
    );
    for (const key of keys) {
      const view = project.view(key);
      if (view) events.send("journey", view);
    }
  };
  // The folders of the files selected (also those reached through a link, which trees do not
  // follow) and of their configs; the trees catch journeys saved anywhere below the paths given.
  const folders = () =>
    new Set<string>([options.cwd, ...project.files().map((file) => dirname(file)), ...[...project.configFiles].map((file) => dirname(file))]);
  const trees = (options.paths.length > 0 ? options.paths : ["."]).map((path) => {
    const absolute = resolve(options.cwd, path);
    return existsSync(absolute) || !isGlob(path) ? absolute : globBase(path, options.cwd);
  });
  const relevant = (path: string) => JOURNEY_FILE.test(path) || CONFIG_FILE_NAMES.includes(basename(path)) || project.configFiles.has(path);
  const watcher = new FolderWatcher(relevant, (paths) => {
    // A folder that went away matters when a journey shown or a config was in it: removing a
    // build's output folder does not re-check every journey.
    const shown = [...project.files(), ...project.configFiles];
    const changed = paths.filter((path) => relevant(path) || shown.some((file) => file.startsWith(path + sep)));
    if (changed.length > 0) {
      const started = performance.now();
      const keys = project.refresh(changed);
      publish(keys);
      options.onRefresh?.(keys, performance.now() - started);
    }
    watcher.watchFolders(folders());
  });
  watcher.watchFolders(folders());
  watcher.watchTrees(trees);

  let allowed = new Set<string>();
  const server = createServer((request, response) => handle(request, response));
  function handle(request: IncomingMessage, response: ServerResponse): void {
    const reply = (status: number, text: string) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
      response.end(request.method === "HEAD" ? undefined : `${text}\n`);
    };
    if (!allowed.has((request.headers.host ?? "").toLowerCase()))
      return reply(403, "journey preview answers only requests addressed to it (Host header); start it with --allowed-host <name> to add a name");
    if (request.method !== "GET" && request.method !== "HEAD") return reply(405, "journey preview is read-only");
    const path = (request.url ?? "/").split("?")[0];
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return reply(400, "bad path");
    }
    if (decoded.split(/[/\\]/).includes("..")) return reply(400, "journey preview serves no files by path");
    const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY" };
    if (path === "/") {
      response.writeHead(200, { ...headers, "content-type": "text/html; charset=utf-8" });
      return void response.end(request.method === "HEAD" ? undefined : page);
    }
    if (path === "/events") {
      // The Host rule for the Origin too: a page of another site can open this stream (the
      // browser withholds the events from it, but the server would hold the connection and its
      // buffer), so only the server's own page, or a client that sends no Origin, is answered.
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedOrigin(origin, allowed))
        return reply(403, "journey preview's event stream answers only its own page (Origin header)");
      const list = project.list();
      return events.add(response, [{ event: "list", data: list.map((view) => view.key) }, ...list.map((view) => ({ event: "journey", data: view }))]);
    }
    if (path === "/mermaid.js" && mermaidPath) {
      mermaid ??= readFileSync(mermaidPath);
      response.writeHead(200, { ...headers, "content-type": "text/javascript; charset=utf-8" });
      return void response.end(request.method === "HEAD" ? undefined : mermaid);
    }
    reply(404, "not found");
  }

  try {
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(options.port, options.host, () => done());
    });
  } catch (error) {
    // Nothing may keep the process alive after a failed start: the watches are open already.
    watcher.close();
    events.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  allowed = allowedHostHeaders(options.host, port, options.allowedHosts);
  const shownHost = isIP(options.host) === 6 ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        watcher.close();
        events.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
