import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FileReport } from "../results.js";
import { configFileIn, defaultConfig, loadConfigFile, type ConfigLoad } from "./load.js";
import type { ProjectConfig } from "./types.js";

/**
 * The nearest journey.config.yaml for a journey file, as Prettier and ESLint's flat config find
 * theirs: walking up from the file's own folder (not the working directory) and stopping at the
 * repository root, the first folder with a `.git`. The nearest config wins; configs never merge.
 * With `cache`, every folder the walk passes gets the answer (they all share it), and a walk ends
 * at the first folder already answered: 2,000 files in 400 folders of one project look at each
 * folder once, not once per folder below it (a quarter of the file checks).
 */
export function nearestConfigFile(filePath: string, cache?: Map<string, string | undefined>): string | undefined {
  const passed: string[] = [];
  let dir = dirname(resolve(filePath));
  let found: string | undefined;
  for (;;) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    passed.push(dir);
    found = configFileIn(dir);
    if (found) break;
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, ".git"))) break;
    dir = parent;
  }
  if (cache) for (const folder of passed) cache.set(folder, found);
  return found;
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
 * config file is read once, and not at all when it is `known`, a config the caller has just loaded
 * from its file (the working directory's, which a one-file lint would otherwise parse twice). Any
 * config with errors makes the whole run untrustworthy: all of them are returned as problems.
 */
export function groupByConfig(files: readonly string[], cwd: string, fixed?: ProjectConfig, known?: ProjectConfig): Grouping {
  if (fixed) return { groups: files.length > 0 ? [{ config: fixed, files: [...files] }] : [] };
  const loads = new Map<string, ConfigLoad>();
  if (known?.path !== undefined) loads.set(known.path, { config: known });
  const groups = new Map<string, ConfigGroup>();
  const problems: FileReport[] = [];
  const nearestByDir = new Map<string, string | undefined>();
  for (const file of files) {
    const path = nearestConfigFile(file, nearestByDir);
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
