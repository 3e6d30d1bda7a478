import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { defaultConfig, findConfigFile, loadConfigFile } from "../config/load.js";
import type { ProjectConfig } from "../config/types.js";
import { MAX_WALK_ENTRIES, type Discovery } from "../discover/files.js";
import { visibleText } from "../escape/terminal.js";
import { toPosix } from "../util/paths.js";
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
 * Paths given that matched no journey file, walks stopped at the limit, and what a walk could not
 * check (a folder it may not list, a named pipe named like a journey): named on stderr. Returns
 * whether there were any: the run then exits 2 (after checking the files found, unless a walk was
 * stopped).
 */
export function reportUnmatched({ unmatched, truncated, skipped }: Pick<Discovery, "unmatched" | "truncated" | "skipped">): boolean {
  for (const given of unmatched) process.stderr.write(`journey: no journey files found for \`${given}\` (looked for *.journey.yaml and *.journey.yml)\n`);
  for (const given of truncated) {
    process.stderr.write(
      `journey: stopped walking \`${given}\` after ${MAX_WALK_ENTRIES.toLocaleString("en")} entries (a link to / or a huge folder?); nothing was checked: name the folders that hold journeys, or add ignore patterns\n`,
    );
  }
  for (const { path, kind, reason } of skipped) {
    const shown = visibleText(toPosix(relative(process.cwd(), path)) || path);
    process.stderr.write(
      kind === "folder"
        ? `journey: could not read the folder \`${shown}\` (${reason}): the journeys in it were not checked\n`
        : `journey: \`${shown}\` was not checked: ${reason}\n`,
    );
  }
  return unmatched.length > 0 || truncated.length > 0 || skipped.length > 0;
}
