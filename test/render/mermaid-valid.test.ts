import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJourneyFile } from "../../src/check.js";
import { defaultConfig, loadConfigFile } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { discoverFiles } from "../../src/discover/files.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { findBrowser, MermaidRenderer } from "../../src/render/images.js";
import { planRender, type Diagram } from "../../src/render/plan.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import type { FlowGraph } from "../../src/model/flow-graph.js";
import type { Journey } from "../../src/model/types.js";
import { chromiumAvailable, EXAMPLES, ROOT, RUN_META } from "../helpers/index.js";

function diagramsOf(files: string[], config: ProjectConfig, lang: string, withAnalyses = false): Diagram[] {
  const results = files.map((file) => lintFile(checkJourneyFile(file, config), config));
  const analyses = withAnalyses
    ? new Map(results.flatMap((r) => (r.model ? [[r.model.journey.id, syntheticAnalysis(r.model.journey, r.model.graph)] as const] : [])))
    : undefined;
  return planRender(
    results.map((result) => ({ result, config })),
    { labels: LANGUAGES[lang], outDir: "/out", projectRoot: config.dir, analyses, ...RUN_META },
  ).diagrams;
}

/** Every mapped edge observed, one never taken, and a deviation back to the first step: all three edge styles. */
function syntheticAnalysis(journey: Journey, graph: FlowGraph): AnalysisResult {
  const edges = journey.steps.flatMap((s) => graph.successors[s.index].map((t) => [s.id, journey.steps[t].id] as const));
  const last = journey.steps[journey.steps.length - 1].id;
  return {
    journey: journey.id,
    engine: "duckdb",
    events: { read: 10, mapped: 10, unmapped: 0, skipped: 0 },
    period: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" },
    cases: 10,
    conversion: 0.5,
    fitness: 0.5,
    steps: journey.steps.map((s, i) => ({ id: s.id, reached: 10 - (i % 10), ended_here: 0 })),
    transitions: [
      ...edges.slice(1).map(([from, to], i) => ({ from, to, count: i + 1, in_map: true, median_seconds: 60 })),
      { from: last, to: journey.steps[0].id, count: 3, in_map: false, median_seconds: 5 },
    ],
    deviations: [{ from: last, to: journey.steps[0].id, count: 3 }],
    variants: [{ path: journey.steps.map((s) => s.id), cases: 10 }],
    unmapped_activities: [],
  };
}

const exampleConfig = loadConfigFile(join(EXAMPLES, "journey.config.yaml")).config!;
const exampleFiles = discoverFiles(["."], { cwd: EXAMPLES, ignore: [], ignoreBase: EXAMPLES }).files;
const fixtureDir = join(ROOT, "test", "fixtures");
/** A rule fixture, or the journeys of a project-level rule's fixture folder (their links drawn as exit nodes). */
const journeysIn = (path: string) =>
  statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith(".journey.yaml"))
        .map((f) => join(path, f))
    : [path];
const fixtureFiles = [
  ...readdirSync(join(fixtureDir, "rules")).flatMap((rule) =>
    readdirSync(join(fixtureDir, "rules", rule)).flatMap((f) => journeysIn(join(fixtureDir, "rules", rule, f))),
  ),
  join(fixtureDir, "hostile-names.journey.yaml"),
];

describe.runIf(chromiumAvailable())("every generated diagram parses and draws in real Mermaid", () => {
  it("examples in all six languages, every rule fixture, the hostile names, and the observed flows", async () => {
    const diagrams = [
      ...Object.keys(LANGUAGES).flatMap((lang) => diagramsOf(exampleFiles, exampleConfig, lang).map((d) => ({ ...d, baseName: `${lang}/${d.baseName}` }))),
      ...diagramsOf(fixtureFiles, defaultConfig(fixtureDir), "en"),
      ...diagramsOf([...exampleFiles, join(fixtureDir, "analyze", "checkout.journey.yaml")], exampleConfig, "en", true).filter((d) =>
        d.baseName.endsWith(".observed"),
      ),
      ...diagramsOf([join(fixtureDir, "hostile-names.journey.yaml")], defaultConfig(fixtureDir), "en", true).filter((d) => d.baseName.endsWith(".observed")),
    ];
    expect(diagrams.length).toBeGreaterThan(150);
    expect(diagrams.filter((d) => d.baseName.endsWith(".observed"))).toHaveLength(exampleFiles.length + 2);
    const renderer = await MermaidRenderer.open(findBrowser()!);
    const failures: string[] = [];
    try {
      for (const diagram of diagrams) {
        try {
          const svg = await renderer.svg(diagram.definition);
          if (!svg.startsWith("<svg")) failures.push(`${diagram.baseName}: no SVG`);
        } catch (error) {
          failures.push(
            `${diagram.baseName}: ${String((error as Error).message)
              .split("\n")
              .slice(0, 3)
              .join(" ")}`,
          );
        }
      }
    } finally {
      await renderer.close();
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("mermaid-cli's own renderer accepts the example diagrams too", async () => {
    const { renderMermaid } = await import("@mermaid-js/mermaid-cli");
    const { launch } = await import("puppeteer");
    const browser = await launch({
      executablePath: findBrowser()!,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      for (const diagram of diagramsOf(exampleFiles, exampleConfig, "en")) {
        const { data } = await renderMermaid(browser, diagram.definition, "svg");
        expect(Buffer.from(data).toString("utf8"), diagram.baseName).toMatch(/^<svg/);
      }
    } finally {
      await browser.close();
    }
  }, 180_000);

  it("a definition Mermaid cannot parse is reported, not swallowed", async () => {
    const renderer = await MermaidRenderer.open(findBrowser()!);
    try {
      await expect(renderer.svg('flowchart LR\n  a["unclosed --> b\n')).rejects.toThrow(/Parse error/);
      expect(await renderer.svg("flowchart LR\n  a --> b\n")).toContain("<svg"); // the page still works after an error
    } finally {
      await renderer.close();
    }
  });
});
