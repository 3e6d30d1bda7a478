import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { STRUCTURAL_RULES } from "../../src/finding.js";
import { RULES } from "../../src/rules/registry.js";
import { isProjectRule } from "../../src/rules/types.js";
import { MINIMAL, parseJson, ROOT, runCli, tempProject, xmllintAvailable, type JsonReport, type SarifLog } from "../helpers/index.js";

const MIXED = join(ROOT, "test", "fixtures", "cli", "mixed");
const golden = (name: string) => readFileSync(join(ROOT, "test", "golden", name), "utf8");

describe("journey lint: golden output", () => {
  it("stylish (default) matches test/golden/mixed.stylish.txt", async () => {
    const result = await runCli(["lint"], { cwd: MIXED });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + "\n").toBe(golden("mixed.stylish.txt"));
  });
  it("github matches test/golden/mixed.github.txt", async () => {
    const result = await runCli(["lint", "-f", "github"], { cwd: MIXED });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + "\n").toBe(golden("mixed.github.txt"));
  });
});

describe("journey lint: formats", () => {
  it("json lists every file with its messages and counts", async () => {
    const result = await runCli(["lint", "-f", "json"], { cwd: MIXED });
    const report = JSON.parse(result.stdout) as {
      filePath: string;
      messages: Record<string, unknown>[];
      errorCount: number;
      warningCount: number;
      infoCount: number;
    }[];
    expect(report.map((r) => [r.filePath, r.errorCount, r.warningCount, r.infoCount])).toEqual([
      ["broken.journey.yaml", 2, 4, 0],
      ["clean.journey.yaml", 0, 0, 0],
      ["invalid.journey.yaml", 1, 0, 0],
      // a whole-project lint: catalog-unused reports the config's team no journey names
      ["journey.config.yaml", 0, 0, 1],
    ]);
    expect(report[0].messages.find((m) => m.ruleId === "channel-unknown")).toEqual({
      ruleId: "channel-unknown",
      severity: "error",
      message:
        "channel `emial` is not declared in this journey's `channels` or in journey.config.yaml, which declare `web`, `email`, `phone`, `chat` and `faq`; did you mean `email`?",
      line: 19,
      column: 18,
      endLine: 19,
      endColumn: 23,
      journeyId: "broken",
      stepId: "refunded",
      // Another channel is another meaning: a suggestion to choose, never a fix.
      suggestions: [{ desc: "replace `emial` with `email`", fix: { range: expect.any(Array) as unknown, text: "email" } }],
    });
  });

  it("sarif is valid SARIF 2.1.0 (schema) and passes Microsoft's validator without errors or warnings", async () => {
    const dir = tempProject();
    const out = join(dir, "out.sarif");
    const result = await runCli(["lint", "-f", "sarif", "-o", out], { cwd: MIXED });
    expect(result.exitCode).toBe(1);
    const log = parseJson<SarifLog>(readFileSync(out, "utf8"));
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    const validate = ajv.compile(parseJson<object>(readFileSync(join(ROOT, "test", "schemas", "sarif-schema-2.1.0.json"), "utf8")));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("journey");
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.results).toHaveLength(8); // 7 in the journeys, catalog-unused in the config
    expect(run.results[5]).toMatchObject({
      ruleId: "channel-unknown",
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "broken.journey.yaml", uriBaseId: "%SRCROOT%" },
            region: { startLine: 19, startColumn: 18, endLine: 19, endColumn: 23 },
          },
        },
      ],
    });
    const rule = run.tool.driver.rules[run.results[5].ruleIndex];
    expect(rule.id).toBe("channel-unknown");
    expect(rule.helpUri).toMatch(/docs\/rules\/channel-unknown\.md$/);

    const multitool = join(ROOT, "node_modules", ".bin", "sarif-multitool");
    let output: string;
    try {
      output = execFileSync(multitool, ["validate", out], { encoding: "utf8", env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" } });
    } catch (error) {
      throw new Error(`sarif-multitool failed:\n${String((error as { stdout?: string }).stdout ?? error)}`, { cause: error });
    }
    expect(output).toContain("Analysis completed successfully");
    expect(output).not.toMatch(/: (error|warning) /);
  });

  it.runIf(xmllintAvailable())("junit validates against the JUnit XSD used by Jenkins' xUnit plugin", async () => {
    const dir = tempProject();
    const out = join(dir, "out.xml");
    await runCli(["lint", "-f", "junit", "-o", out], { cwd: MIXED });
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain('<testsuite name="broken.journey.yaml"');
    expect(xml).toContain('<testcase name="touchpoint-unanswered" classname="broken.journey.yaml" time="0">');
    // the structural checks and every rule of one journey but feedback-missing, which the config turns off
    const checks = STRUCTURAL_RULES.length + RULES.filter((rule) => !isProjectRule(rule) && rule.meta.id !== "feedback-missing").length;
    expect(xml).toContain(`<testsuite name="clean.journey.yaml" file="clean.journey.yaml" tests="${checks}" failures="0"`);
    const xsd = join(ROOT, "test", "schemas", "junit-10.xsd");
    const check = () => execFileSync("xmllint", ["--noout", "--schema", xsd, out], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(check).not.toThrow();
  });

  it("markdown gives a summary table with links to the rule docs", async () => {
    const result = await runCli(["lint", "-f", "markdown"], { cwd: MIXED });
    expect(result.stdout).toContain("**3 errors, 4 warnings, 1 info** in 3 of 4 files.");
    expect(result.stdout).toContain("| broken.journey.yaml | 2 | 4 | 0 |");
    expect(result.stdout).toMatch(/\| broken.journey.yaml:19:18 \| ❌ error \| \[channel-unknown\]\(https:\/\/[^)]+docs\/rules\/channel-unknown.md\) \|/);
  });
});

describe("journey lint: options and exit codes", () => {
  const WARN_ONLY =
    MINIMAL.replace("        channel: web\n", "        channel: web\n        emotion: -1\n").replace(
      "goal:",
      "channels: { web: { name: Web, mode: async } }\npersona: { name: P, goals: [g] }\ngoal:",
    ) + "        collects: feedback\n";

  it("exits 0 with warnings only, and 1 when they exceed --max-warnings", async () => {
    const dir = tempProject({ "a.journey.yaml": WARN_ONLY });
    const ok = await runCli(["lint"], { cwd: dir });
    expect(ok.stdout).toContain("emotion-unaddressed");
    expect(ok.exitCode).toBe(0);
    const strict = await runCli(["lint", "--max-warnings", "0"], { cwd: dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain("journey: 1 warning, more than --max-warnings 0");
    const bad = await runCli(["lint", "--max-warnings", "many"], { cwd: dir });
    expect(bad.exitCode).toBe(2);
  });

  it("--quiet reports errors only, and says how many warnings and notes it hid", async () => {
    const dir = tempProject({ "a.journey.yaml": WARN_ONLY });
    const plain = await runCli(["lint", "--format", "json"], { cwd: dir });
    const [{ warningCount, infoCount }] = parseJson<JsonReport>(plain.stdout);
    expect([warningCount, infoCount]).toEqual([1, 0]);
    const result = await runCli(["lint", "--quiet", "--max-warnings", "0"], { cwd: dir });
    expect(result.stdout).toBe("✔ 1 file checked: no errors (1 warning hidden by --quiet)");
    expect(result.exitCode).toBe(0);
    const markdown = await runCli(["lint", "--quiet", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain("✅ 1 journey file checked: no errors (1 warning hidden by `--quiet`).");
    // With nothing to hide, "no problems" is the truth.
    const clean = tempProject({ "a.journey.yaml": WARN_ONLY.replace("emotion: -1", "emotion: 1") });
    expect((await runCli(["lint", "--quiet"], { cwd: clean })).stdout).toBe("✔ 1 file checked: no problems");
  });

  it("--quiet with errors: the errors, and the count of what it hid after the summary", async () => {
    const dir = tempProject({
      "a.journey.yaml": WARN_ONLY,
      "b.journey.yaml": WARN_ONLY.replace("id: minimal", "id: other").replace("channel: web\n", "channel: nowhere\n"),
    });
    const all = parseJson<JsonReport>((await runCli(["lint", "--format", "json"], { cwd: dir })).stdout);
    const hidden = all.reduce((n, r) => n + r.warningCount, 0);
    const hiddenInfo = all.reduce((n, r) => n + r.infoCount, 0);
    const errors = all.reduce((n, r) => n + r.errorCount, 0);
    expect(errors).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
    const words = [`${hidden} warning${hidden === 1 ? "" : "s"}`, ...(hiddenInfo > 0 ? [`${hiddenInfo} info`] : [])].join(" and ");
    const result = await runCli(["lint", "--quiet"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain("warning  ");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^✖ \\d+ problems? \\(\\d+ errors?\\) in 1 of 2 files; ${words} hidden by --quiet$`));
    const markdown = await runCli(["lint", "--quiet", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain(`in 1 of 2 files (${words} hidden by \`--quiet\`).`);
  });

  it("--rule overrides the config and the file; bad --rule values exit 2", async () => {
    const dir = tempProject({ "a.journey.yaml": WARN_ONLY, "journey.config.yaml": "rules:\n  emotion-unaddressed: off\n" });
    expect((await runCli(["lint"], { cwd: dir })).stdout).not.toContain("emotion-unaddressed");
    const raised = await runCli(["lint", "--rule", "emotion-unaddressed=error"], { cwd: dir });
    expect(raised.exitCode).toBe(1);
    expect(raised.stdout).toContain("error  the customer feels bad");
    const withOptions = await runCli(["lint", "--rule", 'path-too-long=["error",{"max":0}]'], { cwd: dir });
    expect(withOptions.stderr).toContain("--rule: `max` must be at least 1, not 0");
    expect(withOptions.exitCode).toBe(2);
    const unknown = await runCli(["lint", "--rule", "path-to-long=error"], { cwd: dir });
    expect(unknown.stderr).toContain("unknown key `path-to-long`; did you mean `path-too-long`?");
    expect(unknown.exitCode).toBe(2);
  });

  it("a journey's own rules override the config for that file only", async () => {
    const own = WARN_ONLY.replace("goal:", "rules: { emotion-unaddressed: error }\ngoal:");
    const dir = tempProject({ "a.journey.yaml": own, "b.journey.yaml": WARN_ONLY.replace("id: minimal", "id: other") });
    const result = await runCli(["lint", "-f", "json"], { cwd: dir });
    const report = JSON.parse(result.stdout) as { messages: { ruleId: string; severity: string }[] }[];
    expect(report.map((r) => r.messages.map((m) => `${m.ruleId}:${m.severity}`))).toEqual([["emotion-unaddressed:error"], ["emotion-unaddressed:warning"]]);
  });

  it("presets: strict makes every rule an error, none switches them off", async () => {
    const strict = tempProject({ "a.journey.yaml": WARN_ONLY, "journey.config.yaml": "extends: strict\n" });
    expect((await runCli(["lint"], { cwd: strict })).exitCode).toBe(1);
    const none = tempProject({ "a.journey.yaml": WARN_ONLY, "journey.config.yaml": "extends: none\n" });
    const result = await runCli(["lint"], { cwd: none });
    expect(result.stdout).toBe("✔ 1 file checked: no problems");
  });

  it("--print-config shows the rules in force for a file", async () => {
    const dir = tempProject({
      "a.journey.yaml": WARN_ONLY.replace("goal:", "rules: { path-too-long: [warning, { max: 4 }] }\ngoal:"),
      "journey.config.yaml": "rules:\n  stage-empty: error\n",
    });
    const result = await runCli(["lint", "--print-config", "a.journey.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const printed = JSON.parse(result.stdout) as { extends: string; rules: Record<string, unknown> };
    expect(printed.extends).toBe("recommended");
    expect(printed.rules["stage-empty"]).toBe("error");
    expect(printed.rules["path-too-long"]).toEqual(["warning", { max: 4 }]);
    expect(printed.rules["feedback-missing"]).toBe("info");
  });

  it("config rule settings are validated with positions (exit 2)", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL, "journey.config.yaml": "rules:\n  path-too-long: [warning, { maximum: 4 }]\n" });
    const result = await runCli(["lint"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey.config.yaml:2:30  error  unknown key `maximum`; did you mean `max`?  schema");
  });

  it("--report-unused-disable-directives reports directives that silence nothing", async () => {
    const text = WARN_ONLY.replace("      - id: buys", "      # journey-disable-next-line stage-empty -- nothing to silence\n      - id: buys");
    const dir = tempProject({ "a.journey.yaml": text });
    const plain = await runCli(["lint", "-f", "json"], { cwd: dir });
    expect(parseJson<JsonReport>(plain.stdout)[0].messages.map((m) => m.ruleId)).toEqual(["emotion-unaddressed"]);
    const reported = await runCli(["lint", "--report-unused-disable-directives"], { cwd: dir });
    expect(reported.exitCode).toBe(1);
    expect(reported.stdout).toContain(
      "a.journey.yaml:10:7  error  unused journey-disable-next-line directive: no `stage-empty` finding to silence here  unused-disable-directive",
    );
  });

  it("structural errors skip the rules for that file only", async () => {
    const dir = tempProject({ "bad.journey.yaml": MINIMAL.replace("journey: 1", "journey: 3"), "good.journey.yaml": WARN_ONLY });
    const result = await runCli(["lint", "-f", "json"], { cwd: dir });
    const report = JSON.parse(result.stdout) as { messages: { ruleId: string }[] }[];
    expect(report[0].messages.map((m) => m.ruleId)).toEqual(["schema"]);
    expect(report[1].messages.map((m) => m.ruleId)).toEqual(["emotion-unaddressed"]);
    expect(result.exitCode).toBe(1);
  });
});

describe("journey lint: many files in worker threads", () => {
  it("gives exactly the same report with threads as on one thread", async () => {
    const files: Record<string, string> = {};
    const examples = ["cat-fountain-purchase", "saas-trial", "support-case-handoffs"].map((name) =>
      readFileSync(join(ROOT, "examples", `${name}.journey.yaml`), "utf8"),
    );
    for (let i = 0; i < 60; i++) {
      const text = examples[i % 3].replace(/^id: .*$/m, `id: copy-${i}`);
      // every fifth file broken, every seventh with a duplicate id, to exercise every path
      files[`maps/${i % 4}/j${i}.journey.yaml`] =
        i % 5 === 0 ? text.replace("stages:", "stages: [") : i % 7 === 0 ? text.replace(`id: copy-${i}`, "id: copy-1") : text;
    }
    files["journey.config.yaml"] = readFileSync(join(ROOT, "examples", "journey.config.yaml"), "utf8");
    const dir = tempProject(files);
    const serial = await runCli(["lint", "-f", "json", "--concurrency", "off"], { cwd: dir });
    const threaded = await runCli(["lint", "-f", "json", "--concurrency", "2"], { cwd: dir });
    expect(threaded.exitCode).toBe(serial.exitCode);
    expect(threaded.stdout).toBe(serial.stdout);
    const report = JSON.parse(serial.stdout) as { messages: { ruleId: string }[] }[];
    expect(report).toHaveLength(61); // the 60 journeys, and the config (catalog-unused: a channel and a persona no copy uses)
    expect(report.flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(expect.arrayContaining(["syntax", "duplicate-id"]));
    const stylishSerial = await runCli(["lint", "--concurrency", "off"], { cwd: dir });
    const stylishThreaded = await runCli(["lint", "--concurrency", "3"], { cwd: dir });
    expect(stylishThreaded.stdout).toBe(stylishSerial.stdout);
  });

  it("rejects a bad --concurrency", async () => {
    const result = await runCli(["lint", "--concurrency", "zero"], { cwd: MIXED });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--concurrency takes auto, off or a whole number");
  });
});
