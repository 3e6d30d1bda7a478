import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson, ROOT, runCli, tempProject, type JsonReport } from "../helpers/index.js";

/**
 * The YAML mistakes newcomers make, one fixture each under test/fixtures/yaml/. Every finding a
 * fixture must produce is written in it as `# expect: <line>:<column> <severity> <rule>: <message>`;
 * the file must produce exactly those, through the built CLI.
 */
const FIXTURES = join(ROOT, "test", "fixtures", "yaml");
const EXPECT = /^# expect: (\d+):(\d+) (\w+) ([\w-]+): (.*)$/gm;

const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".journey.yaml"))
  .sort()
  .map((name) => {
    const text = readFileSync(join(FIXTURES, name), "utf8");
    const expected = [...text.matchAll(EXPECT)].map(([, line, column, severity, ruleId, message]) => ({
      line: Number(line),
      column: Number(column),
      severity,
      ruleId,
      message,
    }));
    return { name, text, expected };
  });

describe("YAML mistakes: the likely cause and the fix (built CLI)", () => {
  it("has a fixture for each mistake, each expecting at least one finding", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(c.expected.length, c.name).toBeGreaterThan(0);
  });

  it("reports exactly the expected findings for every fixture in one run", async () => {
    const dir = tempProject(Object.fromEntries(cases.map((c) => [c.name, c.text])));
    const result = await runCli(["validate", "--format", "json", ...cases.map((c) => c.name)], { cwd: dir });
    expect(result.stderr).toBe("");
    const reports = parseJson<JsonReport>(result.stdout);
    for (const c of cases) {
      const report = reports.find((r) => r.filePath === c.name);
      const actual = report?.messages.map(({ line, column, severity, ruleId, message }) => ({ line, column, severity, ruleId, message }));
      expect(actual, c.name).toEqual(c.expected);
    }
    // A warning alone (the value cut by a comment) leaves the file valid.
    expect(reports.find((r) => r.filePath === "comment-in-value.journey.yaml")?.errorCount).toBe(0);
  });
});
