import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { applyMeasurement } from "../../src/analyze/write-back.js";
import { defaultConfig } from "../../src/config/load.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { duration } from "../../src/render/measured-report.js";
import { planRender } from "../../src/render/plan.js";
import { lint, ROOT, runCli, RUN_META, tempProject } from "../helpers/index.js";

const FIXTURES = join(ROOT, "test", "fixtures", "analyze");
const JOURNEY = readFileSync(join(FIXTURES, "checkout.journey.yaml"), "utf8");
const ANALYSIS_TEXT = readFileSync(join(FIXTURES, "checkout.analysis.json"), "utf8");
const ANALYSIS = JSON.parse(ANALYSIS_TEXT) as AnalysisResult;

function report(text: string, lang = "en", analysis?: AnalysisResult): string {
  const result = lint(text);
  const plan = planRender([{ result, config: defaultConfig("/virtual") }], {
    labels: LANGUAGES[lang],
    outDir: "/virtual/out",
    projectRoot: "/virtual",
    analyses: analysis ? new Map([[analysis.journey, analysis]]) : undefined,
    ...RUN_META,
  });
  return plan.files.find((f) => f.name === `${result.journeyId}.md`)!.content;
}

const section = (md: string, heading: string) => md.split(`\n## ${heading}\n`)[1]?.split("\n## ")[0];
const rows = (md: string) => md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));

describe("render: the Measured section", () => {
  it("--analysis: matches test/golden/render-measured (also what --check compares, the observed flow included)", async () => {
    const result = await runCli([
      "render",
      "test/fixtures/analyze",
      "--analysis",
      "test/fixtures/analyze/checkout.analysis.json",
      "-o",
      "test/golden/render-measured",
      "--check",
    ]);
    expect(result.stdout).toBe("✔ 7 rendered files in test/golden/render-measured are up to date");
    expect(result.exitCode).toBe(0);
    expect(readdirSync(join(ROOT, "test", "golden", "render-measured")).sort()).toEqual([
      "checkout.flow.mmd",
      "checkout.html",
      "checkout.journey.mmd",
      "checkout.md",
      "checkout.observed.mmd",
      "index.html",
      "index.md",
    ]);
  });

  it("an analysis with segments, a weekly trend, a window and --since: matches test/golden/render-trend, the trend chart included", async () => {
    const result = await runCli([
      "render",
      "test/fixtures/analyze",
      "--analysis",
      "test/fixtures/analyze/checkout-trend.analysis.json",
      "-o",
      "test/golden/render-trend",
      "--check",
    ]);
    expect(result.stdout).toBe("✔ 8 rendered files in test/golden/render-trend are up to date");
    expect(result.exitCode).toBe(0);
    expect(readdirSync(join(ROOT, "test", "golden", "render-trend"))).toContain("checkout.trend.svg");
  });

  it("from the file alone: period, cases, conversion, fitness; the one funnel table with analyze's definitions", () => {
    const md = report(JOURNEY);
    expect(rows(section(md, "Measured"))).toEqual([
      "| Period | Cases | Conversion (reached a goal step) | Fitness (followed the mapped flow) |",
      "| 2026-03-01T00:00:00Z – 2026-03-31T23:58:12.500Z | 1,000 | 53.0% | 87.0% |",
    ]);
    expect(section(md, "Measured")).not.toContain("### ");
    const funnel = section(md, "Funnel");
    expect(rows(funnel)).toEqual([
      "| Step | Reached | Share | Lost after the step |",
      // Shares of the 1,000 cases; lost after = metrics.ended_here as --write recorded it.
      "| Views the lamp's product page | 980 | 98.0% | 250 |",
      "| Adds the lamp to the cart | 720 | 72.0% | 150 |",
      // Its only following step has no figure in the file: the loss cannot be told.
      "| Enters the delivery address | 600 | 60.0% | next steps not measured |",
      "| Chooses how to pay | not measured | — | — |",
      "| Pays by card | 530 | 53.0% | 0 |",
      // Hand-typed without ended_here: no loss is invented.
      "| Asks for an invoice | 25 | 2.5% | — |",
      "| Sees the order confirmation | 530 | 53.0% | goal |",
    ]);
    expect(funnel).toContain("_Share: of the 1,000 cases; lost after: customers whose path ended at the step._");
  });

  it("with the analysis: the funnel is the analysis', unmeasured steps say so; times, deviations, variants and the observed flow", () => {
    const md = report(JOURNEY, "en", ANALYSIS);
    expect(md.match(/\| Lost after the step \|/g)).toHaveLength(1);
    expect(rows(section(md, "Funnel"))).toContain("| Asks for an invoice | not measured | — | — |");
    expect(rows(section(md, "Funnel"))).toContain("| Enters the delivery address | 600 | 60.0% | 70 |");
    const measured = section(md, "Measured");
    expect(rows(measured)).toContain("| Views the lamp's product page | Enters the delivery address | 30 | ❌ | 2 d 4 h |");
    expect(measured).toContain(
      "### Main deviations\n\n| From | To | Moves |\n| --- | --- | ---: |\n| Adds the lamp to the cart | Views the lamp's product page | 80 |\n",
    );
    expect(rows(measured)).toContain("| Views the lamp's product page → Adds the lamp to the cart | 150 | 15.0% |");
    const diagram = /### Observed flow\n\n_.*_\n\n```mermaid\n([\s\S]*?)```/.exec(measured)![1];
    expect(diagram).toContain('  n2 -.->|"80"| n1\n');
    expect(diagram).toContain('  n1 -->|"780"| n2\n');
    expect(diagram).toContain("  n4 --> n6\n"); // mapped, never taken: drawn grey
    expect(diagram).toContain("<small><i>not measured</i></small>"); // the invoice step: no 0
    expect(diagram).toMatch(/class n6 notMeasured/);
    expect(diagram).toMatch(/linkStyle 1,6 stroke:#d32f2f/);
    expect(diagram).toMatch(/linkStyle 7,8 stroke:#bdbdbd/);
  });

  it("through the built CLI in Danish and Arabic: counts grouped and shares to a tenth as each language writes them", async () => {
    const dir = tempProject({ "checkout.journey.yaml": JOURNEY.replace(/cases: 1000\b/, "cases: 12345").replace(/reached: 980\b/, "reached: 12000") });
    for (const lang of ["da", "ar"]) expect((await runCli(["render", ".", "--lang", lang, "-o", lang], { cwd: dir })).exitCode, lang).toBe(0);
    const daMd = readFileSync(join(dir, "da", "checkout.md"), "utf8");
    const da = rows(section(daMd, LANGUAGES.da.measured.heading));
    expect(da[1]).toBe("| 2026-03-01T00:00:00Z – 2026-03-31T23:58:12.500Z | 12.345 | 53,0\u00a0% | 87,0\u00a0% |");
    const daFunnel = rows(section(daMd, LANGUAGES.da.funnel));
    expect(daFunnel).toContain("| Views the lamp's product page | 12.000 | 97,2\u00a0% | 250 |");
    expect(daFunnel).toContain("| Chooses how to pay | ikke målt | — | — |");
    // Arabic: the locale's percent with its marks, so the sign stays on the number's side in right-to-left text.
    const arMd = readFileSync(join(dir, "ar", "checkout.md"), "utf8");
    const ar = rows(section(arMd, LANGUAGES.ar.measured.heading));
    expect(ar[1]).toContain(" | 53.0\u200e%\u200e | 87.0\u200e%\u200e |");
    for (const md of [da, ar, daFunnel, rows(section(arMd, LANGUAGES.ar.funnel))]) expect(md.join("\n")).not.toMatch(/\d%/);
  });

  it("is absent when the journey has no measured block and no analysis is given", () => {
    const plain = JOURNEY.replace(/^measured:\n( {2}.*\n)+/m, "");
    expect(plain).not.toContain("measured:");
    expect(report(plain)).not.toContain("## Measured");
  });

  it("follows a fresh applyMeasurement of the file", () => {
    const remeasured = applyMeasurement(JOURNEY, { ...ANALYSIS, cases: 2000, conversion: 0.25, fitness: 0.123456 }, new Set(["views-product"]));
    // The file keeps 0.1235: Intl rounds that decimal half up, where toFixed rounded its binary 12.349999.
    expect(rows(section(report(remeasured), "Measured"))[1]).toBe("| 2026-03-01T00:00:00Z – 2026-03-31T23:58:12.500Z | 2,000 | 25.0% | 12.4% |");
  });

  it("is translated in every report language: no English label is left", () => {
    const english = LANGUAGES.en.measured as unknown as Record<string, unknown>;
    for (const [lang, labels] of Object.entries(LANGUAGES)) {
      expect(Object.keys(labels.measured).sort(), lang).toEqual(Object.keys(english).sort());
      if (lang === "en") continue;
      const md = report(JOURNEY, lang, ANALYSIS);
      expect(md, lang).toContain(`## ${labels.measured.heading}\n`);
      expect(md, lang).toContain(`### ${labels.measured.observedFlow}\n`);
      for (const [key, value] of Object.entries(labels.measured)) {
        if (typeof value !== "string") continue;
        expect(value.trim(), `${lang}.${key}`).not.toBe("");
        expect(value, `${lang}.${key}`).not.toBe(english[key]);
        // As a whole table cell, heading or caption (Danish "Periode" holds "Period").
        expect(md, lang).not.toMatch(new RegExp(`(\\| |# |_)${(english[key] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\||\\n|_)`));
      }
    }
  });

  it.each([
    [0, "0 s"],
    [59, "59 s"],
    [95, "1 min 35 s"],
    [180, "3 min"],
    [3725, "1 h 2 min"],
    [86_400, "1 d"],
    [190_000, "2 d 4 h"],
    [90_061, "1 d 1 h"],
  ])("shows %i seconds as %s", (seconds, shown) => {
    expect(duration(seconds, LANGUAGES.en)).toBe(shown);
  });
});

describe("render --analysis: files it refuses", () => {
  function project(analysis: string | undefined) {
    const files: Record<string, string> = { "checkout.journey.yaml": JOURNEY };
    if (analysis !== undefined) files["a.json"] = analysis;
    return tempProject(files);
  }
  const mutate = (change: (a: Record<string, unknown>) => void) => {
    const data = JSON.parse(ANALYSIS_TEXT) as Record<string, unknown>;
    change(data);
    return JSON.stringify(data);
  };

  it.each([
    ["not JSON", "{ journey: checkout", /^journey: a\.json: not JSON \(.*\); give the output of `journey analyze --format json`$/],
    ["a list", "[]", /a\.json: not the output of `journey analyze --format json`: `the file` must be an object$/],
    [
      "a count that is not whole",
      mutate((a) => ((a.steps as { reached: number }[])[1].reached = 1.5)),
      /`steps\[1\]\.reached` must be a whole number, 0 or more$/,
    ],
    [
      "a step with reached but a null ended_here",
      mutate((a) => ((a.steps as { ended_here: number | null }[])[1].ended_here = null)),
      /`steps\[1\]\.reached` and `steps\[1\]\.ended_here` must both be null \(not measured\) or both numbers$/,
    ],
    ["a share above 1", mutate((a) => (a.fitness = 87)), /`fitness` must be a number from 0 to 1$/],
    ["a missing list", mutate((a) => delete a.variants), /`variants` must be a list$/],
    ["a bad period", mutate((a) => (a.period = { from: "March", to: "April" })), /`period\.from` must be a UTC time like 2026-01-31T23:59:59Z$/],
    [
      "another journey",
      mutate((a) => (a.journey = "returns")),
      /a\.json: the analysis is of journey `returns`, which is not among the journeys rendered \(`checkout`\); render its file too$/,
    ],
    [
      "a step the journey no longer has",
      mutate((a) => ((a.variants as { path: string[] }[])[0].path[1] = "adds-to-basket")),
      /a\.json: it names step `adds-to-basket`, which journey `checkout` does not have; run `journey analyze` again on the current file$/,
    ],
  ])("%s: exit 2, a clear message, nothing written", async (_what, content, message) => {
    const dir = project(content);
    const result = await runCli(["render", ".", "--analysis", "a.json", "-o", "out"], { cwd: dir });
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.exitCode).toBe(2);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("a missing file and a second analysis of the same journey", async () => {
    const dir = project(ANALYSIS_TEXT);
    const missing = await runCli(["render", ".", "--analysis", "gone.json", "-o", "out"], { cwd: dir });
    expect(missing.stderr).toBe("journey: gone.json: file not found");
    expect(missing.exitCode).toBe(2);
    copyFileSync(join(dir, "a.json"), join(dir, "b.json"));
    const twice = await runCli(["render", ".", "--analysis", "a.json", "--analysis", "b.json", "-o", "out"], { cwd: dir });
    expect(twice.stderr).toBe("journey: b.json: journey `checkout` already has an analysis (a.json); give one per journey");
    expect(twice.exitCode).toBe(2);
  });

  it("--check sees a stale observed flow, and an orphaned one once --analysis is dropped", async () => {
    const dir = project(ANALYSIS_TEXT);
    expect((await runCli(["render", ".", "--analysis", "a.json", "-o", "out"], { cwd: dir })).exitCode).toBe(0);
    const observed = join(dir, "out", "checkout.observed.mmd");
    writeFileSync(observed, readFileSync(observed, "utf8").replace('"780"', '"781"'));
    const stale = await runCli(["render", ".", "--analysis", "a.json", "-o", "out", "--check"], { cwd: dir });
    expect(stale.stdout).toContain("stale     out/checkout.observed.mmd");
    expect(stale.exitCode).toBe(1);
    const dropped = await runCli(["render", ".", "-o", "out", "--check"], { cwd: dir });
    expect(dropped.stdout).toContain("orphaned  out/checkout.observed.mmd");
    expect(dropped.stdout).toContain("stale     out/checkout.md");
    expect(dropped.exitCode).toBe(1);
  });
});
