import { basename, dirname, resolve, sep } from "node:path";
import { checkJourneyText, type CheckedFile } from "../check.js";
import { CONFIG_FILE_NAMES, configFileIn, defaultConfig, loadConfigText, type ConfigLoad } from "../config/load.js";
import { nearestConfigFile as nearestConfig } from "../config/resolve.js";
import { discoverFiles, JOURNEY_FILE } from "../discover/files.js";
import { lintFile } from "../lint/lint-file.js";
import { DEFAULT_MAX_FILE_SIZE, readSource } from "../load/source.js";
import type { FileReport } from "../results.js";
import { compareFindings, FILE_START } from "../finding.js";
import { linkFindings } from "../validate/journey-links.js";
import { indexText, type CatalogEntry, type FileIndex, type Occurrence, type SymbolKind } from "./file-index.js";
import { projectLinkTargets } from "./links.js";

/** One journey or config file of the workspace: its text (an open document's unsaved text, else the file's) and what is known about it. */
export interface ProjectFile {
  path: string;
  kind: "journey" | "config";
  text: string;
  /** True while an editor holds the text (its unsaved text replaces the file's). */
  open: boolean;
  /** Built on first use (`indexText`), then kept until the text changes. */
  readonly index: FileIndex;
  /** Whether `index` is built already. */
  readonly indexed: boolean;
  /** The lint result for a journey, computed on demand and kept until the text or its config changes. */
  checked?: CheckedFile;
}

/**
 * A file whose index is built when first asked for: typing replaces the text on every keystroke,
 * and only the requests (and the workspace-wide ones) need the index.
 */
function projectFile(path: string, kind: "journey" | "config", text: string, open: boolean): ProjectFile {
  let index: FileIndex | undefined;
  return {
    path,
    kind,
    text,
    open,
    get index() {
      return (index ??= indexText(text, kind));
    },
    get indexed() {
      return index !== undefined;
    },
  };
}

/** A config as the project holds it: loaded from its (possibly unsaved) text. */
interface ConfigState {
  load: ConfigLoad;
}

export function isJourneyPath(path: string): boolean {
  return JOURNEY_FILE.test(path);
}

export function isConfigPath(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(basename(path));
}

/**
 * The project model the editor (and the portfolio) work on: the journeys and configs of the
 * workspace folders, found as `journey lint` finds them, each journey checked with lint's own
 * pipeline (`checkJourneyText` + `lintFile`, so findings equal lint's), and indexed: step ids and
 * every reference to them, and the catalogs (channels, personas, teams) with where they are
 * declared and used. Updated per file. Reads only files inside the workspace folders, through
 * `readSource` (`util/regular-file.ts`); never writes.
 */
export class Project {
  readonly folders: string[] = [];
  private readonly files = new Map<string, ProjectFile>();
  private readonly configs = new Map<string, ConfigState>();

  constructor(folders: readonly string[]) {
    for (const folder of folders) this.addFolder(folder);
  }

  /** A workspace folder (an editor without folders gets the folder of the first file it opens). */
  addFolder(folder: string): void {
    const absolute = resolve(folder);
    if (!this.folders.includes(absolute)) this.folders.push(absolute);
  }

  /** Whether a path lies inside one of the workspace folders (the only files the project reads). */
  contains(path: string): boolean {
    const absolute = resolve(path);
    return this.folders.some((folder) => absolute === folder || absolute.startsWith(folder.endsWith(sep) ? folder : folder + sep));
  }

  /** Finds the journeys of every folder (as lint: the nearest config's include and ignore, else the folder) and indexes them. */
  scan(): void {
    for (const folder of this.folders) {
      const configPath = configFileIn(folder);
      const config = configPath ? this.configAt(configPath).load.config : undefined;
      const settings = config ?? defaultConfig(folder);
      const options = { ignore: settings.ignore, ignoreBase: settings.dir };
      const discovery =
        settings.include.length > 0 ? discoverFiles(settings.include, { ...options, cwd: settings.dir }) : discoverFiles(["."], { ...options, cwd: folder });
      for (const file of discovery.files) {
        const path = resolve(folder, file);
        if (this.contains(path) && !this.files.has(path)) this.readFromDisk(path);
      }
    }
  }

  /**
   * Indexes files not indexed yet until `budgetMs` has passed; returns whether some are left. A
   * server calls it between requests, so a large workspace is indexed without keeping them waiting.
   */
  indexSome(budgetMs: number): boolean {
    const end = performance.now() + budgetMs;
    for (const file of this.files.values()) {
      if (file.indexed) continue;
      if (performance.now() > end) return true;
      void file.index;
    }
    return false;
  }

  /** How far indexing is: the files indexed, of all the project holds (for the editor's progress). */
  indexProgress(): { indexed: number; total: number } {
    let indexed = 0;
    for (const file of this.files.values()) if (file.indexed) indexed++;
    return { indexed, total: this.files.size };
  }

  /** An editor's text for a file (opened or changed): replaces the file's text. */
  setText(path: string, text: string, open = true): ProjectFile | undefined {
    const absolute = resolve(path);
    const kind = isConfigPath(absolute) ? "config" : isJourneyPath(absolute) ? "journey" : undefined;
    if (!kind) return undefined;
    const file = projectFile(absolute, kind, text, open);
    this.files.set(absolute, file);
    if (kind === "config") this.configChanged(absolute);
    return file;
  }

  /** The editor closed a file: back to the text on disk (or gone, when it is not there or outside the folders). */
  close(path: string): void {
    const absolute = resolve(path);
    this.files.delete(absolute);
    if (this.contains(absolute)) this.readFromDisk(absolute);
    if (isConfigPath(absolute)) this.configChanged(absolute);
  }

  /** A file changed or was deleted on disk: read it again unless an editor holds it. */
  reload(path: string): void {
    const absolute = resolve(path);
    if (this.files.get(absolute)?.open) return;
    this.files.delete(absolute);
    if (this.contains(absolute)) this.readFromDisk(absolute);
    if (isConfigPath(absolute)) this.configChanged(absolute);
  }

  get(path: string): ProjectFile | undefined {
    return this.files.get(resolve(path));
  }

  journeys(): ProjectFile[] {
    return [...this.files.values()].filter((file) => file.kind === "journey");
  }

  configFiles(): ProjectFile[] {
    return [...this.files.values()].filter((file) => file.kind === "config");
  }

  /** The config a journey gets, as lint finds it: the nearest config file up from the journey's folder (stopping at a `.git`), else the defaults. */
  configFor(path: string): ConfigLoad & { path?: string } {
    const configPath = nearestConfig(path);
    if (!configPath) return { config: defaultConfig(dirname(resolve(path))) };
    return { ...this.configAt(configPath).load, path: configPath };
  }

  /** The lint result of a journey: exactly `journey lint`'s for the file (its config's rules, disable comments, structural checks). */
  check(path: string): CheckedFile | undefined {
    const file = this.get(path);
    if (!file || file.kind !== "journey") return undefined;
    if (file.checked) return file.checked;
    const load = this.configFor(file.path);
    if (!load.config) {
      // lint stops with exit 2 on a config it cannot use; the editor shows why, on the journey's first line.
      const name = load.problems.filePath;
      const findings = load.problems.findings.map((finding) => ({
        ...finding,
        ...FILE_START,
        message: `${basename(name)} cannot be used (line ${finding.line}: ${finding.message}); journey lint stops on it too`,
      }));
      file.checked = { filePath: file.path, source: file.text, findings };
      return file.checked;
    }
    const checked = checkJourneyText(file.path, file.text, load.config);
    lintFile(checked, load.config);
    // Links to other journeys resolve against the workspace's journeys, as lint resolves them against the project's.
    if (checked.links) {
      checked.findings.push(...linkFindings(checked.links, projectLinkTargets(this), checked.journeyId));
      checked.findings.sort(compareFindings);
    }
    file.checked = checked;
    return checked;
  }

  /**
   * A journey's text changed (its id or steps may have): the files whose links were resolved
   * against it are checked again on demand. Returns their paths, for the editor to re-check the open ones.
   */
  linksChanged(path: string): string[] {
    const absolute = resolve(path);
    const stale: string[] = [];
    for (const file of this.files.values()) {
      if (file.path === absolute || !file.checked?.links) continue;
      file.checked = undefined;
      stale.push(file.path);
    }
    return stale;
  }

  /** The problems of a config that cannot be used (lint then exits 2 naming them). */
  configProblems(path: string): FileReport | undefined {
    return this.configAt(resolve(path)).load.problems;
  }

  /** Every catalog entry a journey can use: its own `channels`, then its config's channels, personas and teams. */
  catalogFor(path: string): (CatalogEntry & { file: string })[] {
    const entries: (CatalogEntry & { file: string })[] = [];
    const own = this.get(path);
    if (own?.kind === "journey") entries.push(...own.index.catalog.map((entry) => ({ ...entry, file: own.path })));
    const configPath = own?.kind === "config" ? own.path : nearestConfig(path);
    const config = configPath ? this.configIndex(configPath) : undefined;
    if (config && configPath) entries.push(...config.catalog.map((entry) => ({ ...entry, file: configPath })));
    return entries;
  }

  /** The files a catalog id of `kind` is declared or used in, for references and rename: the config and every journey that uses that config. */
  occurrencesOf(kind: Exclude<SymbolKind, "step">, id: string, configPath: string | undefined): { file: string; occurrence: Occurrence }[] {
    const found: { file: string; occurrence: Occurrence }[] = [];
    const files = [...this.files.values()].filter((file) => (file.kind === "config" ? file.path === configPath : nearestConfig(file.path) === configPath));
    for (const file of files)
      for (const occurrence of file.index.occurrences) if (occurrence.kind === kind && occurrence.id === id) found.push({ file: file.path, occurrence });
    return found;
  }

  /** The config file a journey is checked with, if any. */
  configPathFor(path: string): string | undefined {
    return isConfigPath(path) ? resolve(path) : nearestConfig(path);
  }

  private configIndex(configPath: string): FileIndex | undefined {
    const open = this.files.get(configPath);
    if (open) return open.index;
    if (!this.contains(configPath)) return undefined;
    this.readFromDisk(configPath);
    return this.files.get(configPath)?.index;
  }

  private configAt(configPath: string): ConfigState {
    let state = this.configs.get(configPath);
    if (state) return state;
    const held = this.files.get(configPath);
    let text = held?.text;
    if (text === undefined && !this.contains(configPath)) {
      const finding = {
        ...FILE_START,
        ruleId: "syntax",
        severity: "error" as const,
        message: "the config is outside the workspace folders, which are all journey lsp reads: open its folder",
      };
      state = { load: { problems: { filePath: configPath, findings: [finding] } } };
      this.configs.set(configPath, state);
      return state;
    }
    if (text === undefined) {
      const source = readSource(configPath, { maxFileSize: DEFAULT_MAX_FILE_SIZE });
      if (source.finding) {
        state = { load: { problems: { filePath: configPath, findings: [source.finding] } } };
        this.configs.set(configPath, state);
        return state;
      }
      text = source.text;
      if (this.contains(configPath)) this.files.set(configPath, projectFile(configPath, "config", text, false));
    }
    state = { load: loadConfigText(configPath, text) };
    this.configs.set(configPath, state);
    return state;
  }

  /** A config changed: forget it, and every journey's lint result (they are checked again on demand). */
  private configChanged(configPath: string): void {
    this.configs.delete(configPath);
    for (const file of this.files.values()) file.checked = undefined;
  }

  private readFromDisk(path: string): void {
    const kind = isConfigPath(path) ? "config" : isJourneyPath(path) ? "journey" : undefined;
    if (!kind) return;
    const source = readSource(path, { maxFileSize: DEFAULT_MAX_FILE_SIZE });
    if (source.finding) return;
    this.files.set(path, projectFile(path, kind, source.text, false));
  }
}
