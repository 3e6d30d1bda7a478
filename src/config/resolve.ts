import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FileReport } from "../results.js";
import { configFileIn, defaultConfig, loadConfigFile, type ConfigLoad } from "./load.js";
import type { ProjectConfig } from "./types.js";

/**
 * The nearest journey.config.yaml for a journey file, as Prettier and ESLint's flat config find
 * theirs: walking up from the file's own folder (not the working directory) and stopping at the
 * repository root, the first folder with a `.git`. The nearest config wins; configs never merge.
 */
export function nearestConfigFile(filePath: string): string | undefined {
  let dir = dirname(resolve(filePath));
  for (;;) {
    const found = configFileIn(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, ".git"))) return undefined;
    dir = parent;
  }
}

export interface ConfigGroup {
  config: ProjectConfig;
  /** The files this config applies to, in the order they were given. */
  files: string[];
}

export type Grouping = { groups: ConfigGroup[]; problems?: undefined } | { groups?: undefined; problems: FileReport[] };

/**
 * Splits journey files by the config each one gets: `fixed` (from --config) for all of them, else
 * each file's nearest config, else the defaults (relative paths resolved against `cwd`). Each
 * config file is read once. Any config with errors makes the whole run untrustworthy: all of
 * them are returned as problems.
 */
export function groupByConfig(files: readonly string[], cwd: string, fixed?: ProjectConfig): Grouping {
  if (fixed) return { groups: files.length > 0 ? [{ config: fixed, files: [...files] }] : [] };
  const loads = new Map<string, ConfigLoad>();
  const groups = new Map<string, ConfigGroup>();
  const problems: FileReport[] = [];
  const nearestByDir = new Map<string, string | undefined>();
  for (const file of files) {
    const dir = dirname(file);
    if (!nearestByDir.has(dir)) nearestByDir.set(dir, nearestConfigFile(file));
    const path = nearestByDir.get(dir);
    const key = path ?? "";
    let load = loads.get(key);
    if (!load) {
      load = path ? loadConfigFile(path) : { config: defaultConfig(cwd) };
      loads.set(key, load);
      if (load.problems) problems.push(load.problems);
    }
    if (!load.config) continue;
    const group = groups.get(key) ?? { config: load.config, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  return problems.length > 0 ? { problems } : { groups: [...groups.values()] };
}
