import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkJourneyFile } from "../../src/check.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { findBrowser } from "../../src/render/images.js";
import { planRender } from "../../src/render/plan.js";
import { BACKLOG_PAGE, portfolioSections } from "../../src/render/map/portfolio-html.js";
import { defaultConfig, loadConfigFile } from "../../src/config/load.js";
import { buildJourney } from "../../src/model/build.js";
import { buildFlowGraph } from "../../src/model/flow-graph.js";
import { journeySummary } from "../../src/model/journey-summary.js";
import type { JourneyFile } from "../../src/model/types.js";
import { buildPortfolio, projectCatalogs } from "../../src/portfolio/portfolio.js";
import { runAxe } from "../helpers/axe.js";
import { chromiumAvailable, removeTempProjects, runCli, RUN_META, tempProject } from "../helpers/index.js";
import { generatedFiles, JOURNEYS } from "../portfolio/generated-project.js";

const require = createRequire(import.meta.url);
const PERSONAS = ["Persona A", "Persona B", "Persona C", "Walk-in"];
const ids = Array.from({ length: JOURNEYS }, (_, i) => `j${String(i).padStart(2, "0")}`);

let dir: string;
beforeAll(() => {
  dir = tempProject(generatedFiles());
});
afterAll(removeTempProjects);

describe("the index is the portfolio", () => {
  it("in every report language: coverage, channels, handoffs, backlog and links, in index.md and index.html; dates but no stale flag", () => {
    const config = loadConfigFile(join(dir, "journey.config.yaml")).config!;
    const entries = ids.map((id) => {
      const result = checkJourneyFile(join(dir, "journeys", `${id}.journey.yaml`), config);
      lintFile(result, config);
      return { result, config };
    });
    for (const labels of Object.values(LANGUAGES)) {
      const plan = planRender(entries, { labels, forceLabels: true, outDir: join(dir, "out"), projectRoot: dir, ...RUN_META });
      const markdown = plan.files.find((f) => f.name === "index.md")!.content;
      const html = plan.files.find((f) => f.name === "index.html")!.content;
      const p = labels.portfolio;
      for (const heading of [p.coverage, p.channelInventory, p.handoffs, p.backlog, p.links]) {
        expect(markdown, `${labels.lang} index.md`).toContain(`## ${heading}`);
        expect(html, `${labels.lang} index.html`).toContain(`<h2>${heading}</h2>`);
      }
      expect(html).toContain(p.reviewed);
      expect(markdown).not.toContain(p.staleCaption.slice(0, 12));
      // The coverage's stage names come from the config's catalog, in the report's language where it has one.
      expect(markdown).toContain(labels.lang === "da" ? "| Opdag |" : "| Discover |");
    }
  });
});

describe.runIf(chromiumAvailable())("the portfolio index in Chromium", () => {
  let browser: Browser;
  const blocked: string[] = [];

  beforeAll(async () => {
    const run = await runCli(["render", "-o", join(dir, "docs")], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const { launch } = require("puppeteer-core") as typeof import("puppeteer-core");
    browser = await launch({ executablePath: findBrowser(), headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage();
    const url = pathToFileURL(join(dir, "docs", "index.html")).href;
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (request.url() === url) return void request.continue();
      blocked.push(request.url());
      void request.abort();
    });
    await page.goto(url, { waitUntil: "load" });
    return page;
  }

  it("shows every persona, links every journey's map, sorts the backlog, and requests nothing", { timeout: 60_000 }, async () => {
    const page = await open();
    try {
      const personas = await page.$$eval("table.coverage tbody th[scope=row]", (ths) => ths.map((th) => th.textContent));
      expect(personas).toEqual([...PERSONAS, LANGUAGES.en.portfolio.noPersona]);
      const linked = await page.$$eval("table.coverage a", (as) => [...new Set(as.map((a) => a.getAttribute("href")))].sort());
      expect(linked).toEqual(ids.map((id) => `${id}.html`));

      const lost = () => page.$$eval("table.backlog tbody tr", (rows) => rows.map((row) => row.cells[2].getAttribute("data-value")));
      const sortBy = async (column: number) => {
        await page.click(`table.backlog thead th:nth-child(${column}) button`);
        return page.$eval(`table.backlog thead th:nth-child(${column})`, (th) => th.getAttribute("aria-sort"));
      };
      const measured = (values: (string | null)[]) => values.filter((v) => v !== "").map(Number);
      // The backlog comes sorted by loss, most first: "Slow page" in six measured places lost 150.
      expect((await lost())[0]).toBe("150");
      expect(await sortBy(3)).toBe("ascending");
      const ascending = await lost();
      expect(measured(ascending)).toEqual([...measured(ascending)].sort((a, b) => a - b));
      expect(ascending.slice(measured(ascending).length).every((v) => v === "")).toBe(true);
      expect(await sortBy(3)).toBe("descending");
      const descending = await lost();
      expect(measured(descending)).toEqual([...measured(descending)].sort((a, b) => b - a));
      expect(await sortBy(2)).toBe("ascending");
      const texts = await page.$$eval("table.backlog tbody tr", (rows) => rows.map((row) => row.cells[1].textContent));
      expect(texts).toEqual([...texts].sort((a, b) => a.localeCompare(b, "en")));
      // 37 backlog rows (Slow page, 18 offers, 18 ideas): 25 a page, and a sort starts again at the first.
      const visible = () => page.$$eval("table.backlog tbody tr", (rows) => rows.filter((row) => !row.hidden).length);
      const pageLabel = () => page.$eval(".pager [data-template]", (span) => span.textContent);
      expect(await visible()).toBe(BACKLOG_PAGE);
      expect(await pageLabel()).toBe("Page 1 of 2");
      await page.click(".pager button:last-child");
      expect(await visible()).toBe(37 - BACKLOG_PAGE);
      expect(await pageLabel()).toBe("Page 2 of 2");
      await sortBy(3);
      expect(await pageLabel()).toBe("Page 1 of 2");
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("axe-core finds no serious or critical violation", { timeout: 60_000 }, async () => {
    const { passes, serious } = await runAxe(browser, pathToFileURL(join(dir, "docs", "index.html")).href);
    expect(passes).toBeGreaterThan(10);
    expect(serious).toEqual([]);
  });
});

describe("links between journeys in the index (models built in memory)", () => {
  it("lists each journey's links, continuing in the other journey's map at the step", () => {
    const file = (id: string, next?: string[]): JourneyFile => ({
      journey: 1,
      id,
      title: `Title ${id}`,
      goal: { steps: ["b"] },
      stages: [
        {
          id: "s",
          steps: [
            { id: "a", name: "A", ...(next ? { next } : {}) },
            { id: "b", name: "B" },
          ],
        },
      ],
    });
    const journeys = [file("buy", ["b", "refund#start"]), file("refund"), file("alone")].map((journey) => {
      const model = buildJourney(journey, defaultConfig("/virtual"));
      return { summary: journeySummary(model, buildFlowGraph(model)), file: journey.id };
    });
    const portfolio = buildPortfolio(journeys, projectCatalogs(defaultConfig("/virtual"), []));
    const html = portfolioSections(portfolio, LANGUAGES.en, (id) => `${id}.html`).value;
    expect(html).toContain('<code>a</code> &rarr; <a href="refund.html#start"><span dir="auto">continues in Title refund</span></a> <code>start</code>');
    expect(html).toMatch(/Journeys no link leaves or reaches<\/h3><ul class="cell"><li><a class="jlink h-ok" href="alone.html">/);
  });
});
