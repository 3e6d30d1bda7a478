import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, parseJson, ROOT, tempProject, type JsonReport } from "../helpers/index.js";

/**
 * Issue 14, "Reading input": files that are not files, links out of the project, and input whose
 * work grows beyond its bytes. Each runs the built CLI within a time limit and a small V8 heap, as
 * the hostile corpus does, beside a good file that must still be reported.
 */
const TIME_LIMIT_MS = 20_000;

function journey(args: string[], cwd: string, heapMB = 256) {
  return execa("node", [`--max-old-space-size=${heapMB}`, BIN, ...args], {
    cwd,
    reject: false,
    timeout: TIME_LIMIT_MS,
    stdin: "ignore",
    env: { NO_COLOR: "1", FORCE_COLOR: "" },
  });
}

/** A journey without findings (the hostile corpus's own), to see that it is still reported. */
const GOOD = readFileSync(join(ROOT, "test", "fixtures", "hostile", "good.journey.yaml"), "utf8");

/** The findings of `lint -f json`, by file name. */
function byFile(stdout: string): Record<string, JsonReport[number]["messages"]> {
  return Object.fromEntries(parseJson<JsonReport>(stdout).map((r) => [r.filePath.split("/").pop()!, r.messages]));
}

function expectBounded(result: Awaited<ReturnType<typeof journey>>): void {
  expect(result.timedOut, `finished within ${TIME_LIMIT_MS} ms`).toBe(false);
  expect(result.exitCode, result.stderr).not.toBeGreaterThan(2);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe("reading input: regular files only", () => {
  it.runIf(process.platform !== "win32")("a link to /dev/zero is 'not a regular file' and the good file is still reported", async () => {
    const dir = tempProject({ "good.journey.yaml": GOOD });
    symlinkSync("/dev/zero", join(dir, "z.journey.yaml"));
    const result = await journey(["lint", "-f", "json", "z.journey.yaml", "good.journey.yaml"], dir);
    expectBounded(result);
    const files = byFile(result.stdout);
    expect(files["z.journey.yaml"]).toMatchObject([
      { ruleId: "syntax", line: 1, column: 1, message: expect.stringMatching(/not a regular file \(a device\)/) as string },
    ]);
    expect(files["good.journey.yaml"]).toBeDefined();
    expect(result.exitCode).toBe(1);
  });

  it.runIf(process.platform !== "win32")("a FIFO named like a journey does not hang: 'not a regular file'", async () => {
    const dir = tempProject({ "good.journey.yaml": GOOD });
    expect(spawnSync("mkfifo", [join(dir, "p.journey.yaml")]).status).toBe(0);
    for (const args of [["p.journey.yaml", "good.journey.yaml"], ["."]]) {
      const result = await journey(["lint", "-f", "json", ...args], dir);
      expectBounded(result);
      const files = byFile(result.stdout);
      // Named on the command line it is reported; a folder walk skips what is not a regular file.
      if (args[0] === "p.journey.yaml")
        expect(files["p.journey.yaml"]).toMatchObject([{ message: expect.stringMatching(/not a regular file \(a named pipe\)/) as string }]);
      else expect(files["p.journey.yaml"]).toBeUndefined();
      expect(files["good.journey.yaml"]).toBeDefined();
    }
  });

  it.runIf(process.platform !== "win32")("a folder walk does not follow a link to a file outside: the secret never reaches the code frame", async () => {
    const dir = tempProject({ "secret/.npmrc": "//registry.npmjs.org/:_authToken=npm_SECRET_TOKEN_1234\n", "w/good.journey.yaml": GOOD });
    symlinkSync(join(dir, "secret", ".npmrc"), join(dir, "w", "leak.journey.yaml"));
    const walked = await journey(["lint", "w"], dir);
    expectBounded(walked);
    expect(walked.stdout + walked.stderr).not.toContain("SECRET");
    expect(walked.stdout).toContain("✔ 1 file checked: no problems");
    const glob = await journey(["lint", "w/*.journey.yaml"], dir);
    expect(glob.stdout + glob.stderr).not.toContain("SECRET");
    // Named explicitly, a link is read as given: the user asked for that file.
    const named = await journey(["lint", "-f", "json", "w/leak.journey.yaml"], dir);
    expect(byFile(named.stdout)["leak.journey.yaml"].length).toBeGreaterThan(0);
  });

  it.runIf(process.platform === "linux")("a link to / in a folder stops at the walk limit, checks nothing and says why (exit 2)", async () => {
    const dir = tempProject({ "w/good.journey.yaml": GOOD });
    symlinkSync("/", join(dir, "w", "root"));
    const result = await journey(["lint", "w"], dir);
    expectBounded(result);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/stopped walking `w` after 100,000 entries/);
    expect(result.stdout).toBe("");
  });

  it.runIf(process.platform === "linux")("a /proc file named on the command line (size 0) is read within the size limit", async () => {
    const dir = tempProject({ "small.config.yaml": "limits: { max_file_size: 64 }\n" });
    const result = await journey(["lint", "-f", "json", "--config", "small.config.yaml", "/proc/self/maps"], dir);
    expectBounded(result);
    expect(parseJson<JsonReport>(result.stdout)[0].messages[0].message).toMatch(/over the limit of 64 bytes/);
  });
});

describe("reading input: work bounded per file, not only bytes", () => {
  const head = GOOD + "x-data: [";

  it("10 MB of small numbers (5 million values) is refused as a finding, in a 256 MB heap, and the good file is reported", async () => {
    const count = Math.floor((10 * 1024 * 1024 - head.length - 8) / 2);
    const dir = tempProject({ "numbers.journey.yaml": head + "0,".repeat(count) + "0]\n", "good.journey.yaml": GOOD });
    for (const command of ["lint", "validate"]) {
      const result = await journey([command, "-f", "json", "numbers.journey.yaml", "good.journey.yaml"], dir);
      expectBounded(result);
      const files = byFile(result.stdout);
      expect(files["numbers.journey.yaml"]).toMatchObject([
        { ruleId: "syntax", message: expect.stringMatching(/more than 500,000 YAML values .*limits\.max_nodes/) as string },
      ]);
      expect(files["good.journey.yaml"]).toEqual([]);
    }
    const render = await journey(["render", "-o", "out", "numbers.journey.yaml", "good.journey.yaml"], dir);
    expectBounded(render);
    expect(render.stderr).toMatch(/numbers\.journey\.yaml: not rendered/);
  });

  it("limits.max_nodes raises the limit, and a file just under it is checked", async () => {
    const dir = tempProject({
      "n.journey.yaml": head + "0,".repeat(999) + "0]\n",
      "tight.config.yaml": "limits: { max_nodes: 500 }\n",
      "loose.config.yaml": "limits: { max_nodes: 2000 }\n",
    });
    const tight = await journey(["validate", "-f", "json", "--config", "tight.config.yaml", "n.journey.yaml"], dir);
    expect(byFile(tight.stdout)["n.journey.yaml"][0].message).toMatch(/more than 500 YAML values/);
    const loose = await journey(["validate", "-f", "json", "--config", "loose.config.yaml", "n.journey.yaml"], dir);
    expect(byFile(loose.stdout)["n.journey.yaml"].filter((f) => f.severity === "error")).toEqual([]);
  });

  it("aliases that expand a 900 KB file past the size limit are refused, not written out", async () => {
    const big = Array.from({ length: 1000 }, (_, i) => `"${String(i).padStart(4, "0")}${"x".repeat(880)}"`).join(", ");
    const steps = Array.from({ length: 20 }, (_, i) => `      - { id: s${i}, name: S${i}, channel: web, emotion: -1, pain_points: *big }`).join("\n");
    const text = `journey: 1\nid: aliases\ntitle: Aliases\ngoal: { steps: [s19] }\nx-big: &big [${big}]\nstages:\n  - id: all\n    steps:\n${steps}\n`;
    expect(text.length).toBeLessThan(1024 * 1024);
    const dir = tempProject({ "a.journey.yaml": text });
    const result = await journey(["lint", "-f", "json", "a.journey.yaml"], dir);
    expectBounded(result);
    expect(byFile(result.stdout)["a.journey.yaml"]).toMatchObject([
      { ruleId: "syntax", line: 9, message: expect.stringMatching(/aliases expand this file to more than 10,485,760 characters/) as string },
    ]);
    const render = await journey(["render", "-o", "out", "a.journey.yaml"], dir);
    expect(render.stderr).toMatch(/not rendered/);
  });
});
