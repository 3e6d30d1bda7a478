import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FolderWatcher } from "../../src/preview/watcher.js";
import { MINIMAL, tempProject } from "../helpers/index.js";

/** Resolves once `done` holds, checking every 20 ms; fails after a generous 10 s. */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`waited 10 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("FolderWatcher: trees", () => {
  let watcher: FolderWatcher | undefined;
  afterEach(() => watcher?.close());

  /** A watcher on the tree at `root`, recording every path it reports. */
  function watchTree(root: string) {
    const reported: string[] = [];
    watcher = new FolderWatcher(
      (path) => path.endsWith(".journey.yaml"),
      (paths) => reported.push(...paths),
    );
    watcher.watchTrees([root]);
    return reported;
  }

  it("watches every folder below the root, and folders made later with the journeys already in them", async () => {
    const root = realpathSync(tempProject({ "a/one.journey.yaml": MINIMAL, "a/deep/er/notes.md": "" }));
    const reported = watchTree(root);
    expect(watcher!.size).toBe(4); // root, a, a/deep, a/deep/er

    // Made in one go: the journey is written before any watch on x/y can start.
    mkdirSync(join(root, "x", "y"), { recursive: true });
    writeFileSync(join(root, "x", "y", "early.journey.yaml"), MINIMAL);
    await waitFor(() => reported.includes(join(root, "x", "y", "early.journey.yaml")), "the journey in a new folder");
    // A journey saved later in a folder made later is seen by that folder's own watch.
    mkdirSync(join(root, "x", "y", "z"));
    await waitFor(() => watcher!.size === 7, "the watch on x/y/z");
    writeFileSync(join(root, "x", "y", "z", "late.journey.yaml"), MINIMAL);
    await waitFor(() => reported.includes(join(root, "x", "y", "z", "late.journey.yaml")), "a journey saved in a watched new folder");
  });

  it("enters neither node_modules, .git nor a link, and closes the watches of a folder removed", async () => {
    const outside = tempProject({ "linked.journey.yaml": MINIMAL });
    const root = realpathSync(tempProject({ "a/b/one.journey.yaml": MINIMAL }));
    const reported = watchTree(root);
    expect(watcher!.size).toBe(3);

    for (const skipped of ["node_modules/pkg", ".git/refs"]) {
      mkdirSync(join(root, skipped), { recursive: true });
      writeFileSync(join(root, skipped, "x.journey.yaml"), MINIMAL);
    }
    symlinkSync(outside, join(root, "link"));
    // Events on one folder's watch come in order: once this one is reported, the ones above were handled.
    writeFileSync(join(root, "marker.journey.yaml"), MINIMAL);
    await waitFor(() => reported.includes(join(root, "marker.journey.yaml")), "the marker");
    expect(watcher!.size).toBe(3);
    expect(reported.filter((path) => /node_modules|\.git|link/.test(path))).toEqual([]);

    rmSync(join(root, "a"), { recursive: true });
    await waitFor(() => reported.includes(join(root, "a")), "the removed folder");
    expect(watcher!.size).toBe(1);
    // Made again under the same name: a new folder, walked and watched anew.
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "b", "again.journey.yaml"), MINIMAL);
    await waitFor(() => reported.includes(join(root, "a", "b", "again.journey.yaml")), "the journey in the folder made again");
    await waitFor(() => watcher!.size === 3, "the watches on a and a/b");
  });
});
