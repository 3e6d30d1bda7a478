import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJourneyFile } from "../../src/check.js";
import { defaultConfig, loadConfigFile } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { discoverFiles } from "../../src/discover/files.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { LANGUAGES } from "../../src/render/i18n/index.js";
import { findBrowser, MermaidRenderer } from "../../src/render/images.js";
import { planRender, type Diagram } from "../../src/render/plan.js";
import { chromiumAvailable, EXAMPLES, ROOT, RUN_META } from "../helpers/index.js";

function diagramsOf(files: string[], config: ProjectConfig, lang: string): Diagram[] {
  const results = files.map((file) => lintFile(checkJourneyFile(file, config), config));
  return planRender(results, { config, labels: LANGUAGES[lang], outDir: "/out", projectRoot: config.dir, ...RUN_META }).diagrams;
}

const exampleConfig = loadConfigFile(join(EXAMPLES, "journey.config.yaml")).config!;
const exampleFiles = discoverFiles(["."], { cwd: EXAMPLES, ignore: [], ignoreBase: EXAMPLES }).files;
const fixtureDir = join(ROOT, "test", "fixtures");
const fixtureFiles = [
  ...readdirSync(join(fixtureDir, "rules")).flatMap((rule) => readdirSync(join(fixtureDir, "rules", rule)).map((f) => join(fixtureDir, "rules", rule, f))),
  join(fixtureDir, "hostile-names.journey.yaml"),
];

describe.runIf(chromiumAvailable())("every generated diagram parses and draws in real Mermaid", () => {
  it("examples in all six languages, every rule fixture and the hostile names", async () => {
    const diagrams = [
      ...Object.keys(LANGUAGES).flatMap((lang) => diagramsOf(exampleFiles, exampleConfig, lang).map((d) => ({ ...d, baseName: `${lang}/${d.baseName}` }))),
      ...diagramsOf(fixtureFiles, defaultConfig(fixtureDir), "en"),
    ];
    expect(diagrams.length).toBeGreaterThan(150);
    const renderer = await MermaidRenderer.open(findBrowser()!);
    const failures: string[] = [];
    try {
      for (const diagram of diagrams) {
        try {
          const svg = await renderer.svg(diagram.definition);
          if (!svg.startsWith("<svg")) failures.push(`${diagram.baseName}: no SVG`);
        } catch (error) {
          failures.push(`${diagram.baseName}: ${String((error as Error).message).split("\n").slice(0, 3).join(" ")}`);
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
    const browser = await launch({ executablePath: findBrowser()!, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
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

