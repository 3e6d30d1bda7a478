import { join } from "node:path";
import { statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configText, writeLongJourney } from "../../bench/generate.mjs";
import { loadConfigFile } from "../../src/config/load.js";
import { checkLarge, checkOne, LARGE_FILE_BYTES, largeFiles, type RunOptions } from "../../src/lint/run-files.js";
import { runCli, tempProject } from "../helpers/index.js";

/**
 * A file of LARGE_FILE_BYTES or more is checked on a worker thread with a small heap (the memory
 * it saves is measured by `npm run bench`, figure "memory per step"); here, that it reports what
 * the main thread reports, in the order of the files, and that a file the worker's heap cannot
 * hold is still checked.
 */
describe("large files on a worker of their own", () => {
  // 15,000 steps with 60 decisions whose branches fall through: 1.1 MB and 60 warnings.
  const dir = tempProject({
    "journey.config.yaml": configText() + "limits: { max_nodes: 2000000 }\n",
    "a.journey.yaml":
      "journey: 1\nid: a\ntitle: A\npersona: shopper\ngoal: { steps: [x] }\nstages: [{ id: s, steps: [{ id: x, name: X, channel: nowhere }] }]\n",
    "c.journey.yaml":
      "journey: 1\nid: c\ntitle: C\npersona: shopper\ngoal: { steps: [y] }\nstages: [{ id: s, steps: [{ id: y, name: Y, channel: website, next: [z] }] }]\n",
  });
  const large = join(dir, "b.journey.yaml");
  writeLongJourney(large, 15_000);
  writeFileSync(
    join(dir, "d.journey.yaml"),
    "journey: 1\nid: d\ntitle: D\npersona: shopper\ngoal: { steps: [w] }\nstages: [{ id: s, steps: [{ id: w, name: W, channel: website }] }]\n",
  );

  it("the generated file is large", () => {
    expect(statSync(large).size).toBeGreaterThanOrEqual(LARGE_FILE_BYTES);
  });

  it("a file of LARGE_FILE_BYTES or more goes to the worker, unless --concurrency off", () => {
    const files = ["a", "b", "c", "d", "missing"].map((name) => join(dir, name === "missing" ? "missing.journey.yaml" : `${name}.journey.yaml`));
    expect(largeFiles(files, {})).toEqual({ large: [large], rest: [files[0], files[2], files[3], files[4]] });
    expect(largeFiles(files, { concurrency: 2 }).large).toEqual([large]);
    expect(largeFiles(files, { concurrency: 1 })).toEqual({ large: [], rest: files });
  });

  it("journey lint reports the same findings, in file order, as with every file on the main thread", async () => {
    const onWorker = await runCli(["lint", "--format", "json"], { cwd: dir });
    const onMain = await runCli(["lint", "--format", "json", "--concurrency", "1"], { cwd: dir });
    expect(onWorker.stderr).toBe("");
    expect(onWorker.exitCode).toBe(onMain.exitCode);
    expect(onWorker.stdout).toBe(onMain.stdout);
    const files = (JSON.parse(onWorker.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((f) => [
      f.filePath.split(/[\\/]/).pop(),
      f.messages.length,
    ]);
    // The config's own report (project rules) comes last, as always.
    expect(files.map(([name]) => name)).toEqual(["a.journey.yaml", "b.journey.yaml", "c.journey.yaml", "d.journey.yaml", "journey.config.yaml"]);
    expect(files[1][1]).toBe(60);
    expect(files[0][1]).toBeGreaterThan(0); // an unknown channel
    expect(files[2][1]).toBeGreaterThan(0); // an unknown step
  });

  const options: RunOptions = { lint: true, project: true };
  const config = () => loadConfigFile(join(dir, "journey.config.yaml")).config!;
  const small = join(dir, "a.journey.yaml");

  it("checkLarge: the worker checks every file it can hold, with the main thread's results", async () => {
    const cfg = config();
    const { results, onWorker } = await checkLarge([small, large], cfg, options);
    expect(onWorker).toBe(2);
    expect(results).toEqual([checkOne(small, cfg, options), checkOne(large, cfg, options)]);
  });

  it("checkLarge: a file the worker's heap cannot hold is checked on the main thread, with those after it", async () => {
    const cfg = config();
    const { results, onWorker } = await checkLarge([small, large, small], cfg, options, { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 12 });
    expect(onWorker).toBe(1);
    expect(results).toEqual([checkOne(small, cfg, options), checkOne(large, cfg, options), checkOne(small, cfg, options)]);
  });
});
