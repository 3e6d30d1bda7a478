import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { HOLD_APPLIES, holdOptimizer, optimizerHeld, releaseOptimizer, settleOptimizerFor, SHORT_RUN } from "../../src/util/tiering.js";
import { BIN, EXAMPLES, tempProject } from "../helpers/index.js";

// A short run keeps TurboFan off; a long one turns it back on (src/util/tiering.ts). Only on the
// Node versions where the hold was measured to win; elsewhere it is never taken.
describe.runIf(HOLD_APPLIES)("tiering: when V8 may optimise", () => {
  afterEach(() => releaseOptimizer());

  it("stays held for a short run and is released by a long one, by file count or by size", () => {
    const journey = readFileSync(join(EXAMPLES, "saas-trial.journey.yaml"));
    const few = Array.from({ length: SHORT_RUN.files }, (_, i) => `${i}.journey.yaml`);
    const dir = tempProject(Object.fromEntries(few.map((name) => [name, journey])));
    const files = few.map((name) => join(dir, name));
    expect(journey.length * files.length).toBeLessThan(SHORT_RUN.bytes);

    holdOptimizer();
    settleOptimizerFor(files);
    settleOptimizerFor([join(dir, "missing.journey.yaml")]); // unreadable counts as nothing
    expect(optimizerHeld()).toBe(true);
    settleOptimizerFor([...files, join(dir, "one-more.journey.yaml")]);
    expect(optimizerHeld()).toBe(false);

    const big = join(tempProject({ "big.journey.yaml": Buffer.alloc(SHORT_RUN.bytes + 1, "#") }), "big.journey.yaml");
    holdOptimizer();
    settleOptimizerFor([big]);
    expect(optimizerHeld()).toBe(false);
  });

  it("a hold that waits for the files (lint's, validate's) is taken only for a short run of several files", () => {
    const journey = readFileSync(join(EXAMPLES, "saas-trial.journey.yaml"));
    const dir = tempProject({ "a.journey.yaml": journey, "b.journey.yaml": journey });
    const [a, b] = ["a", "b"].map((name) => join(dir, `${name}.journey.yaml`));
    holdOptimizer({ untilFilesKnown: true });
    expect(optimizerHeld(), "nothing held before the files are known").toBe(false);
    settleOptimizerFor([a]);
    expect(optimizerHeld(), "one file is not held").toBe(false);
    settleOptimizerFor([a, b]);
    expect(optimizerHeld(), "the wait ended with the first settle").toBe(false);

    holdOptimizer({ untilFilesKnown: true });
    settleOptimizerFor([a, b]);
    expect(optimizerHeld(), "two short files are held").toBe(true);
    releaseOptimizer();

    holdOptimizer({ untilFilesKnown: true });
    settleOptimizerFor(Array.from({ length: SHORT_RUN.files + 1 }, () => a));
    expect(optimizerHeld(), "a long run is not held").toBe(false);

    holdOptimizer();
    expect(optimizerHeld(), "any other command is held from the start").toBe(true);
  });

  // V8 reports the functions it optimises with --trace-opt: none in a short run, the YAML lexer
  // and more in a long one. (V8 turns down a code cache made under other flags, so these runs
  // rewrite the launcher's cache, and the next plain run rewrites it back: slower, not wrong.)
  const optimised = async (cwd: string, args: string[]) => {
    const run = await execa("node", ["--trace-opt", BIN, "lint", ...args, "-f", "json"], { cwd, reject: false, env: { NO_COLOR: "1" } });
    expect(run.stderr).toBe("");
    return run.stdout.split("\n").filter((line) => /^\[completed optimizing .*TURBOFAN/.test(line)).length;
  };

  it("the CLI optimises nothing in a short run of several files and optimises a long one", async () => {
    const journey = readFileSync(join(EXAMPLES, "saas-trial.journey.yaml"), "utf8");
    const files = Object.fromEntries(Array.from({ length: 3 * SHORT_RUN.files }, (_, i) => [`j${i}.journey.yaml`, journey.replace(/^id: .*$/m, `id: j${i}`)]));
    const dir = tempProject(files);
    expect(await optimised(dir, ["j0.journey.yaml", "j1.journey.yaml", "j2.journey.yaml"])).toBe(0);
    expect(await optimised(dir, ["--concurrency", "off", "."])).toBeGreaterThan(0);
  }, 30_000);
});

describe.skipIf(HOLD_APPLIES)("tiering on a Node where the hold was not measured", () => {
  it("never holds TurboFan", () => {
    holdOptimizer();
    expect(optimizerHeld()).toBe(false);
  });
});
