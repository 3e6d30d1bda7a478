import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readSource, DEFAULT_MAX_FILE_SIZE } from "../load/source.js";
import { parseYaml, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NODES } from "../load/parse.js";
import { schemaFindings } from "../validate/schema.js";
import { validateConfigSchema } from "../validate/schema-validators.js";
import type { FileReport } from "../results.js";
import { readNames } from "./catalog-name.js";
import type { ConfigFile, ProjectConfig } from "./types.js";

export const CONFIG_FILE_NAMES = ["journey.config.yaml", "journey.config.yml"];

/** The nearest journey.config.yaml in `startDir` or a folder above it. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

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
    render: {},
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
      render: data.render ?? {},
      analyze: { columns: data.analyze?.columns ?? {}, memoryLimit: data.analyze?.memory_limit, maxCaseEvents: data.analyze?.max_case_events },
      diff: Object.fromEntries(Object.entries(data.diff ?? {}).map(([kind, setting]) => [kind, typeof setting === "string" ? setting : setting[0]])),
      limits: {
        maxFileSize: data.limits?.max_file_size ?? base.limits.maxFileSize,
        maxAliases: data.limits?.max_aliases ?? base.limits.maxAliases,
        maxNodes: data.limits?.max_nodes ?? base.limits.maxNodes,
      },
    },
  };
}
