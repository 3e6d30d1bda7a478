import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, MINIMAL, ROOT, runCli, tempProject, unprivileged } from "../helpers/index.js";

/**
 * The hostile-input corpus: one test per file of test/fixtures/hostile/. Each runs the built CLI
 * on that file alone and checks the documented exit code, the first finding (file, line,
 * column, rule, message), that no stack trace is printed, and the bounds: every run must finish
 * within TIME_LIMIT_MS and within a V8 heap of HEAP_LIMIT_MB (node --max-old-space-size), or the
 * process is killed and the test fails.
 */
const CORPUS = join(ROOT, "test", "fixtures", "hostile");
const TIME_LIMIT_MS = 15_000;
const HEAP_LIMIT_MB = 256;

function journey(args: string[], cwd = CORPUS) {
  return execa("node", [`--max-old-space-size=${HEAP_LIMIT_MB}`, BIN, ...args], {
    cwd,
    reject: false,
    timeout: TIME_LIMIT_MS,
    stdin: "ignore",
    env: { NO_COLOR: "1", FORCE_COLOR: "" },
  });
}

/** `first` is the first finding expected; a column of 0 accepts any column. */
type Case = { exit: 0 | 1 | 2; first?: [rule: string, line: number, column: number, message: RegExp]; args?: string[] };

const CASES: Record<string, Case> = {
  "good.journey.yaml": { exit: 0 },
  "empty.journey.yaml": { exit: 1, first: ["syntax", 1, 1, /file is empty/] },
  "only-comments.journey.yaml": { exit: 1, first: ["syntax", 1, 1, /file is empty/] },
  "binary.journey.yaml": { exit: 1, first: ["syntax", 1, 1, /binary data/] },
  "utf16.journey.yaml": { exit: 1, first: ["syntax", 1, 1, /UTF-16; save it as UTF-8/] },
  "invalid-utf8.journey.yaml": { exit: 1, first: ["syntax", 3, 11, /not valid UTF-8/] },
  "bom-crlf.journey.yaml": { exit: 0 },
  "tabs.journey.yaml": { exit: 1, first: ["syntax", 11, 1, /tab used for indentation/] },
  "unclosed-quote.journey.yaml": { exit: 1, first: ["syntax", 3, 8, /the double quote opened on line 3 \(`title: "Unclosed quote`\) is never closed/] },
  "unclosed-bracket.journey.yaml": { exit: 1, first: ["syntax", 6, 16, /the `\[` opened on line 6 \(`goal: \{ steps: \[done \}`\) is never closed/] },
  "duplicate-keys.journey.yaml": { exit: 1, first: ["syntax", 4, 1, /duplicate key/] },
  "multi-document.journey.yaml": { exit: 1, first: ["syntax", 12, 1, /one YAML document/] },
  "alias-bomb.journey.yaml": { exit: 1, first: ["syntax", 2, 8, /aliases expand too much/] },
  // Where the parser gives up depends on the stack the platform gives it: any column on line 3.
  "deep-nesting.journey.yaml": { exit: 1, first: ["syntax", 3, 0, /nested too deeply/] },
  "over-size-limit.journey.yaml": { exit: 1, first: ["syntax", 1, 1, /over the limit of 64 KB/], args: ["--config", "small-limit.config.yaml"] },
  "nan-emotion.journey.yaml": { exit: 1, first: ["schema", 10, 45, /`emotion` must be an integer, not NaN/] },
  "inf-emotion.journey.yaml": { exit: 1, first: ["schema", 10, 45, /not Infinity/] },
  "huge-number.journey.yaml": { exit: 1, first: ["schema", 10, 45, /not Infinity/] },
  "negative-zero.journey.yaml": { exit: 0 },
  "fraction-emotion.journey.yaml": { exit: 1, first: ["schema", 10, 45, /must be an integer, not 2.5/] },
  "wrong-types.journey.yaml": { exit: 1, first: ["schema", 1, 10, /`journey` must be 1/] },
  "proto-keys.journey.yaml": { exit: 1, first: ["schema", 12, 1, /unknown key `__proto__`/] },
  "path-traversal-ids.journey.yaml": { exit: 1, first: ["schema", 2, 5, /`..\/..\/etc\/passwd` is not a valid id/] },
  "reserved-name-id.journey.yaml": { exit: 0 },
  "self-next.journey.yaml": { exit: 0, first: ["back-and-forth", 10, 15, /leads back to itself/] },
  "mutual-recursion.journey.yaml": { exit: 0, first: ["back-and-forth", 10, 15, /go in circles/] },
  "many-entries.journey.yaml": { exit: 0 },
  "not-a-mapping.journey.yaml": { exit: 1, first: ["schema", 1, 1, /must be an object, not an array/] },
  "scalar-document.journey.yaml": { exit: 1, first: ["schema", 1, 1, /must be an object, not text/] },
  "null-values.journey.yaml": { exit: 1, first: ["schema", 2, 4, /`id` must be text \(a string\), not null/] },
  "unknown-tags.journey.yaml": { exit: 1, first: ["syntax", 3, 8, /unresolved tag/] },
  "control-characters.journey.yaml": { exit: 0 },
  "long-line.journey.yaml": { exit: 1, first: ["schema", 10, 9, /missing the required key `name`/] },
};

describe("hostile input corpus (test/fixtures/hostile)", () => {
  it("has a test for every file, and at least 30 files", () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".journey.yaml"))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [file, expected] of Object.entries(CASES)) {
    it(file, async () => {
      const result = await journey(["lint", "-f", "json", ...(expected.args ?? []), file]);
      expect(result.timedOut, `finished within ${TIME_LIMIT_MS} ms`).toBe(false);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      expect(result.exitCode).toBe(expected.exit);
      const [report] = JSON.parse(result.stdout) as {
        filePath: string;
        messages: { ruleId: string; line: number; column: number; message: string; severity: string }[];
      }[];
      expect(report.filePath).toBe(file);
      if (!expected.first) {
        expect(report.messages.filter((m) => m.severity !== "info")).toEqual([]);
        return;
      }
      const [rule, line, column, message] = expected.first;
      expect(report.messages[0]).toMatchObject({ ruleId: rule, line, ...(column > 0 ? { column } : {}) });
      expect(report.messages[0].message).toMatch(message);
    });
  }

  it("every file checked in one run: each reported, the good one clean, exit 1", async () => {
    const result = await journey(["lint", "-f", "json", "."]);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; errorCount: number }[];
    expect(report.map((r) => r.filePath).sort()).toEqual(Object.keys(CASES).sort());
    expect(report.find((r) => r.filePath === "good.journey.yaml")!.errorCount).toBe(0);
  });

  it("__proto__ and constructor keys pollute no prototype", async () => {
    const { checkJourneyFile } = await import("../../src/check.js");
    const { defaultConfig } = await import("../../src/config/load.js");
    checkJourneyFile(join(CORPUS, "proto-keys.journey.yaml"), defaultConfig(CORPUS));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("hostile paths and configs", () => {
  it("a folder with a symbolic link loop is walked once", async () => {
    const dir = tempProject({ "maps/a.journey.yaml": MINIMAL });
    symlinkSync(join(dir, "maps"), join(dir, "maps", "loop"));
    symlinkSync(join(dir, "maps", "loop"), join(dir, "maps", "loop2"));
    const result = await journey(["validate", "-f", "json", "maps"], dir);
    expect(result.timedOut).toBe(false);
    expect((JSON.parse(result.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["maps/a.journey.yaml"]);
  });

  it("a path that does not exist, and a folder without journeys: exit 2, named, others still checked", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL, "empty/readme.md": "# nothing\n" });
    const result = await journey(["validate", "nope.journey.yaml", "empty", "a.journey.yaml"], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("no journey files found for `nope.journey.yaml`");
    expect(result.stderr).toContain("no journey files found for `empty`");
    expect(result.stdout).toContain("1 file checked: no problems");
  });

  const as = unprivileged();
  it.runIf(as)("an unreadable file is reported by name (as nobody when the tests run as root)", async () => {
    const dir = tempProject({ "locked.journey.yaml": MINIMAL, "ok.journey.yaml": MINIMAL.replace("id: minimal", "id: ok") });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "locked.journey.yaml"), 0o000);
    const result = await runCli(["validate", "."], { cwd: dir, as });
    expect(result.stdout).toContain("locked.journey.yaml:1:1  error  permission denied");
    expect(result.exitCode).toBe(1);
  });

  it.runIf(as)("a folder a walk may not list is named on stderr and the rest checked, exit 2 (review round 3: it was skipped without a word)", async () => {
    const dir = tempProject({ "ok.journey.yaml": MINIMAL, "locked/hidden.journey.yaml": MINIMAL.replace("id: minimal", "id: hidden") });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "locked"), 0o000);
    const result = await runCli(["lint", "."], { cwd: dir, as });
    expect(result.stderr).toBe("journey: could not read the folder `locked` (permission denied): the journeys in it were not checked");
    expect(result.stdout).toContain("in 1 of 1 file");
    expect(result.exitCode).toBe(2);
    const named = await runCli(["lint", "locked"], { cwd: dir, as });
    expect(named.stderr).toBe("journey: could not read the folder `locked` (permission denied): the journeys in it were not checked");
    expect(named.exitCode).toBe(2);
  });

  it.runIf(process.platform === "linux")("a named pipe named like a journey in a walked folder is named, never opened, exit 2", async () => {
    const dir = tempProject({ "ok.journey.yaml": MINIMAL });
    await execa("mkfifo", [join(dir, "pipe.journey.yaml")]);
    const result = await journey(["lint", "."], dir);
    expect(result.stderr).toBe("journey: `pipe.journey.yaml` was not checked: not a regular file (a named pipe)");
    expect(result.exitCode).toBe(2);
  });

  it("render -o naming a file is a usage error that says so", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL, "out.txt": "mine\n" });
    const result = await journey(["render", "-o", "out.txt"], dir);
    expect(result.stderr).toBe("journey: -o out.txt is a file, not a folder: name the folder to render into");
    expect(result.exitCode).toBe(2);
  });

  it("a config with errors: file, line, column, exit 2", async () => {
    const dir = tempProject({ "journey.config.yaml": "rules:\n  dead-end: loud\nchannels:\n  Web Site: { name: Web }\n", "a.journey.yaml": MINIMAL });
    const result = await journey(["lint"], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey.config.yaml:2:13  error  `dead-end` must be one of off, info, warning, error, not `loud`");
    expect(result.stderr).toContain("journey.config.yaml:4:3  error  `Web Site` is not a valid id");
    expect(result.stdout).toBe("");
  });

  it("a config that extends itself is refused (extends names a preset, never a file)", async () => {
    const dir = tempProject({ "journey.config.yaml": "extends: ./journey.config.yaml\n", "a.journey.yaml": MINIMAL });
    const result = await journey(["lint"], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey.config.yaml:1:10  error  `extends` must be one of recommended, strict, none, not `./journey.config.yaml`");
  });

  it("a config that is not YAML at all", async () => {
    const dir = tempProject({ "journey.config.yaml": Buffer.from([0, 1, 2, 3]), "a.journey.yaml": MINIMAL });
    const result = await journey(["lint"], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey.config.yaml:1:1  error  file contains binary data");
  });

  it("a folder named like a journey file is not read as one", async () => {
    const dir = tempProject({ "a.journey.yaml/inner.journey.yaml": MINIMAL });
    mkdirSync(join(dir, "b.journey.yaml"));
    writeFileSync(join(dir, "c.journey.yaml"), MINIMAL.replace("id: minimal", "id: c"));
    const result = await journey(["validate", "-f", "json", "."], dir);
    expect((JSON.parse(result.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["a.journey.yaml/inner.journey.yaml", "c.journey.yaml"]);
  });
});
