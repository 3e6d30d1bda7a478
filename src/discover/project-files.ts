import type { ProjectConfig } from "../config/types.js";
import { discoverFiles, type Discovery } from "./files.js";

/**
 * The journey files of a project, exactly the set `journey lint` checks: the paths given, else
 * the config's `include` (relative to the config file), else the working directory. Lint, the
 * portfolio (`project/load.ts`) and the link checks all take their set from here.
 */
export function projectFiles(paths: readonly string[], config: ProjectConfig, cwd: string): Discovery {
  const options = { ignore: config.ignore, ignoreBase: config.dir };
  if (paths.length > 0) return discoverFiles(paths, { ...options, cwd });
  if (config.include.length > 0) return discoverFiles(config.include, { ...options, cwd: config.dir });
  return discoverFiles(["."], { ...options, cwd });
}
