import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, tempProject } from "../helpers/index.js";

/**
 * A report reaches a stdout that is not a terminal straight through writeSync (src/util/stdout.ts),
 * not through process.stdout: the bytes must be the same whatever stdout is, a reader that goes
 * away must end the output quietly, and a stdout left non-blocking must still get every byte.
 * 200 files with a schema error each: a JSON report of ~150 KB, more than a pipe holds (64 KB).
 */
const FILES = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`j${i}.journey.yaml`, `journey: 1\nid: j${i}\ntitle: J\nchanel: web\nstages: []\n`]));
const ARGS = ["lint", ".", "-f", "json"];

describe("stdout: the report's bytes, whatever stdout is", () => {
  let dir: string;
  let expected: string;
  beforeAll(async () => {
    dir = tempProject(FILES);
    const run = await runCli([...ARGS, "-o", "report.json"], { cwd: dir });
    expect([run.exitCode, run.stderr]).toEqual([1, ""]);
    expected = readFileSync(join(dir, "report.json"), "utf8");
    expect(expected.length).toBeGreaterThan(100_000);
  });

  it("a pipe and a file get what -o writes", async () => {
    const piped = await runCli(ARGS, { cwd: dir });
    expect([piped.exitCode, piped.stderr]).toEqual([1, ""]);
    expect(piped.stdout + "\n").toBe(expected); // execa drops the last newline

    const file = join(dir, "stdout.json");
    const fd = openSync(file, "w");
    try {
      const run = spawnSync("node", [BIN, ...ARGS], { cwd: dir, stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      expect([run.status, run.stderr]).toEqual([1, ""]);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, "utf8")).toBe(expected);

    const devNull = spawnSync("node", [BIN, ...ARGS], { cwd: dir, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    expect([devNull.status, devNull.stderr]).toEqual([1, ""]);
  });

  it("a reader that goes away after the first bytes (`journey lint | head`) ends the output without an error", () => {
    // A shell's pipe, as a user's: it holds 64 KB, so journey is still writing when head leaves.
    const run = spawnSync("sh", ["-c", '("$0" "$1" lint . -f json 2>stderr.txt; echo "$?" > code.txt) | head -c 100 > /dev/null', process.execPath, BIN], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, "stderr.txt"), "utf8")).toBe("");
    expect(readFileSync(join(dir, "code.txt"), "utf8").trim()).toBe("1"); // the run's own exit code: files with errors
  });

  // Whoever starts journey may hand it a pipe in non-blocking mode; writeSync then meets EAGAIN
  // once the pipe is full, and the rest goes through process.stdout, which waits for the reader.
  const python = spawnSync("python3", ["--version"]).status === 0;
  if (!python) console.warn("stdout.e2e: python3 not found, skipping the non-blocking pipe test (it makes the pipe)");
  it.skipIf(!python)("a non-blocking pipe whose reader is slow still gets every byte", () => {
    const script = `
import json, os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
time.sleep(1)  # the pipe fills, and journey's next write is refused
data = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
child.wait()
print(json.dumps({"code": child.returncode, "stderr": child.stderr.read().decode(), "stdout": data.decode()}))
`;
    const run = spawnSync("python3", ["-c", script, "node", BIN, ...ARGS], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { code: number; stderr: string; stdout: string };
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(result.stdout).toBe(expected);
  });
});
