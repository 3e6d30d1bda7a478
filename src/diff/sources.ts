import { lstatSync, realpathSync } from "node:fs";
import { basename, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { CONFIG_FILE_NAMES, defaultConfig, loadConfigText } from "../config/load.js";
import { groupByConfig } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { JOURNEY_FILE } from "../discover/files.js";
import { decodeSource, DEFAULT_MAX_FILE_SIZE, fileProblem, readSource, tooLarge, type SourceResult } from "../load/source.js";
import type { FileReport } from "../results.js";
import { UsageError } from "../cli/errors.js";
import { GitRepository, type TreeEntry } from "./git.js";

/** One version of a journey file: where it is, its text (or why it could not be read), its config. */
export interface SideSource {
  /** Absolute path (in the working tree, or where the file is in the revision). */
  filePath: string;
  source: SourceResult;
  config: ProjectConfig;
}

/** The two versions of one journey file; one is absent when the file was added or removed. */
export interface FilePair {
  base?: SideSource;
  head?: SideSource;
  /** Paired by git's rename detection (similar content), not by the user. */
  renamed?: boolean;
}

/** A compared version: as the user named it, and the commit (null for the working tree or a file). */
export interface Version {
  name: string;
  commit: string | null;
}

/**
 * What a diff compares, or the problems that stop it. `notes` are one line each about what was
 * not compared and why (a submodule, a working-tree link), for the command to print on stderr.
 */
export type DiffInput = { base: Version; head: Version; pairs: FilePair[]; notes: string[]; problems?: undefined } | { problems: FileReport[] };

const WORKING_TREE = "working tree";

/**
 * `journey diff <base> [<head>] [-- paths]` over git revisions: every journey file that differs
 * (git's rename detection pairs renamed files), each version read from git with the config that
 * applied to it in that revision (the nearest journey.config.yaml there), or `fixed` (--config).
 * `A...B` compares B with the merge base of A and B; `A..B` is A and B.
 */
export async function revisionSources(
  cwd: string,
  baseArg: string,
  headArg: string | undefined,
  paths: readonly string[],
  fixed?: ProjectConfig,
): Promise<DiffInput> {
  const repo = await GitRepository.open(cwd);
  let baseName = baseArg;
  let headName = headArg;
  let base: string;
  let head: string | undefined;
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(baseArg);
  if (range && !baseArg.includes(":")) {
    if (headArg !== undefined) throw new UsageError(`give either a range (\`${baseArg}\`) or two revisions, not both`);
    const [, from, dots, to] = range;
    const fromCommit = await repo.commit(from || "HEAD");
    headName = to || "HEAD";
    const toCommit = await repo.commit(headName);
    base = dots === "..." ? await repo.mergeBase(fromCommit, toCommit) : fromCommit;
    head = toCommit;
    baseName = dots === "..." ? `merge base of ${from || "HEAD"} and ${headName}` : from || "HEAD";
  } else {
    base = await repo.commit(baseArg);
    head = headArg === undefined ? undefined : await repo.commit(headArg);
  }

  const changed = await repo.changedFiles(cwd, base, head, paths);
  const notes: string[] = [];
  const submodules = new Set([...(await repo.submodules(base)), ...(await repo.submodules(head))]);
  for (const file of changed) {
    const path = [file.basePath, file.headPath].find((p) => p !== undefined && submodules.has(p));
    if (path !== undefined)
      notes.push(`submodule \`${path}\` changed, and its journeys are not compared: journey diff does not enter submodules (run it inside \`${path}\`)`);
  }
  const isJourney = (path?: string) => path !== undefined && JOURNEY_FILE.test(basename(path));
  let journeyFiles = changed.filter((file) => (isJourney(file.basePath) || isJourney(file.headPath)) && !submodules.has(file.headPath ?? file.basePath!));
  if (head === undefined) {
    // The working tree follows lint's walk (discover/files.ts): no symbolic link to a file is
    // followed, so a pull request's `leak.journey.yaml -> ~/.npmrc` is never read. A committed
    // link is refused the same way (RevisionReader).
    journeyFiles = journeyFiles.filter((file) => {
      if (file.headPath === undefined || !isJourney(file.headPath)) return true;
      const why = notFollowed(repo.root, file.headPath);
      if (why !== undefined) notes.push(`${file.headPath}: not compared: ${why}`);
      return why === undefined;
    });
  }
  const baseSide = new RevisionReader(repo, base, fixed);
  const headSide = head === undefined ? undefined : new RevisionReader(repo, head, fixed);
  const headPaths = journeyFiles.flatMap((file) => (isJourney(file.headPath) ? [file.headPath!] : []));
  const [baseFiles, headFiles] = await Promise.all([
    baseSide.read(journeyFiles.flatMap((file) => (isJourney(file.basePath) ? [file.basePath!] : []))),
    headSide
      ? headSide.read(headPaths)
      : workingTreeFiles(
          headPaths.map((path) => join(repo.root, path)),
          cwd,
          fixed,
        ),
  ]);
  const problems = [...baseFiles.problems, ...headFiles.problems];
  if (problems.length > 0) return { problems };
  const pairs = journeyFiles.map((file) => ({
    base: file.basePath !== undefined ? baseFiles.sides.get(join(repo.root, file.basePath)) : undefined,
    head: file.headPath !== undefined ? headFiles.sides.get(join(repo.root, file.headPath)) : undefined,
    ...(file.status === "renamed" ? { renamed: true } : {}),
  }));
  return {
    base: { name: baseName, commit: base },
    head: { name: headName ?? WORKING_TREE, commit: head ?? null },
    pairs: pairs.filter((pair) => pair.base || pair.head),
    notes,
  };
}

/**
 * Why a working-tree file is not read, or undefined when it is a file of the repository: a
 * symbolic link (lint's walk follows none to a file), or a path that leads out of the
 * repository through a linked folder.
 */
function notFollowed(root: string, path: string): string | undefined {
  const filePath = join(root, path);
  try {
    if (lstatSync(filePath).isSymbolicLink())
      return "a symbolic link in the working tree (journey diff, like lint, follows no link to a file; name the file it points to, to compare it: journey diff old.journey.yaml new.journey.yaml)";
    const real = realpathSync(filePath);
    const inside = relative(realpathSync(root), real);
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return "its path leads out of the repository through a symbolic link";
  } catch {
    return undefined; // missing or unreadable: readSource says why
  }
  return undefined;
}

/** `journey diff old.journey.yaml new.journey.yaml`: two files on disk, each with its nearest config (or --config). */
export function fileSources(cwd: string, basePath: string, headPath: string, fixed?: ProjectConfig): DiffInput {
  const files = workingTreeFiles([resolve(cwd, basePath), resolve(cwd, headPath)], cwd, fixed);
  if (files.problems.length > 0) return { problems: files.problems };
  return {
    base: { name: basePath, commit: null },
    head: { name: headPath, commit: null },
    pairs: [{ base: files.sides.get(resolve(cwd, basePath)), head: files.sides.get(resolve(cwd, headPath)) }],
    notes: [],
  };
}

interface SideFiles {
  sides: Map<string, SideSource>;
  problems: FileReport[];
}

function workingTreeFiles(files: readonly string[], cwd: string, fixed?: ProjectConfig): SideFiles {
  const sides = new Map<string, SideSource>();
  const grouping = groupByConfig(files, cwd, fixed);
  if (grouping.problems) return { sides, problems: grouping.problems };
  for (const { config, files: grouped } of grouping.groups) {
    for (const filePath of grouped) sides.set(filePath, { filePath, source: readSource(filePath, { maxFileSize: config.limits.maxFileSize }), config });
  }
  return { sides, problems: [] };
}

/** Journey files and their configs as they are in one commit, read with one `git cat-file`. */
class RevisionReader {
  private treeCache?: Promise<Map<string, TreeEntry>>;

  constructor(
    private readonly repo: GitRepository,
    private readonly commit: string,
    private readonly fixed?: ProjectConfig,
  ) {}

  private tree() {
    return (this.treeCache ??= this.repo.tree(this.commit));
  }

  async read(paths: readonly string[]): Promise<SideFiles> {
    const sides = new Map<string, SideSource>();
    if (paths.length === 0) return { sides, problems: [] };
    const tree = await this.tree();
    const configs = await this.configs(paths, tree);
    if (configs.problems.length > 0) return { sides, problems: configs.problems };
    const wanted: string[] = [];
    for (const path of paths) {
      const entry = tree.get(path);
      const config = configs.byFile.get(path)!;
      if (entry && entry.size <= config.limits.maxFileSize) wanted.push(entry.oid);
    }
    const blobs = await this.repo.blobs(wanted);
    for (const path of paths) {
      const filePath = join(this.repo.root, path);
      const config = configs.byFile.get(path)!;
      const entry = tree.get(path);
      const bytes = entry && blobs.get(entry.oid);
      let source: SourceResult;
      if (!entry) source = fileProblem("the file is not a regular file in this revision (a submodule or a symbolic link)");
      else if (entry.size > config.limits.maxFileSize) source = fileProblem(tooLarge(entry.size, config.limits.maxFileSize));
      else source = bytes ? decodeSource(bytes) : fileProblem("git could not read this file");
      sides.set(filePath, { filePath, source, config });
    }
    return { sides, problems: [] };
  }

  /** Each file's nearest config in this commit (up to the repository root), each read once. */
  private async configs(paths: readonly string[], tree: Map<string, TreeEntry>) {
    const byFile = new Map<string, ProjectConfig>();
    const problems: FileReport[] = [];
    const configPathOf = (path: string): string | undefined => {
      for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
        for (const name of CONFIG_FILE_NAMES) {
          const candidate = dir === "." ? name : `${dir}/${name}`;
          if (tree.has(candidate)) return candidate;
        }
        if (dir === "." || dir === "/") return undefined;
      }
    };
    const configPaths = new Map(paths.map((path) => [path, this.fixed ? undefined : configPathOf(path)]));
    const needed = [...new Set([...configPaths.values()].filter((p): p is string => p !== undefined))];
    const blobs = await this.repo.blobs(needed.flatMap((p) => (tree.get(p)!.size <= DEFAULT_MAX_FILE_SIZE ? [tree.get(p)!.oid] : [])));
    const loaded = new Map<string, ProjectConfig>();
    for (const path of needed) {
      const filePath = join(this.repo.root, path);
      const bytes = blobs.get(tree.get(path)!.oid);
      const source = bytes ? decodeSource(bytes) : fileProblem("the config is too large or unreadable in this revision");
      const load = source.finding ? { problems: { filePath, findings: [source.finding] } } : loadConfigText(filePath, source.text);
      if (load.problems)
        problems.push({
          ...load.problems,
          findings: load.problems.findings.map((f) => ({ ...f, message: `${f.message} (in revision ${this.commit.slice(0, 12)})` })),
        });
      else loaded.set(path, load.config);
    }
    for (const [path, configPath] of configPaths) {
      byFile.set(path, this.fixed ?? (configPath ? loaded.get(configPath) : undefined) ?? defaultConfig(this.repo.root));
    }
    return { byFile, problems };
  }
}
