import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { execa as Execa } from "execa";
import { UsageError } from "../cli/errors.js";

let loaded: typeof Execa | undefined;
/**
 * execa, from dist/cli/execa.cjs: scripts/bundle.mjs bundles it apart from the CLI, so that only
 * `journey diff` loads it (a quarter of a megabyte that would slow every other command's start).
 */
function execa(): typeof Execa {
  return (loaded ??= (createRequire(import.meta.url)("../cli/execa.cjs") as { execa: typeof Execa }).execa);
}

/** A file that differs between two revisions, paths relative to the repository root (POSIX). */
export interface ChangedFile {
  status: "added" | "removed" | "modified" | "renamed";
  /** Path in the base; absent when the file was added. */
  basePath?: string;
  /** Path in the head; absent when the file was removed. */
  headPath?: string;
}

/** A file in a revision's tree. */
export interface TreeEntry {
  oid: string;
  size: number;
}

/**
 * The git commands `journey diff` needs, each run through execa with an argument array (never a
 * shell), with revisions that cannot be read as options: one starting with `-` is refused, and
 * `--end-of-options` or `--` separates them from options wherever git supports it.
 */
export class GitRepository {
  private constructor(readonly root: string) {}

  /** The repository containing `cwd`, or a usage error naming the problem. */
  static async open(cwd: string): Promise<GitRepository> {
    const result = await git(["rev-parse", "--show-toplevel"], cwd);
    if (result.exitCode === undefined)
      throw new UsageError("git was not found on the PATH; `journey diff` needs it to read revisions (two files can be compared without it)");
    if (result.exitCode !== 0) {
      const why = /not a git repository/i.test(result.stderr) ? "this folder is not in a git repository" : firstLine(result.stderr);
      throw new UsageError(`${why}; \`journey diff\` compares git revisions (or two files: journey diff old.journey.yaml new.journey.yaml)`);
    }
    return new GitRepository(result.stdout.trim());
  }

  /** The commit a revision names; a usage error when it names none (with the shallow-clone hint). */
  async commit(revision: string): Promise<string> {
    if (revision === "" || revision.startsWith("-")) throw new UsageError(`\`${revision}\` is not a revision: revisions cannot be empty or start with \`-\``);
    const result = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], this.root);
    if (result.exitCode === 0) return result.stdout.trim();
    if (await this.hasNoCommits())
      throw new UsageError(
        `this repository (${this.root}) has no commits yet, so there is no \`${revision}\` to compare with: commit the journeys first (git add, git commit), or compare two files (journey diff old.journey.yaml new.journey.yaml)`,
      );
    const shallow = (await git(["rev-parse", "--is-shallow-repository"], this.root)).stdout.trim() === "true";
    const hint = shallow
      ? "; this is a shallow clone, so older history is missing: fetch it (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)"
      : existsSync(resolve(this.root, revision)) || existsSync(revision)
        ? "; it is a path: paths go after `--` (journey diff main -- docs/)"
        : "; check the name with `git log --oneline --all`";
    throw new UsageError(`unknown revision \`${revision}\` in ${this.root}${hint}`);
  }

  /** Whether no branch, tag or HEAD names a commit yet (a fresh `git init`). */
  private async hasNoCommits(): Promise<boolean> {
    if ((await git(["rev-parse", "--verify", "--quiet", "HEAD"], this.root)).exitCode === 0) return false;
    const refs = await git(["for-each-ref", "--count=1", "--format=%(objectname)"], this.root);
    return refs.exitCode === 0 && refs.stdout.trim() === "";
  }

  /**
   * The submodules (gitlinks) of a commit's tree, or of the index when `commit` is undefined (the
   * working tree's), by path relative to the repository root. `journey diff` does not enter them:
   * their files belong to another repository.
   */
  async submodules(commit: string | undefined): Promise<Set<string>> {
    const result =
      commit === undefined
        ? await git(["ls-files", "--stage", "-z", "--full-name"], this.root)
        : await git(["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit], this.root);
    const paths = new Set<string>();
    if (result.exitCode !== 0) return paths;
    for (const record of result.stdout.split("\0")) {
      // ls-files: `160000 <oid> <stage>\t<path>`; ls-tree: `160000 commit <oid>\t<path>`
      const match = /^160000 [^\t]*\t([\s\S]+)$/.exec(record);
      if (match) paths.add(match[1]);
    }
    return paths;
  }

  /** The best common ancestor of two commits, as `git diff A...B` uses it. */
  async mergeBase(a: string, b: string): Promise<string> {
    const result = await git(["merge-base", "--end-of-options", a, b], this.root);
    if (result.exitCode !== 0)
      throw new UsageError(
        `the revisions have no common ancestor (git merge-base ${a.slice(0, 12)} ${b.slice(0, 12)}); compare them with \`..\` instead of \`...\``,
      );
    return result.stdout.trim();
  }

  /**
   * Files that differ between `base` and `head` (the working tree when undefined, untracked
   * files included), with git's rename detection, limited to `paths` (pathspecs relative to
   * `cwd`, as in git). Paths come back relative to the repository root.
   */
  async changedFiles(cwd: string, base: string, head: string | undefined, paths: readonly string[]): Promise<ChangedFile[]> {
    const revisions = head === undefined ? [base] : [base, head];
    const result = await git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", ...revisions, "--", ...paths], cwd);
    if (result.exitCode !== 0) throw new UsageError(`git diff failed: ${firstLine(result.stderr)}`);
    const files = parseNameStatus(result.stdout);
    if (head === undefined) {
      const untracked = await git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--", ...paths], cwd);
      if (untracked.exitCode !== 0) throw new UsageError(`git ls-files failed: ${firstLine(untracked.stderr)}`);
      for (const path of untracked.stdout.split("\0")) if (path) files.push({ status: "added", headPath: path });
    }
    return files;
  }

  /** Every file of a commit's tree, by path relative to the repository root. */
  async tree(commit: string): Promise<Map<string, TreeEntry>> {
    const result = await git(["ls-tree", "-r", "-l", "-z", "--full-tree", "--end-of-options", commit], this.root);
    if (result.exitCode !== 0) throw new UsageError(`git ls-tree failed: ${firstLine(result.stderr)}`);
    const entries = new Map<string, TreeEntry>();
    for (const record of result.stdout.split("\0")) {
      // `<mode> blob <oid> <size>\t<path>`; regular files only (a symbolic link's blob is its target)
      const match = /^100(?:644|755) blob ([0-9a-f]+) +(\d+)\t([\s\S]+)$/.exec(record);
      if (match) entries.set(match[3], { oid: match[1], size: Number(match[2]) });
    }
    return entries;
  }

  /** The contents of blobs, all read by one `git cat-file --batch`. */
  async blobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const contents = new Map<string, Buffer>();
    if (oids.length === 0) return contents;
    const result = await execa()("git", ["cat-file", "--batch"], {
      cwd: this.root,
      input: oids.join("\n") + "\n",
      encoding: "buffer",
      reject: false,
      maxBuffer: 1 << 30,
    });
    if (result.exitCode !== 0) throw new UsageError(`git cat-file failed: ${firstLine(Buffer.from(result.stderr).toString("utf8"))}`);
    const out = Buffer.from(result.stdout);
    let offset = 0;
    while (offset < out.length) {
      const headerEnd = out.indexOf(0x0a, offset);
      if (headerEnd < 0) break;
      const [oid, type, size] = out.subarray(offset, headerEnd).toString("latin1").split(" ");
      offset = headerEnd + 1;
      if (type === "missing" || size === undefined) continue;
      const length = Number(size);
      contents.set(oid, out.subarray(offset, offset + length));
      offset += length + 1; // the content is followed by a line feed
    }
    return contents;
  }
}

/** `git diff --name-status -z` output: status, then one path (two for renames and copies). */
export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length && fields[i] !== "";) {
    const status = fields[i++];
    if (status.startsWith("R")) {
      files.push({ status: "renamed", basePath: fields[i], headPath: fields[i + 1] });
      i += 2;
    } else if (status.startsWith("C")) {
      files.push({ status: "added", headPath: fields[i + 1] });
      i += 2;
    } else {
      const path = fields[i++];
      if (status === "A") files.push({ status: "added", headPath: path });
      else if (status === "D") files.push({ status: "removed", basePath: path });
      else files.push({ status: "modified", basePath: path, headPath: path });
    }
  }
  return files;
}

function git(args: string[], cwd: string) {
  // Pinned so that no user setting changes what is parsed (colours, quoting, pagers, renames).
  return execa()("git", ["-c", "core.quotePath=false", "-c", "color.ui=false", "-c", "diff.renames=true", ...args], {
    cwd,
    reject: false,
    stripFinalNewline: false,
    env: { GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0" },
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] || "git failed";
}
