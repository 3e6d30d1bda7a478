import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { check, chromiumAvailable, LONG_NAME } from "../helpers/index.js";
import { findBrowser } from "../../src/render/images.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { Names } from "../../src/i18n/names.js";
import { defaultConfig } from "../../src/config/load.js";
import { renderJourneyDiagram } from "../../src/render/mermaid-journey.js";

const require = createRequire(import.meta.url);

/**
 * Issue 22: `journey preview` (and GitHub) draw the journey diagram with Mermaid's defaults, where
 * the journey renderer writes labels as HTML in a `<foreignObject>` as tall as a task: `<br/>`
 * showed as text and a third line was cut off. Drawn here in real Mermaid with the preview's own
 * settings, the diagram's labels must be lines of SVG text inside their boxes, in a readable colour.
 */
const JOURNEY = `journey: 1
id: drawn
title: "Journey: drawn <b>as</b> preview draws it"
goal: { steps: [pays] }
stages:
  - id: awareness
    name: Awareness and a long consideration of every option
    steps:
      - { id: reads, name: "${LONG_NAME}", channel: web, emotion: -1 }
      - { id: asks, name: "Asks: is it quiet enough for a bedroom? (really)", channel: web, emotion: 0 }
  - id: purchase
    steps:
      - { id: pays, name: Pays, channel: web, emotion: 2 }
`;

/** What a drawn diagram shows: each task's and section's box and the lines of text in it. */
interface Drawn {
  boxes: {
    kind: string;
    box: { x: number; y: number; width: number; height: number };
    lines: { text: string; x: number; y: number; width: number; height: number; fill: string }[];
  }[];
  htmlLabels: number;
  allText: string;
}

async function draw(page: Page, definition: string): Promise<Drawn> {
  return page.evaluate(async (definition) => {
    const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
    const { svg } = await mermaid.render(`d${Math.random().toString(36).slice(2)}`, definition);
    const container = document.getElementById("container")!;
    container.innerHTML = svg;
    const rect = (e: SVGGraphicsElement) => {
      const b = e.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    const boxes = [...container.querySelectorAll<SVGRectElement>("rect.task, rect.journey-section")].map((r) => ({
      kind: r.getAttribute("class")!,
      box: rect(r),
      lines: [...r.parentElement!.querySelectorAll<SVGTextElement>("text.task, text.journey-section")].map((t) => ({
        text: t.textContent ?? "",
        ...rect(t),
        fill: getComputedStyle(t).fill,
      })),
    }));
    return {
      boxes,
      htmlLabels: container.querySelectorAll("foreignObject").length,
      allText: [...container.querySelectorAll("text, foreignObject")].map((e) => e.textContent).join("\n"),
    };
  }, definition);
}

describe.runIf(chromiumAvailable())("the journey diagram drawn by real Mermaid with journey preview's settings", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const { launch } = require("puppeteer-core") as typeof import("puppeteer-core");
    browser = await launch({ executablePath: findBrowser()!, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="container"></div></body></html>');
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    // src/preview/page.ts: Mermaid's defaults, as GitHub also draws it.
    await page.evaluate(() =>
      (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }),
    );
  }, 60_000);
  afterAll(() => browser?.close());

  for (const lang of ["en", "ar"] as const) {
    it(`${lang}: no literal <br/>, every line inside its box, dark text on the pale boxes`, async () => {
      const { journey } = check(JOURNEY).model!;
      const drawn = await draw(page, renderJourneyDiagram(journey, new Names(journey, defaultConfig("/virtual"), LANGUAGES[lang])));
      expect(drawn.htmlLabels).toBe(0);
      expect(drawn.allText).not.toMatch(/<br\s*\/?>/i);
      // The user's markup is text, written as the user wrote it.
      expect(drawn.allText).toContain("Journey: drawn <b>as</b> preview draws it");
      const tasks = drawn.boxes.filter((b) => b.kind.startsWith("task"));
      expect(tasks).toHaveLength(3);
      expect(drawn.boxes.filter((b) => b.kind.startsWith("journey-section"))).toHaveLength(2);
      const long = tasks.find((t) => t.lines.length >= 5)!;
      expect(long.lines.map((l) => l.text).join(" ")).toBe(LONG_NAME);
      expect(tasks.map((t) => t.lines.map((l) => l.text).join(" "))).toContain("Asks: is it quiet enough for a bedroom? (really)");
      for (const { box, lines } of drawn.boxes) {
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          const where = `"${line.text}" (${JSON.stringify(line)}) in ${JSON.stringify(box)}`;
          expect(line.y, where).toBeGreaterThanOrEqual(box.y - 0.5);
          expect(line.y + line.height, where).toBeLessThanOrEqual(box.y + box.height + 0.5);
          expect(line.x, where).toBeGreaterThanOrEqual(box.x - 0.5);
          expect(line.x + line.width, where).toBeLessThanOrEqual(box.x + box.width + 0.5);
          expect(line.fill, where).toBe("rgb(51, 51, 51)");
        }
      }
    }, 60_000);
  }
});
