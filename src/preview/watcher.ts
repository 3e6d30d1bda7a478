import { watch, type FSWatcher } from "node:fs";
import { join, resolve } from "node:path";

/** Saves come in bursts (write, chmod, rename of a backup); one check per burst. */
export const DEBOUNCE_MS = 40;

/**
 * Watches folders, not files: an editor that saves by writing a new file and renaming it over
 * the old one replaces the file, and a watch on the old file would go quiet; the folder's watch
 * sees the new name arrive. Calls `onChange` with the absolute paths of the journey and config
 * files that changed since the last call, once a burst of events has settled.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly relevant: (path: string) => boolean,
    private readonly onChange: (paths: string[]) => void,
  ) {}

  /** Watches exactly these folders from now on (new ones are added, others closed). */
  watchFolders(folders: Iterable<string>): void {
    const wanted = new Set([...folders].map((folder) => resolve(folder)));
    for (const [folder, watcher] of this.watchers) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name === null) return;
          const path = join(folder, name.toString());
          if (!this.relevant(path)) return;
          this.pending.add(path);
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
        });
        watcher.on("error", () => {
          watcher.close();
          this.watchers.delete(folder);
        });
        this.watchers.set(folder, watcher);
      } catch {
        // The folder went away; it is watched again when a reload lists it.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private flush(): void {
    const paths = [...this.pending].sort();
    this.pending = new Set();
    if (paths.length > 0) this.onChange(paths);
  }
}
