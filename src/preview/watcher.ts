import { lstatSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, join, resolve, sep } from "node:path";
import { MAX_WALK_ENTRIES, SKIPPED_FOLDERS, walkFolders } from "../discover/files.js";

/** Saves come in bursts (write, chmod, rename of a backup); one check per burst. */
export const DEBOUNCE_MS = 40;

/**
 * Watches folders, not files: an editor that saves by writing a new file and renaming it over
 * the old one replaces the file, and a watch on the old file would go quiet; the folder's watch
 * sees the new name arrive. Calls `onChange` with the absolute paths of the journey and config
 * files that changed since the last call (and of tree folders that went away, since the files
 * below them went with them), once a burst of events has settled.
 *
 * Two kinds of watched folder: the ones `watchFolders` lists (those of the files selected and
 * their configs), and trees (`watchTrees`: each folder below a root, as discovery walks it). A
 * folder that appears in a tree is walked and watched as soon as its parent's watch reports it,
 * and the journeys already inside are reported; one that disappears has its watches closed.
 * One watch per folder rather than `fs.watch({ recursive: true })`, which Node 20 on Linux
 * emulates by walking the whole tree itself, `node_modules` included, with no bound.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private listed = new Set<string>();
  /** The tree folders watched, with their inode: a folder removed and made again is a new one to walk. */
  private readonly inTrees = new Map<string, number>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly relevant: (path: string) => boolean,
    private readonly onChange: (paths: string[]) => void,
  ) {}

  /** Watches exactly these folders from now on, besides the trees (new ones are added, others closed). */
  watchFolders(folders: Iterable<string>): void {
    this.listed = new Set([...folders].map((folder) => resolve(folder)));
    for (const folder of this.watchers.keys()) if (!this.listed.has(folder) && !this.inTrees.has(folder)) this.unwatch(folder);
    for (const folder of this.listed) this.open(folder);
  }

  /** Watches these folders and every folder below them, now and as they come (a root that is not a folder is left out). */
  watchTrees(roots: Iterable<string>): void {
    for (const root of roots) {
      const absolute = resolve(root);
      // A root named on the command line is taken through a link, as discovery takes it.
      if (folderIdentity(absolute, statSync) !== undefined) this.addTree(absolute, false);
    }
  }

  /** The folders watched now: for tests and the bound. */
  get size(): number {
    return this.watchers.size;
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.inTrees.clear();
  }

  private addTree(root: string, report: boolean): void {
    const walked = walkFolders(root, this.relevant, (folder) => {
      // Never more tree watches than one walk may look at entries.
      if (this.inTrees.has(folder) || this.inTrees.size >= MAX_WALK_ENTRIES) return;
      const identity = folderIdentity(folder, folder === root ? statSync : lstatSync);
      if (identity !== undefined && this.open(folder)) this.inTrees.set(folder, identity);
    });
    if (report) for (const file of walked.files) this.note(file);
  }

  /** A name in a tree folder changed: a folder that came is walked, one that went is forgotten with all below it. */
  private treeEvent(path: string): void {
    const identity = folderIdentity(path, lstatSync);
    const known = this.inTrees.get(path);
    if (known !== undefined && known === identity) return;
    if (known !== undefined) {
      for (const folder of [...this.inTrees.keys()]) if (folder === path || folder.startsWith(path + sep)) this.forget(folder);
      this.note(path);
    }
    if (identity !== undefined && !SKIPPED_FOLDERS.has(basename(path))) this.addTree(path, true);
  }

  private open(folder: string): boolean {
    if (this.watchers.has(folder)) return true;
    try {
      const watcher = watch(folder, (_event, name) => {
        if (name === null) return;
        const path = join(folder, name.toString());
        if (this.inTrees.has(folder)) this.treeEvent(path);
        if (this.relevant(path)) this.note(path);
      });
      watcher.on("error", () => this.forget(folder, true));
      this.watchers.set(folder, watcher);
      return true;
    } catch {
      // The folder went away (it is watched again when a reload or its parent's watch lists it), or the system's watches ran out.
      return false;
    }
  }

  private forget(folder: string, closing = false): void {
    this.inTrees.delete(folder);
    if (closing || !this.listed.has(folder)) this.unwatch(folder);
  }

  private unwatch(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }

  private note(path: string): void {
    this.pending.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private flush(): void {
    const paths = [...this.pending].sort();
    this.pending = new Set();
    if (paths.length > 0) this.onChange(paths);
  }
}

/** The inode of `path` when it is a folder (`lstatSync`: not through a link), else undefined. */
function folderIdentity(path: string, stat: typeof statSync): number | undefined {
  try {
    const stats = stat(path);
    return stats.isDirectory() ? stats.ino : undefined;
  } catch {
    return undefined;
  }
}
