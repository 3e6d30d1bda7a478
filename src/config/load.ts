import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readSource, DEFAULT_MAX_FILE_SIZE } from "../load/source.js";
import { readRegularFile } from "../util/regular-file.js";
import { parseYaml, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NODES } from "../load/parse.js";
import { schemaFindings } from "../validate/schema.js";
import { validateConfigSchema } from "../validate/schema-validators.js";
import type { FileReport } from "../results.js";
import { readNames } from "./catalog-name.js";
import type { Locator } from "../load/locator.js";
import type { ConfigFile, ProjectConfig } from "./types.js";

/** The names a project config may have, in the order they are looked for in one folder. */
export const CONFIG_FILE_NAMES = ["journey.config.yaml", "journey.config.yml", "journey.config.json"];

type IgnoredConfigListener = (path: string, reason: string) => void;
let ignoredConfigListener: IgnoredConfigListener | undefined;
const ignoredConfigs = new Set<string>();

/**
 * Who hears of files that look like a config but are not read (a second config name in the same
 * folder, a `"journey"` key in package.json), once each per run: the CLI prints them on stderr, so
 * a setting is never silently ignored.
 */
export function onIgnoredConfig(listener: IgnoredConfigListener | undefined): void {
  ignoredConfigListener = listener;
}

function noteIgnored(path: string, reason: string): void {
  if (ignoredConfigs.has(path)) return;
  ignoredConfigs.add(path);
  ignoredConfigListener?.(path, reason);
}

/**
 * The config file of one folder: the first of `CONFIG_FILE_NAMES` there. The others in the same
 * folder, and a package.json with a `"journey"` key, are noted as ignored.
 */
export function configFileIn(dir: string): string | undefined {
  const present = CONFIG_FILE_NAMES.filter((name) => existsSync(join(dir, name)));
  for (const other of present.slice(1)) noteIgnored(join(dir, other), `ignored: ${present[0]} in the same folder is the config that is read`);
  const packageJson = join(dir, "package.json");
  if (!ignoredConfigs.has(packageJson) && existsSync(packageJson) && hasJourneyKey(packageJson))
    noteIgnored(
      packageJson,
      `has a "journey" key, which journey does not read: move those settings to ${present[0] ?? "journey.config.yaml"} in the same folder`,
    );
  return present[0] === undefined ? undefined : join(dir, present[0]);
}

function hasJourneyKey(packageJson: string): boolean {
  const read = readRegularFile(packageJson, DEFAULT_MAX_FILE_SIZE);
  // Most package.json files have no such key: skip parsing them on lint's start-up path.
  if (!read.bytes || !read.bytes.includes('"journey"')) return false;
  try {
    const data: unknown = JSON.parse(read.bytes.toString("utf8"));
    return typeof data === "object" && data !== null && !Array.isArray(data) && Object.hasOwn(data, "journey");
  } catch {
    return false; // not ours to judge: npm reports a broken package.json
  }
}

/** The nearest project config in `startDir` or a folder above it. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const found = configFileIn(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `portfolio.stale_after`'s default: a map not checked for half a year is stale. */
export const DEFAULT_STALE_AFTER = 180;

export function defaultConfig(dir: string): ProjectConfig {
  return {
    dir,
    extends: "recommended",
    include: [],
    ignore: [],
    rules: {},
    channels: {},
    personas: {},
    teams: {},
    stages: {},
    portfolio: { staleAfter: DEFAULT_STALE_AFTER },
    render: { analysis: [] },
    analyze: { columns: {} },
    diff: {},
    limits: { maxFileSize: DEFAULT_MAX_FILE_SIZE, maxAliases: DEFAULT_MAX_ALIASES, maxNodes: DEFAULT_MAX_NODES },
  };
}

export type ConfigLoad = { config: ProjectConfig; problems?: undefined } | { config?: undefined; problems: FileReport };

/**
 * Reads and validates a config file. A config with any error is not used: the run cannot be
 * trusted, so the caller reports the problems and exits 2.
 */
export function loadConfigFile(path: string): ConfigLoad {
  const filePath = resolve(path);
  const source = readSource(filePath, { maxFileSize: DEFAULT_MAX_FILE_SIZE });
  if (source.finding) return { problems: { filePath, findings: [source.finding] } };
  return loadConfigText(filePath, source.text);
}

/** A config whose text is already read (from disk, or from a git revision by `journey diff`). */
export function loadConfigText(path: string, text: string): ConfigLoad {
  const filePath = resolve(path);
  const base = defaultConfig(dirname(filePath));
  const source = { text };
  const parsed = parseYaml(source.text, { ...base.limits });
  // An empty config (or one with only comments) is valid: every default applies.
  const findings = parsed.findings.filter((f) => f.messageId !== "empty");
  if (parsed.data !== undefined && parsed.data !== null) {
    findings.push(...schemaFindings(validateConfigSchema, parsed.data, parsed.locator));
  }
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) return { problems: { filePath, source: source.text, findings } };
  const data = (parsed.data ?? {}) as ConfigFile;
  return {
    config: {
      ...base,
      path: filePath,
      extends: data.extends ?? base.extends,
      include: data.include ?? [],
      ignore: data.ignore ?? [],
      rules: data.rules ?? {},
      channels: readNames(data.channels),
      personas: readNames(data.personas),
      teams: readNames(data.teams),
      stages: readNames(data.stages),
      portfolio: { staleAfter: data.portfolio?.stale_after ?? DEFAULT_STALE_AFTER },
      render: renderSettings(data.render, parsed.locator),
      analyze: {
        columns: data.analyze?.columns ?? {},
        memoryLimit: data.analyze?.memory_limit,
        maxCaseEvents: data.analyze?.max_case_events,
        delimiter: data.analyze?.delimiter,
        timestampFormat: data.analyze?.timestamp_format,
      },
      diff: Object.fromEntries(Object.entries(data.diff ?? {}).map(([kind, setting]) => [kind, typeof setting === "string" ? setting : setting[0]])),
      limits: {
        maxFileSize: data.limits?.max_file_size ?? base.limits.maxFileSize,
        maxAliases: data.limits?.max_aliases ?? base.limits.maxAliases,
        maxNodes: data.limits?.max_nodes ?? base.limits.maxNodes,
      },
    },
  };
}

/** `render:` as written, with each `render.analysis` entry's position kept for the messages about it. */
function renderSettings(render: ConfigFile["render"], locator: Locator): ProjectConfig["render"] {
  const { analysis = [], ...settings } = render ?? {};
  return {
    ...settings,
    analysis: analysis.map((pattern, i) => {
      const span = locator.span(["render", "analysis", i]);
      return { pattern, line: span.line, column: span.column };
    }),
  };
}
