import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { toPosix } from "../util/paths.js";
import { createRequire } from "node:module";
import type picomatchType from "picomatch";

// picomatch loads only when an ignore pattern or a glob needs it: most runs name plain paths.
let matcher: typeof picomatchType | undefined;
const picomatch = (): typeof picomatchType => (matcher ??= createRequire(import.meta.url)("picomatch") as typeof picomatchType);

export const JOURNEY_FILE = /\.journey\.ya?ml$/;
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

export interface Discovery {
  /** Absolute paths, without duplicates, in a stable order. */
  files: string[];
  /** Arguments that matched no journey file, as given. */
  unmatched: string[];
}

export interface DiscoveryOptions {
  cwd: string;
  /** Glob patterns of files that folder and glob arguments skip, relative to `ignoreBase`. */
  ignore: string[];
  ignoreBase: string;
}

/**
 * Expands command-line paths: a file is taken as it is; a folder means every `*.journey.yaml`
 * or `*.journey.yml` below it; anything else is a glob. Folders `node_modules` and `.git` are
 * never entered, and a symbolic link back into a folder already seen is not followed again.
 */
export function discoverFiles(paths: readonly string[], options: DiscoveryOptions): Discovery {
  const isIgnored = options.ignore.length > 0 ? picomatch()(options.ignore, { dot: true }) : () => false;
  const ignored = (file: string) => isIgnored(toPosix(relative(options.ignoreBase, file)));
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const given of paths) {
    const absolute = resolve(options.cwd, given);
    let found: string[];
    const kind = statKind(absolute);
    if (kind === "file") {
      found = [absolute];
    } else if (kind === "dir") {
      found = walk(absolute, (file) => JOURNEY_FILE.test(file)).filter((file) => !ignored(file));
    } else if (isGlob(given)) {
      found = expandGlob(given, options.cwd).filter((file) => !ignored(file));
    } else {
      found = [];
    }
    if (found.length === 0) unmatched.push(given);
    for (const file of found) files.add(file);
  }
  return { files: [...files], unmatched };
}

/** Whether a command-line argument is a glob pattern (rather than a path). */
export function isGlob(given: string): boolean {
  return picomatch().scan(given).isGlob;
}

/** Files matching a glob, below the glob's base folder, sorted; same walk as journey files. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const scan = picomatch().scan(pattern);
  const baseDir = resolve(cwd, scan.base || ".");
  const absolutePattern = toPosix(isAbsolute(pattern) ? pattern : join(cwd, pattern));
  const matches = picomatch()(absolutePattern, { dot: false });
  return walk(baseDir, (file) => matches(toPosix(file)));
}

function statKind(path: string): "file" | "dir" | "missing" {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? "dir" : "file";
  } catch {
    return "missing";
  }
}

/** Files below `root` accepted by `accept`, sorted, walking without recursion. */
function walk(root: string, accept: (file: string) => boolean): string[] {
  const results: string[] = [];
  const visited = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue;
    }
    if (visited.has(real)) continue; // a symlink loop, or a folder reached twice
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to check below it
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const kind = statKind(path);
        isDir = kind === "dir";
        isFile = kind === "file";
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) subdirs.push(path);
      } else if (isFile && accept(path)) {
        results.push(path);
      }
    }
    subdirs.sort().reverse();
    pending.push(...subdirs);
  }
  return results.sort(comparePaths);
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
