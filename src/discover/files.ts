import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { toPosix } from "../util/paths.js";
import { fileKind } from "../util/regular-file.js";
import { requireFrom } from "../util/require-from.js";
import type picomatchType from "picomatch";

// picomatch loads only when an ignore pattern or a glob needs it: most runs name plain paths.
let matcher: typeof picomatchType | undefined;
const picomatch = (): typeof picomatchType => (matcher ??= requireFrom(import.meta.url)("picomatch") as typeof picomatchType);

export const JOURNEY_FILE = /\.journey\.ya?ml$/;
/** Folders no walk enters. */
export const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

export interface Discovery {
  /** Absolute paths, without duplicates, in a stable order. */
  files: string[];
  /** Arguments that matched no journey file, as given. */
  unmatched: string[];
  /** Arguments whose walk stopped at `MAX_WALK_ENTRIES`: the files found so far are listed, the rest unseen. */
  truncated: string[];
  /** What a walk met and could not check: a folder it may not list, a file named like a journey that is not a regular file. */
  skipped: Skipped[];
}

/** A folder or file a walk could not check, and why (a phrase: "permission denied", "a named pipe"). */
export interface Skipped {
  path: string;
  kind: "folder" | "file";
  reason: string;
}

/**
 * Most directory entries one folder or glob argument may look at. The largest realistic case, a
 * big repository with journeys beside its code (the Linux kernel: about 80,000 files), stays
 * under it outside `node_modules` and `.git`; a symbolic link to `/` reaches it within a second
 * or two, instead of walking the whole machine (1 min 30 s and 1,272 stray journeys here).
 */
export const MAX_WALK_ENTRIES = 100_000;

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
 * Walks take regular files only and never follow a symbolic link to a file (Prettier's rule): a
 * pull request that adds `leak.journey.yaml -> ~/.npmrc` must not get the secret printed in a
 * code frame. A file named on the command line is read as given, link or not.
 */
export function discoverFiles(paths: readonly string[], options: DiscoveryOptions): Discovery {
  for (const pattern of options.ignore) checkPattern(pattern, "the config's ignore pattern");
  const isIgnored = options.ignore.length > 0 ? picomatch()(options.ignore, { dot: true }) : () => false;
  const ignored = (file: string) => isIgnored(toPosix(relative(options.ignoreBase, file)));
  const files = new Set<string>();
  const unmatched: string[] = [];
  const truncated: string[] = [];
  const skipped: Skipped[] = [];
  for (const given of paths) {
    const absolute = resolve(options.cwd, given);
    let found: string[];
    let met: Skipped[] = [];
    const kind = statKind(absolute);
    if (kind === "file") {
      found = [absolute];
    } else {
      let walked: Walk | undefined;
      if (kind === "dir") walked = walk(absolute, (file) => JOURNEY_FILE.test(file));
      else if (isGlob(given)) {
        checkPattern(given, "the glob");
        walked = expandGlob(given, options.cwd);
      }
      if (walked?.truncated) truncated.push(given);
      found = walked ? walked.files.filter((file) => !ignored(file)) : [];
      // Left out as the files in it would be: a folder whose journeys are all ignored, a file ignored itself.
      met = walked ? walked.skipped.filter((skip) => !ignored(skip.kind === "folder" ? join(skip.path, "x.journey.yaml") : skip.path)) : [];
      skipped.push(...met);
    }
    // What a walk could not read is said instead of "no journey files found".
    if (found.length === 0 && met.length === 0 && !truncated.includes(given)) unmatched.push(given);
    for (const file of found) files.add(file);
  }
  return { files: [...files], unmatched, truncated, skipped };
}

/** Whether a command-line argument is a glob pattern (rather than a path). */
export function isGlob(given: string): boolean {
  return picomatch().scan(given).isGlob;
}

/** A glob pattern journey will not run: the message says which and why. */
export class GlobPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GlobPatternError";
  }
}

/** Longest glob pattern, in characters: the longest path a walk can meet is 4,096. */
export const MAX_PATTERN_LENGTH = 1024;
/**
 * Most wildcards (`*`, `*(...)`, `+(...)`) in one path segment. Each becomes a lazy `[^/]*?` in
 * the regular expression, and a failing match backtracks through every split of the name: with
 * 3, a 240-character name takes 20 ms; with 4, 3 s; with 6, longer than anyone waits. A
 * synchronous RegExp cannot be interrupted, so the pattern is refused before it is compiled.
 */
export const MAX_SEGMENT_WILDCARDS = 3;
/**
 * Most wildcards in the whole pattern (those of every segment, and each `**` segment): the
 * choices of each multiply on a failing match. Six (`*a*a`, then `**`, then `*a*a*ab`) took
 * 0.1-0.6 s on one path, and eight (the same with a `**` before) 100 s; the slowest shape of
 * five took 20 ms.
 */
export const MAX_WILDCARDS = 5;
/**
 * Most `**` segments: each splits the path at every folder, so a failing match tries every way to
 * place them. With 2, a path 2,000 folders deep takes 8 ms; with 3, 4.5 s; with 8, a path 40 deep
 * took 9.5 s.
 */
export const MAX_GLOBSTARS = 2;
/**
 * Most choices the pattern's braces make together (`{a,b}{c,d}` is 4, a range `{1..9}` 9): each
 * brace is an alternative in the expression, and 40 of `{a,a}` made 2^40 of them.
 */
export const MAX_BRACE_CHOICES = 1000;

/**
 * Throws a GlobPatternError for a pattern whose matching could take unbounded time: too long,
 * too many wildcards in one path segment or in all, too many `**` segments, groups inside groups,
 * a numeric range of more than 1,000 values, or braces that make more than 1,000 choices (each
 * becomes an alternative of the expression).
 */
export function checkPattern(pattern: string, what: string): void {
  const refuse = (why: string) => {
    throw new GlobPatternError(
      `${what} \`${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}\` ${why}: write simpler patterns (more of them, if need be)`,
    );
  };
  if (pattern.length > MAX_PATTERN_LENGTH) refuse(`is longer than ${MAX_PATTERN_LENGTH.toLocaleString("en")} characters`);
  let wildcards = 0;
  let globstars = 0;
  for (const segment of pattern.split("/")) {
    if (segment === "**") {
      globstars++;
      wildcards++;
      continue;
    }
    const groups = segment.match(/[*+?@!]\(/g)?.length ?? 0;
    const stars =
      segment
        .replace(/[*+?@!]\(/g, "(")
        .replace(/\*\*+/g, "*")
        .match(/\*/g)?.length ?? 0;
    if (groups + stars > MAX_SEGMENT_WILDCARDS)
      refuse(`has more than ${MAX_SEGMENT_WILDCARDS} wildcards in one path segment, which can take minutes to match a long file name`);
    wildcards += groups + stars;
  }
  if (globstars > MAX_GLOBSTARS) refuse(`has more than ${MAX_GLOBSTARS} \`**\` segments, which can take minutes to match a deep path`);
  if (wildcards > MAX_WILDCARDS) refuse(`has more than ${MAX_WILDCARDS} wildcards in all, which can take minutes to match a long path`);
  let depth = 0;
  for (const char of pattern) {
    if (char === "(" || char === "{") depth++;
    else if (char === ")" || char === "}") depth = Math.max(0, depth - 1);
    if (depth > 1 && char === "(") refuse("nests groups inside groups");
    if (depth > 2) refuse("nests braces more than two deep");
  }
  for (const [, from, to] of pattern.matchAll(/\{(-?\d+)\.\.(-?\d+)/g)) {
    if (Math.abs(Number(to) - Number(from)) > 1000) refuse("has a range of more than 1,000 values");
  }
  if (braceChoices(pattern) > MAX_BRACE_CHOICES)
    refuse(`has braces that make more than ${MAX_BRACE_CHOICES.toLocaleString("en")} choices together, which can take minutes to match a long name`);
}

/** How many choices the braces of a pattern make together: the product of each brace's (a range's values, or its commas plus one). */
function braceChoices(pattern: string): number {
  let product = 1;
  const open: { start: number; choices: number }[] = [];
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at];
    if (char === "\\") at++;
    else if (char === "{") open.push({ start: at + 1, choices: 1 });
    else if (char === "," && open.length > 0) open[open.length - 1].choices++;
    else if (char === "}" && open.length > 0) {
      const brace = open.pop()!;
      const range = /^(-?\d+)\.\.(-?\d+)/.exec(pattern.slice(brace.start, at));
      product *= range ? Math.abs(Number(range[2]) - Number(range[1])) + 1 : brace.choices;
    }
  }
  return product;
}

/** Files matching a glob (checked with `checkPattern` first), below the glob's base folder, sorted; the same bounded walk as journey files. */
export function expandGlob(pattern: string, cwd: string): Walk {
  const baseDir = globBase(pattern, cwd);
  const absolutePattern = toPosix(isAbsolute(pattern) ? pattern : join(cwd, pattern));
  const matches = picomatch()(absolutePattern, { dot: false });
  return walk(baseDir, (file) => matches(toPosix(file)));
}

/** The folder a glob's walk starts from: its path before the first wildcard. */
export function globBase(pattern: string, cwd: string): string {
  return resolve(cwd, picomatch().scan(pattern).base || ".");
}

/**
 * Walks `root` as a walk for journey files does, in the same bounds (`MAX_WALK_ENTRIES`, no
 * `node_modules` or `.git`) but following no symbolic link, and calls `enter` with each folder
 * (`root` included) before reading it: what `journey preview` watches. A watch opened in `enter`
 * is open before the folder is read, so a file arriving meanwhile is read or reported, or both.
 */
export function walkFolders(root: string, accept: (file: string) => boolean, enter: (folder: string) => void): Walk {
  return walk(root, accept, { followLinks: false, enter });
}

function statKind(path: string): "file" | "dir" | "missing" {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? "dir" : "file";
  } catch {
    return "missing";
  }
}

interface Walk {
  files: string[];
  truncated: boolean;
  skipped: Skipped[];
}

/** Regular files below `root` accepted by `accept`, sorted, walking without recursion. */
function walk(
  root: string,
  accept: (file: string) => boolean,
  { followLinks = true, enter }: { followLinks?: boolean; enter?: (folder: string) => void } = {},
): Walk {
  const results: string[] = [];
  const skipped: Skipped[] = [];
  let entriesSeen = 0;
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
    enter?.(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // Gone, or no longer a folder, since it was listed: nothing there to check. Any other
      // reason (no permission) is said: the journeys in it would go unchecked without a word.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") skipped.push({ path: dir, kind: "folder", reason: folderProblem(code) });
      continue;
    }
    entriesSeen += entries.length;
    if (entriesSeen > MAX_WALK_ENTRIES) return { files: results.sort(comparePaths), truncated: true, skipped };
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // A link is followed only to a folder (loops are caught by `visited`), never to a file.
      const isDir = entry.isDirectory() || (followLinks && entry.isSymbolicLink() && statKind(path) === "dir");
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) subdirs.push(path);
      } else if (entry.isFile()) {
        if (accept(path)) results.push(path);
      } else if (!entry.isSymbolicLink() && accept(path)) {
        // A named pipe, a device or a socket named like what is looked for: never read (a pipe
        // would wait for a writer), and said.
        skipped.push({ path, kind: "file", reason: `not a regular file (${fileKind(entry)})` });
      }
    }
    subdirs.sort().reverse();
    pending.push(...subdirs);
  }
  return { files: results.sort(comparePaths), truncated: false, skipped };
}

/** Why a folder could not be listed, as a phrase. */
function folderProblem(code: string | undefined): string {
  return code === "EACCES" || code === "EPERM" ? "permission denied" : `it cannot be listed (${code ?? "unknown error"})`;
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
