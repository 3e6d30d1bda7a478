import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../../src/lint/fix.js";
import { parseJson, ROOT, runCli, tempProject } from "../helpers/index.js";

/**
 * `journey lint --fix` fixtures, as ESLint's RuleTester cases with `output`: each folder of
 * test/fixtures/fix/ holds `input.journey.yaml`, the `output.journey.yaml` that --fix must
 * write byte for byte (absent: nothing to fix), and `expected.json` with the findings that
 * remain (`rule:line:column`) and the command-line options of the case.
 */
const FIXTURES = join(ROOT, "test", "fixtures", "fix");
type Expected = { args?: string[]; remaining?: string[] };
type Report = {
  messages: { ruleId: string; line: number; column: number; fix?: unknown; suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[] }[];
  output?: string;
}[];

describe("journey lint --fix: fixtures", () => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, async () => {
      const dir = tempProject();
      cpSync(join(FIXTURES, name), dir, { recursive: true });
      const expected = parseJson<Expected>(readFileSync(join(dir, "expected.json"), "utf8"));
      const input = readFileSync(join(dir, "input.journey.yaml"), "utf8");
      const output = (() => {
        try {
          return readFileSync(join(dir, "output.journey.yaml"), "utf8");
        } catch {
          return input;
        }
      })();
      const args = expected.args ?? [];

      // --fix-dry-run shows the fixed text and writes nothing.
      const dry = await runCli(["lint", ...args, "--fix-dry-run", "-f", "json", "input.journey.yaml"], { cwd: dir });
      const [dryReport] = parseJson<Report>(dry.stdout);
      expect(dryReport.output ?? input).toBe(output);
      expect(readFileSync(join(dir, "input.journey.yaml"), "utf8")).toBe(input);

      // --fix writes it, and reports what remains.
      const fixed = await runCli(["lint", ...args, "--fix", "-f", "json", "input.journey.yaml"], { cwd: dir });
      expect(readFileSync(join(dir, "input.journey.yaml"), "utf8")).toBe(output);
      const [report] = parseJson<Report>(fixed.stdout);
      expect(report.messages.map((m) => `${m.ruleId}:${m.line}:${m.column}`)).toEqual(expected.remaining ?? []);
      expect(report.output).toBeUndefined();
      expect(fixed.exitCode).toBe(report.messages.length > 0 ? 1 : 0);
    });
  }
});

describe("journey lint --fix keeps everything else byte for byte", () => {
  const config = "channels:\n  web: { name: Website, mode: async }\n";
  const journey = [
    "journey: 1",
    "id: shop",
    "title: Shop   # the shop",
    "persona: { name: Shopper, goals: [Buys] }",
    "goal: { steps: [pays] }",
    "stages:",
    "  - id: buy",
    "    steps:",
    "      - id: pays",
    "        name: Pays",
    "        chanel: web",
    "        thoughts: At last: done",
    "        collects: feedback",
    "",
  ];
  it("a byte order mark and CRLF line ends stay, and the file keeps its permissions", async () => {
    const text = `\uFEFF${journey.join("\r\n")}`;
    const dir = tempProject({ "journey.config.yaml": config, "a.journey.yaml": text });
    const file = join(dir, "a.journey.yaml");
    const { chmodSync } = await import("node:fs");
    chmodSync(file, 0o640);
    const result = await runCli(["lint", "--fix"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe(text.replace("chanel: web", "channel: web").replace("At last: done", '"At last: done"'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it("a file with nothing to fix is not written", async () => {
    const text = journey.join("\n").replace("chanel", "channel").replace("At last: done", "Done");
    const dir = tempProject({ "journey.config.yaml": config, "a.journey.yaml": text });
    const file = join(dir, "a.journey.yaml");
    const before = statSync(file).mtimeMs;
    writeFileSync(join(dir, "marker"), "");
    const result = await runCli(["lint", "--fix"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("suggestions are listed in JSON with ESLint's shape and never applied; stylish counts what --fix would fix", async () => {
    const text = journey.join("\n").replace("chanel: web", "channel: wen").replace("At last: done", "Order #42 done");
    const dir = tempProject({ "journey.config.yaml": config, "a.journey.yaml": text });
    const result = await runCli(["lint", "-f", "json"], { cwd: dir });
    const [report] = parseJson<Report>(result.stdout);
    const channel = report.messages.find((m) => m.ruleId === "channel-unknown")!;
    expect(channel.fix).toBeUndefined();
    expect(channel.suggestions).toEqual([{ desc: "replace `wen` with `web`", fix: { range: [text.indexOf("wen"), text.indexOf("wen") + 3], text: "web" } }]);
    const comment = report.messages.find((m) => m.ruleId === "syntax")!;
    expect(comment.suggestions![0].fix.text).toBe('"Order #42 done"');
    await runCli(["lint", "--fix"], { cwd: dir });
    expect(readFileSync(join(dir, "a.journey.yaml"), "utf8")).toBe(text);

    const fixable = tempProject({ "journey.config.yaml": config, "a.journey.yaml": journey.join("\n") });
    const stylish = await runCli(["lint"], { cwd: fixable });
    // The syntax error hides the misspelt key until it is fixed: one fix to count now.
    expect(stylish.stdout).toContain("1 problem can be fixed with `journey lint --fix`");
  });

  it("--stdin with --fix-dry-run gives the fixed text; --fix on standard input and on validate are refused", async () => {
    const dir = tempProject({ "journey.config.yaml": config });
    const text = journey.join("\n");
    const dry = await runCli(["lint", "--stdin", "--stdin-filename", "a.journey.yaml", "--fix-dry-run", "-f", "json"], { cwd: dir, input: text });
    expect(parseJson<Report>(dry.stdout)[0].output).toBe(text.replace("chanel: web", "channel: web").replace("At last: done", '"At last: done"'));
    const write = await runCli(["lint", "--stdin", "--fix"], { cwd: dir, input: text });
    expect(write.exitCode).toBe(2);
    expect(write.stderr).toMatch(/--fix cannot write to standard input/);
    const validate = await runCli(["validate", "--fix"], { cwd: dir });
    expect(validate.exitCode).toBe(2);
  });
});

describe("applyEdits", () => {
  it("applies edits in order of position, skips one that overlaps an earlier one, and one that changes nothing", () => {
    const text = "abcdefghij";
    const result = applyEdits(text, [
      { range: [6, 8], text: "GH" },
      { range: [0, 2], text: "AB" },
      { range: [1, 3], text: "xx" }, // overlaps [0, 2): waits for the next pass
      { range: [4, 5], text: "e" }, // the same text: not an edit
      { range: [10, 10], text: "!" },
    ]);
    expect(result).toEqual({ text: "ABcdefGHij!", applied: 3 });
  });
});
