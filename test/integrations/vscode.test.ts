// The VS Code extension (integrations/vscode/): built and packaged with vsce as CI does, its
// manifest and .vsix checked, the journey bundled inside it run from the unpacked .vsix the way
// vscode-languageclient forks it, and which journey the extension picks (server-path.ts, which
// does not import `vscode`, so plain Node runs it here).
import { execFileSync, fork } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import { isJourneyFile, PLACE_CURSOR_COMMAND, previewAddress, resolveJourney, workspaceJourney } from "../../integrations/vscode/src/server-path.js";
import { PLACE_CURSOR } from "../../src/lsp/code-actions.js";
import { removeTempProjects, ROOT, tempProject } from "../helpers/index.js";
import { CHECKOUT, CONFIG } from "../lsp/fixtures.js";

const EXTENSION = join(ROOT, "integrations", "vscode");

afterAll(removeTempProjects);

/** The entries of a zip file (a .vsix), read from its central directory; `read` inflates one. */
function readZip(zip: Buffer): { names: string[]; read: (name: string) => Buffer } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = new Map<string, { method: number; size: number; local: number }>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry at ${offset}`);
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    entries.set(zip.toString("utf8", offset + 46, offset + 46 + nameLength), { method, size, local });
    offset += 46 + nameLength + extra + comment;
  }
  const read = (name: string): Buffer => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`${name} is not in the .vsix`);
    const start = entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28);
    const data = zip.subarray(start, start + entry.size);
    return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
  };
  return { names: [...entries.keys()], read };
}

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, unknown> };
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
}

describe("the VS Code extension", () => {
  let vsix: Buffer;
  let zip: ReturnType<typeof readZip>;
  let packageSeconds = 0;

  beforeAll(() => {
    const started = performance.now();
    const out = join(tempProject(), "journey-maps.vsix");
    // vsce runs the manifest's vscode:prepublish (build.mjs) first. --no-dependencies: the
    // extension's files are bundles, so vsce does not list npm's. It needs neither the network nor
    // @vscode/vsce-sign's binary (whose install script is not run) to package.
    execFileSync(join(ROOT, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--out", out], {
      cwd: EXTENSION,
      stdio: "pipe",
      env: { ...process.env, VSCE_TELEMETRY: "0" },
    });
    packageSeconds = (performance.now() - started) / 1000;
    vsix = readFileSync(out);
    zip = readZip(vsix);
  }, 120_000);

  it("packages with vsce: manifest, activation, commands, settings, and every file they name inside", () => {
    const manifest = JSON.parse(zip.read("extension/package.json").toString("utf8")) as Manifest;
    expect(manifest).toMatchObject({ name: "journey-maps", publisher: "journey-maps", engines: { vscode: "^1.91.0" }, main: "./dist/extension.js" });
    expect(manifest.activationEvents).toContain("workspaceContains:**/*.journey.{yaml,yml}");
    expect(manifest.contributes.commands).toContainEqual({ command: "journey.openPreview", title: "Open preview", category: "Journey" });
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(expect.arrayContaining(["journey.path", "journey.trace.server"]));
    const inside = (url: string) => `extension/${url.replace(/^\.\//, "")}`;
    expect(zip.names).toContain(inside(manifest.main));
    const byFile = Object.fromEntries(manifest.contributes.yamlValidation.flatMap((entry) => entry.fileMatch.map((match) => [match, entry.url])));
    expect(byFile["*.journey.yaml"]).toMatch(/journey\.schema\.json$/);
    expect(byFile["*.journey.yml"]).toBe(byFile["*.journey.yaml"]);
    expect(byFile["journey.config.yaml"]).toMatch(/journey-config\.schema\.json$/);
    for (const url of Object.values(byFile)) {
      // The schema as the repository publishes it, byte for byte.
      const name = url.split("/").at(-1)!;
      expect(zip.read(inside(url)).equals(readFileSync(join(ROOT, "schemas", name)))).toBe(true);
    }
  });

  it("bundles its client whole: dist/extension.js requires only `vscode` and Node's own modules", () => {
    const client = zip.read("extension/dist/extension.js").toString("utf8");
    const required = new Set([...client.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]));
    expect(required).toContain("vscode");
    expect([...required].filter((name) => name !== "vscode" && !builtinModules.includes(name.replace(/^node:/, "")))).toEqual([]);
  });

  it("is small: bundles only, no sources, no npm dependencies but picomatch and ajv's runtime helpers, each bundled", () => {
    expect(vsix.length).toBeLessThan(1_500_000);
    expect(zip.names.filter((name) => name.endsWith(".ts") || name.endsWith(".map") || name.endsWith(".v8cache"))).toEqual([]);
    expect(new Set(zip.names.filter((name) => name.includes("node_modules/")).map((name) => name.replace(/\/[^/]*$/, "")))).toEqual(
      new Set(["extension/server/node_modules/picomatch", "extension/server/node_modules/ajv", "extension/server/node_modules/ajv/dist/runtime"]),
    );
    expect(zip.names).toEqual(expect.arrayContaining(["extension/server/bin/journey.cjs", "extension/server/dist/cli/lsp.cjs", "extension/LICENSE.txt"]));
    // Every file the CLI's bundle is split into (scripts/bundle.mjs) is there: journey.cjs requires them.
    const cli = readdirSync(join(ROOT, "dist", "cli")).filter((name) => name.endsWith(".cjs"));
    expect(zip.names).toEqual(expect.arrayContaining(cli.map((name) => `extension/server/dist/cli/${name}`)));
    expect(packageSeconds).toBeLessThan(60);
  });

  it("runs its bundled journey from the unpacked .vsix, forked as vscode-languageclient forks a module server", async () => {
    // Unpacked away from the repository, so nothing resolves from its node_modules.
    const unpacked = tempProject();
    for (const name of zip.names.filter((entry) => entry.startsWith("extension/server/"))) {
      const target = join(unpacked, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, zip.read(name));
    }
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, ".git/HEAD": "" });
    const launch = resolveJourney({ folders: [dir], extensionPath: join(unpacked, "extension"), trusted: true });
    expect(launch).toMatchObject({ kind: "module", source: "bundled" });
    // vscode-languageclient's TransportKind.ipc: fork(module, [...args, "--node-ipc", "--clientProcessId=<pid>"]).
    const child = fork(launch.kind === "module" ? launch.module : "", ["lsp", "--node-ipc", `--clientProcessId=${process.pid}`], {
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const received = new Promise<{ code: string; codeDescription?: { href: string } }[]>((resolve) =>
      connection.onNotification("textDocument/publishDiagnostics", (params: { diagnostics: { code: string; codeDescription?: { href: string } }[] }) =>
        resolve(params.diagnostics),
      ),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
    const uri = pathToFileURL(dir).href;
    const initialized = await connection.sendRequest<{ serverInfo: { name: string; version: string } }>("initialize", {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: "t" }],
      capabilities: {},
    });
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(initialized.serverInfo).toEqual({ name: "journey", version });
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: pathToFileURL(join(dir, "checkout.journey.yaml")).href, languageId: "yaml", version: 1, text: CHECKOUT },
    });
    const diagnostics = await received;
    expect(diagnostics.map((d) => d.code)).toContain("channel-unknown");
    expect(diagnostics.find((d) => d.code === "channel-unknown")?.codeDescription?.href).toMatch(/docs\/rules\/channel-unknown\.md$/);
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).toBe("");
  });
});

describe("which journey the extension runs (server-path.ts)", () => {
  const extensionPath = "/opt/vscode/extensions/journey-maps";
  const bundled = join(extensionPath, "server", "bin", "journey.cjs");
  /** A workspace with journey-maps installed; `withServer: false` is a version without `journey lsp`. */
  const installed = (withServer = true) =>
    tempProject({
      "package.json": "{}",
      "node_modules/journey-maps/package.json": '{ "name": "journey-maps", "version": "0.1.0" }',
      "node_modules/journey-maps/bin/journey.cjs": "",
      ...(withServer ? { "node_modules/journey-maps/dist/cli/lsp.cjs": "" } : {}),
    });

  it("prefers the workspace's journey-maps, found as Node resolves it (also from a folder below it)", () => {
    const dir = installed();
    const bin = join(dir, "node_modules", "journey-maps", "bin", "journey.cjs");
    expect(resolveJourney({ folders: [dir], extensionPath, trusted: true })).toMatchObject({ kind: "module", module: bin, source: "workspace" });
    const nested = join(dir, "packages", "journeys");
    mkdirSync(nested, { recursive: true });
    expect(workspaceJourney(nested)).toBe(bin);
    const empty = tempProject();
    expect(resolveJourney({ folders: [empty, dir], extensionPath, trusted: true })).toMatchObject({ module: bin, source: "workspace" });
  });

  const cases: { name: string; folders: () => string[]; trusted: boolean; configuredPath?: string; expected: object }[] = [
    {
      name: "nothing installed: the bundled copy",
      folders: () => [tempProject()],
      trusted: true,
      expected: { kind: "module", module: bundled, source: "bundled" },
    },
    {
      name: "an installed version without the language server: the bundled copy",
      folders: () => [installed(false)],
      trusted: true,
      expected: { module: bundled, source: "bundled" },
    },
    {
      name: "an untrusted workspace never runs its node_modules",
      folders: () => [installed()],
      trusted: false,
      expected: { module: bundled, source: "bundled", detail: expect.stringContaining("not trusted") as unknown },
    },
    {
      name: "journey.path to a bin/journey.cjs: forked as a module",
      folders: () => [installed()],
      trusted: true,
      configuredPath: " /src/journey/bin/journey.cjs ",
      expected: { kind: "module", module: "/src/journey/bin/journey.cjs", source: "setting" },
    },
    {
      name: "journey.path to an executable: run as a command",
      folders: () => [installed()],
      trusted: true,
      configuredPath: "/usr/local/bin/journey",
      expected: { kind: "command", command: "/usr/local/bin/journey", source: "setting" },
    },
    { name: "no workspace folder: the bundled copy", folders: () => [], trusted: true, expected: { module: bundled, source: "bundled" } },
  ];
  it.each(cases)("$name", ({ folders, trusted, configuredPath, expected }) => {
    expect(resolveJourney({ folders: folders(), extensionPath, trusted, configuredPath })).toMatchObject(expected);
  });

  it("implements the cursor command the server attaches (the extension cannot import the server's module)", () => {
    expect(PLACE_CURSOR_COMMAND).toBe(PLACE_CURSOR);
  });

  it("starts the server for journey files and configs only (it activates on any YAML file)", () => {
    const served = ["/w/a.journey.yaml", "/w/a.journey.yml", "/w/journey.config.yaml", "/w/journey.config.yml", "C:\\w\\journey.config.json"];
    const other = ["/w/docker-compose.yaml", "/w/journey.yaml", "/w/my-journey.config.yaml", "/w/a.journey.yaml.bak"];
    expect(served.filter(isJourneyFile)).toEqual(served);
    expect(other.filter(isJourneyFile)).toEqual([]);
  });

  it("reads the address journey preview prints", () => {
    expect(previewAddress("journey preview: http://127.0.0.1:41234/  (Ctrl-C to stop)\n")).toBe("http://127.0.0.1:41234/");
    expect(previewAddress("journey: watching 3 files\n")).toBeUndefined();
  });
});
