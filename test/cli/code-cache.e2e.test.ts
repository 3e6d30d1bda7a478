import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { MINIMAL, parseJson, type JsonReport } from "../helpers/index.js";
import { caches, copyInstall } from "../helpers/package.js";

/** A copy of the installed package with a project to lint, so the test owns its dist/ and cache. */
function install(): string {
  const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`many/j${i}.journey.yaml`, MINIMAL.replace("id: minimal", `id: j${i}`)]));
  return copyInstall({ "project/bad.journey.yaml": "journey: 1\nid: bad\ntitle: Bad\nstages: []\nchanel: web\n", ...many });
}
const lint = (dir: string) =>
  execa("node", [join(dir, "bin", "journey.cjs"), "lint", "bad.journey.yaml", "-f", "json"], {
    cwd: join(dir, "project"),
    reject: false,
    env: { NO_COLOR: "1" },
  });

// bin/journey.cjs keeps V8's compiled code of the bundled CLI beside the bundle, on every Node
// version (Node 22's module.enableCompileCache was slower: bench/profiles.md). A cache is only an
// optimisation: a stale, foreign or corrupt one must never change what the CLI does.
describe("bin/journey.cjs: the code cache", () => {
  it("is written on the first run, used after, and a corrupt one is replaced without changing the result", async () => {
    const dir = install();
    expect(caches(dir)).toEqual([]);

    const first = await lint(dir);
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toBe("");
    expect(parseJson<JsonReport>(first.stdout)[0].messages.map((m) => m.ruleId)).toContain("schema");
    // One cache for each file of the split CLI that ran (scripts/bundle.mjs): the entry, and the
    // json formatter, loaded only when chosen and compiled while the optimiser is held.
    const written = caches(dir);
    const cache = written.find((name) => name.startsWith("journey.cjs."));
    expect(cache).toMatch(/^journey\.cjs\.[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.lint\.v8cache$/);
    expect(written.find((name) => /^json-\w+\.cjs-v/.test(name))).toBeDefined();
    const good = readFileSync(join(dir, "dist", "cli", cache!));
    expect(good.length).toBeGreaterThan(10_000);
    const inodes = () => written.map((name) => statSync(join(dir, "dist", "cli", name)).ino);
    const firstInodes = inodes();

    const second = await lint(dir);
    expect([second.exitCode, second.stdout, second.stderr]).toEqual([first.exitCode, first.stdout, first.stderr]);
    expect(inodes()).toEqual(firstInodes); // every cache accepted, so none written again
    expect(caches(dir)).toEqual(written);
    // A run long enough to let V8 optimise (src/util/tiering.ts) leaves V8's flags as the cache wants them.
    const long = await execa("node", [join(dir, "bin", "journey.cjs"), "lint", "."], { cwd: join(dir, "many"), reject: false });
    expect([(long.exitCode ?? 2) < 2, long.stderr]).toEqual([true, ""]);
    expect((await lint(dir)).stdout).toBe(first.stdout);
    expect(inodes()).toEqual(firstInodes);

    writeFileSync(join(dir, "dist", "cli", cache!), Buffer.from("not a V8 code cache at all"));
    const corrupt = await lint(dir);
    expect([corrupt.exitCode, corrupt.stdout, corrupt.stderr]).toEqual([first.exitCode, first.stdout, first.stderr]);
    expect(readFileSync(join(dir, "dist", "cli", cache!)).length).toBeGreaterThan(10_000);
    expect(readdirSync(join(dir, "dist", "cli")).filter((name) => name.endsWith(".tmp"))).toEqual([]); // no temporary files left behind
    expect(caches(dir)).toEqual(expect.arrayContaining(written));
  });

  it("is written again by a short run an hour after it was written, keeping what it held and adding what that run compiled", async () => {
    const dir = install();
    const cli = join(dir, "dist", "cli");
    const first = await lint(dir); // a file with errors, reported as JSON
    const written = caches(dir);
    const stat = (name: string) => statSync(join(cli, name));
    const before = new Map(written.map((name) => [name, stat(name)]));
    // Another file, in the default format: code the first run did not compile.
    const clean = () =>
      execa("node", [join(dir, "bin", "journey.cjs"), "lint", "j0.journey.yaml"], { cwd: join(dir, "many"), reject: false, env: { NO_COLOR: "1" } });
    expect((await clean()).exitCode).toBeLessThan(2);
    expect(written.map((name) => stat(name).ino)).toEqual(written.map((name) => before.get(name)!.ino)); // a recent cache is kept as it is

    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    for (const name of caches(dir)) utimesSync(join(cli, name), hourAgo, hourAgo);
    const refreshing = await clean();
    expect([(refreshing.exitCode ?? 2) < 2, refreshing.stderr]).toEqual([true, ""]);
    const rewritten = written.filter((name) => stat(name).ino !== before.get(name)!.ino);
    // The caches of the files that run loaded; not the JSON formatter's, which it did not load.
    expect(rewritten).toEqual(expect.arrayContaining([expect.stringMatching(/^journey\.cjs\./), expect.stringMatching(/^lint-pack\.cjs\./)]));
    expect(rewritten.some((name) => /^json-/.test(name))).toBe(false);
    for (const name of rewritten) expect(stat(name).size, name).toBeGreaterThanOrEqual(before.get(name)!.size);
    expect(rewritten.reduce((sum, name) => sum + stat(name).size - before.get(name)!.size, 0)).toBeGreaterThan(0);

    const now = caches(dir).map((name) => stat(name).ino);
    expect((await clean()).stdout).toBe(refreshing.stdout);
    expect((await lint(dir)).stdout).toBe(first.stdout);
    expect(caches(dir).map((name) => stat(name).ino)).toEqual(now); // written again only after another hour
  });

  it("writes no cache from a long run, which keeps too little of its start; the next short run writes them", async () => {
    const dir = install();
    const long = await execa("node", [join(dir, "bin", "journey.cjs"), "lint", "."], { cwd: join(dir, "many"), reject: false });
    expect([(long.exitCode ?? 2) < 2, long.stderr]).toEqual([true, ""]);
    expect(caches(dir)).toEqual([]);
    const short = await lint(dir);
    expect([short.exitCode, short.stderr]).toEqual([1, ""]);
    expect(caches(dir).find((name) => name.startsWith("journey.cjs."))).toMatch(/\.lint\.v8cache$/);
  });

  it("keeps lint's caches apart from other commands': a lint after --help writes its own, then uses them", async () => {
    const dir = install();
    const help = await execa("node", [join(dir, "bin", "journey.cjs"), "--help"], { reject: false });
    expect([help.exitCode, help.stderr]).toEqual([0, ""]);
    const afterHelp = caches(dir);
    expect(afterHelp.find((name) => name.startsWith("journey.cjs."))).toMatch(/\.other\.v8cache$/);
    expect(afterHelp.every((name) => name.endsWith(".other.v8cache"))).toBe(true);

    const first = await lint(dir);
    expect([first.exitCode, first.stderr]).toEqual([1, ""]);
    const ofLint = caches(dir).filter((name) => !afterHelp.includes(name));
    expect(ofLint.find((name) => name.startsWith("journey.cjs."))).toMatch(/\.lint\.v8cache$/);
    expect(ofLint.every((name) => name.endsWith(".lint.v8cache"))).toBe(true);
    const inodes = () => ofLint.map((name) => statSync(join(dir, "dist", "cli", name)).ino);
    const before = inodes();
    const second = await lint(dir);
    expect([second.exitCode, second.stdout, second.stderr]).toEqual([first.exitCode, first.stdout, first.stderr]);
    expect(inodes()).toEqual(before); // the lint's own caches accepted, none written again
  });
});
