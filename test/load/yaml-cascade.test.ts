import { pathToFileURL } from "node:url";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkJourneyText } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import { applyEdits, fixText } from "../../src/lint/fix.js";
import { groupYamlErrors } from "../../src/load/yaml-cascade.js";
import { toDiagnostics } from "../../src/lsp/diagnostics.js";
import { Project } from "../../src/project/project.js";
import { longJourney, parseJson, removeTempProjects, ROOT, RUN_META, runCli, tempProject, type JsonReport } from "../helpers/index.js";

afterAll(removeTempProjects);

/**
 * One mistake, one message: each fixture of test/fixtures/yaml-cascade/ holds one YAML mistake
 * (two in the `two-mistakes*` ones) and says what it must give: `# expect: <line>:<column>
 * <messageId>: <the end of the message>` for each finding, or `# expect: nothing`, and how
 * many errors the `yaml` parser reports for it alone (`# parser errors: N`). `<case>.fixed.yaml`,
 * when present, is what `journey lint --fix` makes of it, byte for byte, with no finding left;
 * without it nothing is fixed (the fix is the user's choice).
 */
const FIXTURES = join(ROOT, "test", "fixtures", "yaml-cascade");
const EXPECT = /^# expect: (?:nothing|(\d+):(\d+) ([\w-]+): (.*))$/gm;
const PARSER_ERRORS = /^# parser errors: (\d+)$/m;

const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".journey.yaml"))
  .sort()
  .map((name) => {
    const text = readFileSync(join(FIXTURES, name), "utf8");
    const expected = [...text.matchAll(EXPECT)]
      .filter((m) => m[1] !== undefined)
      .map(([, line, column, messageId, message]) => ({ line: Number(line), column: Number(column), messageId, message }));
    const fixedPath = join(FIXTURES, name.replace(/\.journey\.yaml$/, ".fixed.yaml"));
    return {
      name,
      text,
      expected,
      parserErrors: Number(PARSER_ERRORS.exec(text)?.[1]),
      fixed: existsSync(fixedPath) ? readFileSync(fixedPath, "utf8") : undefined,
    };
  });

const config = defaultConfig(FIXTURES);

describe("one YAML mistake, one message (test/fixtures/yaml-cascade)", () => {
  it("has the cases the issue names, each saying what it expects", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) {
      expect(c.text, c.name).toMatch(EXPECT);
      expect(Number.isInteger(c.parserErrors), c.name).toBe(true);
    }
    // The parser alone gives many errors for most of them: that cascade is what is grouped.
    expect(cases.filter((c) => c.parserErrors > c.expected.length).length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)("$name: the expected findings, at the place to change", ({ name, text, expected, parserErrors }) => {
    expect(parseDocument(text, { uniqueKeys: true }).errors.length).toBe(parserErrors);
    const findings = checkJourneyText(name, text, config).findings;
    expect(findings.map((f) => ({ line: f.line, column: f.column, messageId: f.messageId }))).toEqual(
      expected.map(({ line, column, messageId }) => ({ line, column, messageId })),
    );
    findings.forEach((finding, i) =>
      expect(finding.message.endsWith(expected[i].message), `${finding.message}\n  ends with\n${expected[i].message}`).toBe(true),
    );
  });

  it.each(cases)("$name: lint --fix applies the safe fix, and only that; suggestions mend the YAML", ({ name, text, fixed }) => {
    const result = fixText(name, text, config, { lint: true });
    expect(result.output).toBe(fixed);
    if (fixed !== undefined) expect(result.checked.findings).toEqual([]);
    for (const finding of checkJourneyText(name, text, config).findings)
      for (const suggestion of finding.suggestions ?? []) {
        const after = applyEdits(text, [suggestion.fix]).text;
        expect(parseDocument(after).errors, `${name}: ${suggestion.desc}`).toEqual([]);
      }
  });

  it("Windows line ends stay: the fixes of a file with CRLF keep every CRLF", () => {
    for (const name of ["list-item-shallower.journey.yaml", "three-mistakes-close-together.journey.yaml"]) {
      const c = cases.find((x) => x.name === name)!;
      const crlf = (text: string) => text.replace(/\n/g, "\r\n");
      const result = fixText(name, crlf(c.text), config, { lint: true });
      expect(result.output, name).toBe(crlf(c.fixed!));
      expect(result.checked.findings).toEqual([]);
    }
  });

  it("the built CLI reports the same findings (journey lint --format json)", async () => {
    // The valid ones share a journey id; one of them is enough here.
    const run = cases.filter((c) => c.name !== "tab-after-key.journey.yaml");
    const dir = tempProject(Object.fromEntries(run.map((c) => [c.name, c.text])));
    const result = await runCli(["lint", "--format", "json", ...run.map((c) => c.name)], { cwd: dir });
    expect(result.stderr).toBe("");
    const reports = parseJson<JsonReport>(result.stdout);
    for (const c of run) {
      const messages = reports.find((r) => r.filePath === c.name)?.messages ?? [];
      expect(
        messages.map((m) => `${m.line}:${m.column}`),
        c.name,
      ).toEqual(c.expected.map((e) => `${e.line}:${e.column}`));
    }
  });

  it("journey lsp's diagnostics (the project model, with unsaved text) give the same two findings", () => {
    const two = cases.find((c) => c.name === "two-mistakes.journey.yaml")!;
    const dir = tempProject({ "a.journey.yaml": cases.find((c) => c.name === "valid.journey.yaml")!.text, ".git/HEAD": "" });
    const project = new Project([dir]);
    project.scan();
    const path = join(dir, "a.journey.yaml");
    expect(project.check(path)!.findings).toEqual([]);
    project.setText(path, two.text);
    const diagnostics = toDiagnostics(project.check(path)!.findings, RUN_META.rulesMeta, pathToFileURL(path).href);
    expect(diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.code])).toEqual(
      two.expected.map((e) => [e.line, e.column, "syntax"]),
    );
  });

  it("never throws on what editors hold while typing: random fragments, and every parser error grouped or kept", () => {
    const fragments = [
      "  - id: x\n",
      "next: [",
      "channel: [email, ",
      "\t",
      '"',
      "'",
      "{ to: ",
      "}",
      "]",
      ": ",
      "- ",
      "\n",
      "\r\n",
      "   ",
      "|\n",
      "---\n",
      "? ",
      "&a ",
      "*a",
    ];
    let seed = 24;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // Mistakes on the first line, at the end of the text, or the whole text.
    for (const text of ["{ a: [b }", "a: { b: [c }", "x: [a }", "[", "]", '"', "{", "\ta: 1", "a:\t[", "a: [b,\nc]"]) {
      const errors = parseDocument(text).errors;
      const { causes, unexplained } = groupYamlErrors(text, errors);
      expect(causes.length + unexplained.length, text).toBeGreaterThan(0);
    }
    let text = cases.find((c) => c.name === "valid.journey.yaml")!.text;
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(next() * (text.length + 1));
      text = text.slice(0, start) + fragments[Math.floor(next() * fragments.length)] + text.slice(start + (next() < 0.3 ? 5 : 0));
      if (i % 10 !== 0) continue;
      const errors = parseDocument(text, { uniqueKeys: true }).errors;
      const { causes, unexplained } = groupYamlErrors(text, errors);
      expect(causes.length + unexplained.length).toBeLessThanOrEqual(errors.length);
      if (errors.length > 0) expect(causes.length + unexplained.length).toBeGreaterThan(0);
      for (const cause of causes) {
        expect(cause.start).toBeLessThanOrEqual(cause.end);
        expect(cause.end).toBeLessThanOrEqual(text.length);
      }
    }
  });

  it("a misindented key in a 1,000-step journey: one finding, with its fix", () => {
    const text = longJourney(1000);
    const lines = text.split("\n");
    const at = lines.findIndex((line, i) => i > lines.length / 2 && /^ {8}name: /.test(line));
    lines[at] = `  ${lines[at]}`;
    const started = performance.now();
    const findings = checkJourneyText("long.journey.yaml", lines.join("\n"), config).findings;
    const elapsed = performance.now() - started;
    expect(findings.map((f) => [f.line, f.messageId])).toEqual([[at + 1, "key-indent"]]);
    expect(applyEdits(lines.join("\n"), [findings[0].fix!]).text).toBe(text);
    // Not a timing test: a bound far above the measured time, against a cascade gone quadratic.
    expect(elapsed).toBeLessThan(5000);
  });
});
