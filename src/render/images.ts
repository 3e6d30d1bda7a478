import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { crc32 } from "node:zlib";
import type { Browser, Page } from "puppeteer-core";
import { loadOptional } from "../util/optional-package.js";

/** Where a Chromium-family browser may be, after PUPPETEER_EXECUTABLE_PATH. */
const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return SYSTEM_BROWSERS.find((path) => existsSync(path));
}

const require = createRequire(import.meta.url);

/** Chromium draws no screenshot wider or taller than 16384 px. */
const MAX_PNG_WIDTH = 16_000;

/** The smallest text height in a PNG at scale 1, in pixels: below it text is hard to read. */
export const MIN_TEXT_PX = 10;

/** Room around the drawing when an image is cropped to it, in SVG units. */
const MARGIN = 8;

/**
 * What Mermaid draws in place of a diagram it cannot draw: its error picture ("Syntax error in
 * text"), or a one-node flowchart saying "Maximum text size in diagram exceeded".
 */
const MERMAID_ERROR = /^error$|^Syntax error in text|^Maximum text size in diagram exceeded$/;

/**
 * Mermaid's settings for images. Labels as SVG text, not HTML in `<foreignObject>`, which librsvg,
 * Inkscape and document previews draw as nothing, wrapped where journey wrapped them (a wrapping
 * width wider than the labels' lines); drawn at their own size, not shrunk to a page width
 * (`useMaxWidth`); a fixed seed for the hand-drawn look (0 means
 * random) and ids derived from the diagram rather than a counter, so the same input gives the same
 * bytes on one machine.
 */
export const IMAGE_CONFIG = {
  startOnLoad: false,
  securityLevel: "strict",
  theme: "default",
  htmlLabels: false,
  flowchart: { htmlLabels: false, useMaxWidth: false, wrappingWidth: 400 },
  // Tall enough for a task wrapped into five lines.
  journey: { textPlacement: "tspan", useMaxWidth: false, height: 80 },
  // Mermaid's journey writes its tasks and sections in white, on the default theme's pale colours.
  themeCSS: "text.task, text.journey-section { fill: #333; }",
  handDrawnSeed: 1,
  deterministicIds: true,
  deterministicIDSeed: "journey",
} as const;

/** The page Mermaid draws in; a PNG's page is resized to its diagram. */
const VIEWPORT = { width: 1600, height: 1200, deviceScaleFactor: 1 };

/** Diagrams that make one more page worth its Mermaid start-up (about 2 s here). */
const DIAGRAMS_PER_PAGE = 30;

/**
 * Pages to open for `diagrams` diagrams: each page costs a Mermaid start-up and, on its own
 * core, saves about half the drawing time, which pays off from a few dozen diagrams on. One
 * page per 30 diagrams, at most one per core and 4.
 */
export function pagesFor(diagrams: number): number {
  return Math.max(1, Math.min(4, availableParallelism(), Math.ceil(diagrams / DIAGRAMS_PER_PAGE)));
}

export const BROWSER_HELP =
  "no Chromium or Chrome found for rendering images. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome) or point PUPPETEER_EXECUTABLE_PATH at a Chrome/Chromium binary. The Markdown and .mmd files were written; only the images are missing.";

/**
 * Renders Mermaid diagrams to SVG or PNG in one headless browser page where Mermaid is loaded
 * once: each diagram is then one `mermaid.render` call (tens of milliseconds) instead of a new
 * page and a fresh Mermaid per diagram (most of a second), as mermaid-cli's per-diagram API does.
 */
export class MermaidRenderer {
  private busy = 0;
  private readonly idle: Page[];
  private readonly waiting: ((page: Page) => void)[] = [];

  private constructor(
    private readonly browser: Browser,
    pages: Page[],
  ) {
    this.idle = [...pages];
  }

  /**
   * Opens the browser with `pages` pages (default: as many as `pagesFor` allows), each with Mermaid
   * loaded once; diagrams are spread over them, since each page draws in its own process. With 0
   * pages only maps can be printed (`mapImage`), and Mermaid is not loaded at all.
   */
  static async open(executablePath: string, pages = pagesFor(Infinity)): Promise<MermaidRenderer> {
    // Loaded on demand, and by require: the bundled CLI (dist/cli/journey.cjs) runs as a classic
    // script, where a dynamic import() has no loader.
    const { launch } = loadOptional<typeof import("puppeteer-core")>("puppeteer-core", "Rendering images");
    const browser = await launch({
      executablePath,
      headless: true,
      args: [
        "--no-sandbox", // root in CI containers has no user namespace sandbox
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    });
    try {
      const mermaidBundle = require.resolve("mermaid/dist/mermaid.min.js");
      const open = async (first: boolean) => {
        // Each page after the first gets a browser context, hence a window, of its own: a
        // background tab draws no frames, so a screenshot taken in it would never complete.
        const page = first ? await browser.newPage() : await (await browser.createBrowserContext()).newPage();
        await page.setViewport(VIEWPORT);
        await page.setContent(
          '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:white"><div id="container"></div></body></html>',
        );
        await page.addScriptTag({ path: mermaidBundle });
        await page.evaluate((config) => {
          (globalThis as unknown as { mermaid: { initialize(config: object): void } }).mermaid.initialize(config);
        }, IMAGE_CONFIG);
        return page;
      };
      return new MermaidRenderer(browser, await Promise.all(Array.from({ length: Math.max(0, pages) }, (_, i) => open(i === 0))));
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  private async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    if (this.idle.length === 0 && this.waiting.length === 0 && this.busy === 0) throw new Error("this renderer was opened without Mermaid pages");
    this.busy++;
    const page = this.idle.pop() ?? (await new Promise<Page>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(page);
    } finally {
      this.busy--;
      const next = this.waiting.shift();
      if (next) next(page);
      else this.idle.push(page);
    }
  }

  /**
   * SVG text of a diagram, cropped to the drawing; rejects with Mermaid's own message when the
   * definition does not parse, and when Mermaid drew its error picture instead of the diagram.
   */
  svg(definition: string): Promise<string> {
    return this.withPage(async (page) => (await this.drawOn(page, definition)).svg);
  }

  /**
   * Draws a diagram into the page's #container and crops it to its bounding box (Mermaid's journey
   * chart leaves half its height blank). Returns the SVG text, its size in SVG units (= CSS px),
   * and the height of its smallest text.
   */
  private async drawOn(
    page: Page,
    definition: string,
  ): Promise<{ svg: string; width: number; height: number; minText: number; shown: (string | null | undefined)[] }> {
    // From the definition, not a counter: which page draws which diagram first varies by run.
    const id = `journey-diagram-${(crc32(definition) >>> 0).toString(16)}`;
    const drawn = await page.evaluate(
      async (id, definition, margin) => {
        const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        const container = document.getElementById("container")!;
        try {
          const { svg } = await mermaid.render(id, definition);
          container.innerHTML = svg;
          const element = container.querySelector("svg")!;
          const texts = [...element.querySelectorAll("text")].map((text) => text.textContent ?? "");
          const shown = [element.getAttribute("aria-roledescription"), texts.join(" ").replace(/\s+/g, " ").trim()];
          const box = element.getBBox();
          const [x, y, width, height] = [box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin].map((n) => Math.round(n * 100) / 100);
          element.setAttribute("viewBox", `${x} ${y} ${width} ${height}`);
          element.setAttribute("width", String(width));
          element.setAttribute("height", String(height));
          element.style.removeProperty("max-width");
          let minText = Infinity;
          for (const text of element.querySelectorAll("text")) {
            const size = parseFloat(getComputedStyle(text).fontSize);
            if (text.textContent?.trim() && size > 0) minText = Math.min(minText, size);
          }
          return { svg: new XMLSerializer().serializeToString(element), width, height, minText, shown };
        } finally {
          document.getElementById("d" + id)?.remove(); // Mermaid leaves its scratch element on errors
        }
      },
      id,
      definition,
      MARGIN,
    );
    if (drawn.shown.some((text) => MERMAID_ERROR.test(text ?? "")))
      throw new Error(`Mermaid drew its error picture instead of the diagram: ${drawn.shown.join(": ")}`);
    return drawn;
  }

  /**
   * PNG of a diagram at its own size, cropped to the drawing, at a device scale that makes its
   * smallest text at least MIN_TEXT_PX high (as far as Chromium's largest screenshot allows).
   */
  png(definition: string): Promise<Uint8Array> {
    return this.withPage(async (page) => {
      const { width, height, minText } = await this.drawOn(page, definition); // leaves the drawing in #container
      const wanted = Number.isFinite(minText) ? Math.max(1, MIN_TEXT_PX / minText) : 1;
      const scale = Math.min(wanted, MAX_PNG_WIDTH / width, MAX_PNG_WIDTH / height);
      await page.setViewport({ width: Math.ceil(width), height: Math.ceil(height), deviceScaleFactor: scale });
      try {
        const element = await page.$("#container svg");
        if (!element) throw new Error("Mermaid drew nothing");
        return await element.screenshot({ type: "png" });
      } finally {
        await page.setViewport(VIEWPORT);
      }
    });
  }

  /**
   * A journey map page (`<id>.html`) printed to PDF (A3 landscape; the page scales its canvas to
   * the page width, so a long journey is whole) or captured as one PNG of the full page. In a window of its own, where
   * every request but the page itself fails: the map is self-contained and must stay so.
   */
  async mapImage(pageHtml: string, format: "pdf" | "png"): Promise<Uint8Array> {
    const context = await this.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setRequestInterception(true);
      page.on("request", (request) => void (request.url() === "about:blank" || request.url().startsWith("data:") ? request.continue() : request.abort()));
      await page.setViewport({ width: 1400, height: 1000, deviceScaleFactor: 1 });
      await page.setContent(pageHtml, { waitUntil: "load" });
      // The canvas scrolls inside the page; its full width is the table's.
      const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.querySelector("table.map")?.scrollWidth ?? 0));
      if (format === "png") {
        // Wide enough for the whole canvas, so nothing is cut at the right (or, in Arabic, left) edge.
        await page.setViewport({ width: Math.min(Math.max(width, 1400), MAX_PNG_WIDTH), height: 1000, deviceScaleFactor: 1 });
        return await page.screenshot({ type: "png", fullPage: true });
      }
      // The page's own script scales the canvas to the page width before printing (beforeprint),
      // as when a user prints it: no second scaling here.
      return await page.pdf({ format: "A3", landscape: true, printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** A PDF carries the generated note as a comment after its end marker, where readers ignore it. */
export function addPdfComment(pdf: Uint8Array, text: string): Uint8Array {
  return Buffer.concat([Buffer.from(pdf), Buffer.from(`\n% ${text}\n`, "utf8")]);
}
