import {
  createConnection,
  DidChangeWatchedFilesNotification,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { createServerSocketTransport } from "vscode-jsonrpc/node";
import { dirname } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { rulesMeta as buildRulesMeta } from "../lint/rules-meta.js";
import { isConfigPath, Project, type ProjectFile } from "../project/project.js";
import { codeActions, PLACE_CURSOR } from "./code-actions.js";
import { complete } from "./completion.js";
import { definition, references } from "./definition.js";
import { toDiagnostics } from "./diagnostics.js";
import { hover } from "./hover.js";
import { prepareRename, rename } from "./rename.js";
import { documentSymbols } from "./symbols.js";
import { pathOf, type Workspace } from "./workspace.js";

export type Transport = { kind: "stdio" } | { kind: "node-ipc" } | { kind: "socket"; port: number };

export interface ServerOptions {
  transport: Transport;
  /** The folder of the rules' pages (`docs/rules/` on the project's site). */
  docsBase: string;
  version: string;
}

/** The server's debounce: diagnostics follow the last keystroke by this much (at most 300 ms, as the brief of issue 24 asks). */
export const DIAGNOSTICS_DELAY_MS = 100;

/**
 * `journey lsp`: the language server for journey files and journey.config.yaml, on the project
 * model (`src/project/`). Diagnostics as you type (lint's own), completion, definition and
 * references, hover, rename, code actions and the outline; one provider per file in `src/lsp/`.
 * Never writes a file (edits go back as `WorkspaceEdit`s), opens no network connection but the
 * client's own socket on 127.0.0.1, and answers every request (empty on broken text).
 */
export function startServer(options: ServerOptions): Connection {
  const connection = openConnection(options.transport);
  const documents = new TextDocuments(TextDocument);
  const workspace: Workspace = { project: new Project([]), rulesMeta: buildRulesMeta(options.docsBase) };
  const timers = new Map<string, NodeJS.Timeout>();
  let annotations = false;
  let placeCursor = false;
  let progress = false;
  let watchRegistration = false;

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined) ?? [];
    const root = params.rootUri ? pathOf(params.rootUri) : (params.rootPath ?? undefined);
    if (folders.length === 0 && root) folders.push(root);
    workspace.project = new Project(folders);
    annotations = params.capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    progress = params.capabilities.window?.workDoneProgress === true;
    placeCursor = clientCommands(params.capabilities.experimental).includes(PLACE_CURSOR);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [":", " ", ",", "[", "-"] },
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        documentSymbolProvider: true,
      },
      serverInfo: { name: "journey", version: options.version },
    };
  });

  connection.onInitialized(() => {
    if (watchRegistration)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.journey.{yaml,yml}" }, { globPattern: "**/journey.config.{yaml,yml,json}" }],
      });
    // The workspace's journeys are indexed after the handshake, so the first requests are not kept waiting.
    // Then indexed in slices of 20 ms, each after the requests waiting, until every file is; a
    // client that shows progress sees "Indexing journeys" with the count (its end is when the
    // whole workspace answers references and renames).
    void (async () => {
      const reporter = progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      reporter?.begin("journey: indexing", 0, "finding the journeys", false);
      let reported = 0;
      const indexSlice = () => {
        if (safely(() => workspace.project.indexSome(20), false)) {
          const { indexed, total } = workspace.project.indexProgress();
          const percentage = Math.floor((100 * indexed) / Math.max(total, 1));
          if (percentage >= reported + 5) reporter?.report((reported = percentage), `${indexed} of ${total} files`);
          setImmediate(indexSlice);
        } else reporter?.done();
      };
      setImmediate(() => {
        safely(() => workspace.project.scan(), undefined);
        setImmediate(indexSlice);
      });
    })();
  });

  const fileOf = (uri: string): ProjectFile | undefined => {
    const path = pathOf(uri);
    if (!path) return undefined;
    const held = workspace.project.get(path);
    if (held?.open) return held;
    const document = documents.get(uri);
    return document ? workspace.project.setText(path, stripBom(document.getText())) : held;
  };

  const publish = (uri: string) => {
    timers.delete(uri);
    const file = fileOf(uri);
    if (!file || file.kind !== "journey") {
      if (file?.kind === "config") {
        const problems = workspace.project.configProblems(file.path);
        void connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(problems?.findings ?? [], workspace.rulesMeta, uri) });
      }
      return;
    }
    const checked = safely(() => workspace.project.check(file.path), undefined);
    void connection.sendDiagnostics({
      uri,
      version: documents.get(uri)?.version,
      diagnostics: toDiagnostics(checked?.findings ?? [], workspace.rulesMeta, uri),
    });
  };

  const schedule = (uri: string, delay = DIAGNOSTICS_DELAY_MS) => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => safely(() => publish(uri), undefined), delay),
    );
  };

  /** A config changed: every open journey is checked again (its rules or catalog may differ). */
  const recheckOpen = () => {
    for (const document of documents.all()) schedule(document.uri);
  };

  /** A journey changed: the open journeys whose links resolve against it are checked again. */
  const recheckLinking = (path: string) => {
    const stale = new Set(safely(() => workspace.project.linksChanged(path), []));
    if (stale.size === 0) return;
    for (const document of documents.all()) if (stale.has(pathOf(document.uri) ?? "")) schedule(document.uri);
  };

  const update = (document: TextDocument) => {
    const path = pathOf(document.uri);
    if (!path) return;
    // An editor that opened a file without a workspace folder: that file's folder is the workspace.
    if (workspace.project.folders.length === 0) workspace.project.addFolder(dirname(path));
    const file = safely(() => workspace.project.setText(path, stripBom(document.getText())), undefined);
    if (file?.kind === "config") recheckOpen();
    else {
      schedule(document.uri);
      if (file) recheckLinking(path);
    }
  };

  documents.onDidOpen(({ document }) => update(document));
  documents.onDidChangeContent(({ document }) => update(document));
  documents.onDidClose(({ document }) => {
    const path = pathOf(document.uri);
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    if (path) safely(() => workspace.project.close(path), undefined);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    if (path && isConfigPath(path)) recheckOpen();
    else if (path) recheckLinking(path);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let config = false;
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (!path) continue;
      safely(() => workspace.project.reload(path), undefined);
      if (isConfigPath(path)) config = true;
      else recheckLinking(path);
    }
    if (config) recheckOpen();
  });

  const at = <T>(uri: string, position: { line: number; character: number }, empty: T, run: (file: ProjectFile, offset: number) => T): T =>
    safely(() => {
      const file = fileOf(uri);
      const document = documents.get(uri);
      if (!file) return empty;
      const offset = document ? document.offsetAt(position) - (document.getText().startsWith("\uFEFF") ? 1 : 0) : 0;
      return run(file, Math.max(0, offset));
    }, empty);

  connection.onCompletion(({ textDocument, position }) => at(textDocument.uri, position, [], (file, offset) => complete(workspace, file, offset)));
  connection.onDefinition(({ textDocument, position }) => at(textDocument.uri, position, [], (file, offset) => definition(workspace, file, offset)));
  connection.onReferences(({ textDocument, position, context }) =>
    at(textDocument.uri, position, [], (file, offset) => references(workspace, file, offset, context.includeDeclaration)),
  );
  connection.onHover(({ textDocument, position }) => at(textDocument.uri, position, null, (file, offset) => hover(workspace, file, offset)));
  connection.onPrepareRename(({ textDocument, position }) => at(textDocument.uri, position, null, (file, offset) => prepareRename(workspace, file, offset)));
  // Rename's refusals (not an id, a taken id) are errors the client shows; anything else answers null.
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const file = fileOf(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!file || !document) return null;
    try {
      return rename(workspace, file, document.offsetAt(position), newName, { annotations });
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      return safely(() => {
        throw error;
      }, null);
    }
  });
  connection.onCodeAction(({ textDocument, range, context }) =>
    at(textDocument.uri, range.start, [], (file) => {
      const checked = workspace.project.check(file.path);
      return codeActions(file, checked?.findings ?? [], range, workspace.rulesMeta, { only: context.only, placeCursor });
    }),
  );
  connection.onDocumentSymbol(({ textDocument }) => at(textDocument.uri, { line: 0, character: 0 }, [], (file) => documentSymbols(file)));

  documents.listen(connection);
  connection.listen();
  return connection;
}

function openConnection(transport: Transport): Connection {
  if (transport.kind === "node-ipc") return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  if (transport.kind === "socket") {
    const [reader, writer] = createServerSocketTransport(transport.port);
    return createConnection(ProposedFeatures.all, reader, writer);
  }
  return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

/** The commands a client runs itself, declared as rust-analyzer's clients do: `experimental.commands.commands`. */
function clientCommands(experimental: unknown): string[] {
  const commands = (experimental as { commands?: { commands?: unknown } } | undefined)?.commands?.commands;
  return Array.isArray(commands) ? commands.filter((command): command is string => typeof command === "string") : [];
}

function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** Runs a provider; on an exception (half-typed text the provider did not expect) answers `empty` rather than failing the request. */
function safely<T>(run: () => T, empty: T): T {
  try {
    return run();
  } catch (error) {
    process.stderr.write(`journey lsp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return empty;
  }
}
