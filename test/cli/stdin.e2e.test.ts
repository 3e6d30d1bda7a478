import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MINIMAL, parseJson, runCli, tempProject, type JsonReport } from "../helpers/index.js";

const withPersona = MINIMAL.replace("title: Minimal journey", "title: Minimal journey\npersona: alice");

describe("journey lint --stdin", () => {
  it("lints the text on standard input as the file --stdin-filename names: that file's config, its name in the report", async () => {
    const dir = tempProject({
      "team/journey.config.yaml": "personas:\n  alice: { name: Alice, goals: [Buys] }\nchannels:\n  web: { name: Website, mode: async }\n",
      // On disk the file says something else: only standard input is read.
      "team/checkout.journey.yaml": "not: [a journey",
    });
    const result = await runCli(["lint", "--stdin", "--stdin-filename", "team/checkout.journey.yaml", "-f", "json"], { cwd: dir, input: withPersona });
    expect(result.stderr).toBe("");
    const [report] = parseJson<JsonReport>(result.stdout);
    expect(report.filePath).toBe("team/checkout.journey.yaml");
    expect(report.messages.filter((m) => m.severity !== "info")).toEqual([]);
    expect(result.exitCode).toBe(0);

    // Without that config the persona is unknown: the lookup really went through the named path.
    const elsewhere = await runCli(["lint", "--stdin", "--stdin-filename", "other/checkout.journey.yaml", "-f", "json"], { cwd: dir, input: withPersona });
    expect(parseJson<JsonReport>(elsewhere.stdout)[0].messages.map((m) => m.ruleId)).toContain("unknown-reference");
    expect(elsewhere.exitCode).toBe(1);
  });

  it("reports findings with lines and a code frame of the text read, and exits as lint does", async () => {
    const dir = tempProject({ "journey.config.yaml": "channels:\n  web: { name: Website, mode: async }\n" });
    const text = MINIMAL.replace("title: Minimal journey", "title: Minimal journey\nbogus: 1");
    const result = await runCli(["lint", "--stdin"], { cwd: dir, input: text });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^<stdin>:4:1 {2}error {2}.*bogus/m);
    expect(result.stdout).toContain("4 | bogus: 1");
    const validate = await runCli(["validate", "--stdin", "--stdin-filename", "a.journey.yaml"], { cwd: dir, input: MINIMAL });
    expect(validate.exitCode).toBe(0);
  });

  it("keeps the file's own protections: binary and oversized input are findings, not crashes", async () => {
    const dir = tempProject({ "journey.config.yaml": "limits:\n  max_file_size: 1000\n" });
    const binary = await runCli(["lint", "--stdin", "-f", "json"], { cwd: dir, input: Buffer.from([0x61, 0x00, 0x62]) });
    expect(parseJson<JsonReport>(binary.stdout)[0].messages[0].message).toMatch(/NUL bytes/);
    const large = await runCli(["lint", "--stdin", "-f", "json"], { cwd: dir, input: `${MINIMAL}\n# ${"x".repeat(5000)}\n` });
    expect(parseJson<JsonReport>(large.stdout)[0].messages[0].message).toMatch(/over the limit of 1000 bytes/);
    expect(large.exitCode).toBe(1);
  });

  it("refuses paths beside --stdin, and --stdin-filename alone", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL });
    const both = await runCli(["lint", "--stdin", "a.journey.yaml"], { cwd: dir, input: MINIMAL });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--stdin checks the text on standard input: give no paths/);
    const alone = await runCli(["lint", "--stdin-filename", "a.journey.yaml"], { cwd: dir });
    expect(alone.exitCode).toBe(2);
    expect(alone.stderr).toMatch(/add --stdin/);
    expect(readFileSync(join(dir, "a.journey.yaml"), "utf8")).toBe(MINIMAL);
  });
});
