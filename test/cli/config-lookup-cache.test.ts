import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nearestConfigFile } from "../../src/config/resolve.js";
import { tempProject } from "../helpers/index.js";

/**
 * groupByConfig walks up from every folder of a run with one shared cache: each file must get
 * the same config as a walk of its own, whatever order the files come in.
 */
describe("nearestConfigFile with a shared cache", () => {
  const dir = tempProject({
    "journey.config.yaml": "",
    "team-a/journey.config.yaml": "",
    "team-a/flows/deep/a.journey.yaml": "",
    "team-a/flows/b.journey.yaml": "",
    "team-b/area/c.journey.yaml": "",
    "team-b/d.journey.yaml": "",
    // A repository inside the project: nothing above its root applies.
    "repo/inner/e.journey.yaml": "",
    "repo/f.journey.yaml": "",
  });
  mkdirSync(join(dir, "repo", ".git"));
  const cases: [string, string | undefined][] = [
    ["team-a/flows/deep/a.journey.yaml", "team-a/journey.config.yaml"],
    ["team-a/flows/b.journey.yaml", "team-a/journey.config.yaml"],
    ["team-b/area/c.journey.yaml", "journey.config.yaml"],
    ["team-b/d.journey.yaml", "journey.config.yaml"],
    ["repo/inner/e.journey.yaml", undefined],
    ["repo/f.journey.yaml", undefined],
  ];
  const expected = (config: string | undefined) => (config === undefined ? undefined : join(dir, config));

  it.each([
    ["in order", cases],
    ["deepest last", [...cases].reverse()],
  ])("gives each file its own walk's answer, %s", (_order, ordered) => {
    const cache = new Map<string, string | undefined>();
    for (const [file, config] of ordered) {
      expect(nearestConfigFile(join(dir, file)), file).toBe(expected(config));
      expect(nearestConfigFile(join(dir, file), cache), `${file} (cached)`).toBe(expected(config));
    }
    // Every folder passed is answered once: the deep folder's walk answered its parents too.
    expect(cache.get(join(dir, "team-a", "flows"))).toBe(expected("team-a/journey.config.yaml"));
    expect(cache.get(join(dir, "repo"))).toBeUndefined();
    expect(cache.has(join(dir, "repo"))).toBe(true);
  });
});
