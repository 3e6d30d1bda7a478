import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defaultConfig, findConfigFile, loadConfigFile } from "../config/load.js";
import type { ProjectConfig } from "../config/types.js";
import { MAX_WALK_ENTRIES } from "../discover/files.js";
import { projectFiles } from "../discover/project-files.js";
import type { FileReport } from "../results.js";
import { UsageError } from "./errors.js";

export type ConfigResolution = { config: ProjectConfig; problems?: undefined } | { config?: undefined; problems: FileReport };

/** The config named by `--config`, else the nearest journey.config.yaml, else the defaults. */
export function resolveConfig(cwd: string, configOption: string | undefined): ConfigResolution {
  if (configOption !== undefined) {
    const path = resolve(cwd, configOption);
    if (!existsSync(path)) throw new UsageError(`config file not found: ${configOption}`);
    return loadConfigFile(path);
  }
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found) : { config: defaultConfig(cwd) };
}

/**
 * The journey files a command works on: the paths given, else the config's `include`
 * (relative to the config file), else the working directory.
 */
export function selectFiles(paths: readonly string[], config: ProjectConfig, cwd: string) {
  return projectFiles(paths, config, cwd);
}

/**
 * Paths given that matched no journey file, and walks stopped at the limit: named on stderr.
 * Returns whether there were any: the run then exits 2 (after checking the files found, unless a
 * walk was stopped).
 */
export function reportUnmatched({ unmatched, truncated }: { unmatched: readonly string[]; truncated: readonly string[] }): boolean {
  for (const given of unmatched) process.stderr.write(`journey: no journey files found for \`${given}\` (looked for *.journey.yaml and *.journey.yml)\n`);
  for (const given of truncated) {
    process.stderr.write(
      `journey: stopped walking \`${given}\` after ${MAX_WALK_ENTRIES.toLocaleString("en")} entries (a link to / or a huge folder?); nothing was checked: name the folders that hold journeys, or add ignore patterns\n`,
    );
  }
  return unmatched.length > 0 || truncated.length > 0;
}
