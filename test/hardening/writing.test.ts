import { spawnSync } from "node:child_process";
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempProject, unprivileged } from "../helpers/index.js";

/** Issue 14, "Writing output": `-o` never destroys an input or a device; rendered names always fit and never collide. */
const GOOD = readFileSync(join(ROOT, "test", "fixtures", "hostile", "good.journey.yaml"), "utf8");
const isRoot = process.getuid?.() === 0;

/** A character device to write into: a fresh node in `dir` when root (never the machine's own), else the system's. */
function device(dir: string, name: "null" | "full"): string | undefined {
  if (process.platform !== "linux") return undefined;
  if (!isRoot) return `/dev/${name}`;
  const path = join(dir, name);
  return spawnSync("mknod", [path, "c", "1", name === "null" ? "3" : "7"]).status === 0 ? path : undefined;
}

describe("-o never replaces what it should not", () => {
  it("-o onto the journey being checked is refused (exit 2) and the journey is untouched, by any name", async () => {
    const dir = tempProject({ "a.journey.yaml": GOOD, "sub/keep.txt": "" });
    linkSync(join(dir, "a.journey.yaml"), join(dir, "hard-link.json"));
    for (const output of ["a.journey.yaml", "./sub/../a.journey.yaml", "hard-link.json"]) {
      const result = await runCli(["lint", "a.journey.yaml", "-f", "json", "-o", output], { cwd: dir });
      expect(result.exitCode, output).toBe(2);
      expect(result.stderr).toMatch(/is a\.journey\.yaml, one of the files being checked; write the report to another file/);
      expect(readFileSync(join(dir, "a.journey.yaml"), "utf8")).toBe(GOOD);
    }
  });

  it("-o onto the config in use is refused too", async () => {
    const dir = tempProject({ "a.journey.yaml": GOOD, "journey.config.yaml": "extends: recommended\n" });
    const result = await runCli(["validate", ".", "-o", "journey.config.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(readFileSync(join(dir, "journey.config.yaml"), "utf8")).toBe("extends: recommended\n");
  });

  it.runIf(process.platform === "linux")("-o onto a character device writes into it: the device stays a device", async () => {
    const dir = tempProject({ "a.journey.yaml": GOOD });
    const nul = device(dir, "null");
    expect(nul, "mknod works as root").toBeDefined();
    const result = await runCli(["lint", "a.journey.yaml", "-f", "json", "-o", nul!], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(statSync(nul!).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it.runIf(process.platform === "linux")("a full disk (ENOSPC) is said as such, exit 2, not 'internal error'", async () => {
    const dir = tempProject({ "a.journey.yaml": GOOD });
    const full = device(dir, "full");
    const result = await runCli(["lint", "a.journey.yaml", "-o", full!], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/no space left on the disk \(ENOSPC, write\)/);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(statSync(full!).isCharacterDevice()).toBe(true);
  });

  it("a folder without write permission (EACCES) is said as such, exit 2, not 'internal error'", async () => {
    const as = unprivileged();
    if (as === undefined) return;
    const dir = tempProject({ "a.journey.yaml": GOOD });
    mkdirSync(join(dir, "locked"));
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "locked"), 0o555);
    const result = await runCli(["lint", "a.journey.yaml", "-o", "locked/report.txt"], { cwd: dir, as });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/permission denied \(EACCES, open\)/);
    expect(result.stderr).toMatch(/locked\/report\.txt: /); // the file asked for, not the temporary one
    expect(result.stderr).not.toMatch(/internal error|\.tmp/);
  });

  it("-o through a symbolic link writes the file it points to, and the link stays a link", async () => {
    const dir = tempProject({ "a.journey.yaml": GOOD, "reports/real.json": "old\n" });
    symlinkSync(join("reports", "real.json"), join(dir, "report.json"));
    const result = await runCli(["lint", "a.journey.yaml", "-f", "json", "-o", "report.json"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(lstatSync(join(dir, "report.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "reports", "real.json"), "utf8"))).toHaveLength(1);
  });
});

describe("rendered file names", () => {
  const withId = (id: string) => GOOD.replace("id: good", `id: ${id}`);

  it("an id of 100 CJK characters (300 bytes) renders under a shortened, unique name within 255 bytes", async () => {
    const dir = tempProject({ "a.journey.yaml": withId("旅".repeat(100)), "b.journey.yaml": withId("旅".repeat(99) + "行") });
    const result = await runCli(["render", ".", "-o", "out"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const names = readdirSync(join(dir, "out"));
    const reports = names.filter((name) => name.endsWith(".md") && name !== "index.md");
    expect(reports).toHaveLength(2);
    for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    const index = readFileSync(join(dir, "out", "index.md"), "utf8");
    for (const report of reports) expect(index).toContain(`(${encodeURIComponent(report)})`);
    expect((await runCli(["render", ".", "-o", "out", "--check"], { cwd: dir })).exitCode).toBe(0);
  });

  it("a journey whose id is `index` gets its own file, noted in the index, and --check is clean", async () => {
    const dir = tempProject({ "a.journey.yaml": withId("index"), "b.journey.yaml": GOOD });
    expect((await runCli(["render", ".", "-o", "out"], { cwd: dir })).exitCode).toBe(0);
    const index = readFileSync(join(dir, "out", "index.md"), "utf8");
    expect(index).toMatch(/^# Customer journeys/m);
    expect(index).toContain("(index_journey.md)");
    expect(index).toContain("Journey `index` is written to `index_journey.md`");
    expect(readFileSync(join(dir, "out", "index_journey.md"), "utf8")).toMatch(/^# A good journey/m);
    const check = await runCli(["render", ".", "-o", "out", "--check"], { cwd: dir });
    expect(check.stdout).toMatch(/up to date/);
    expect(check.exitCode).toBe(0);
  });
});
