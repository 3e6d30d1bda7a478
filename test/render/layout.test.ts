import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mermaidLabel, wrapWords } from "../../src/escape/mermaid.js";
import { defaultConfig } from "../../src/config/load.js";
import { plural } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { findBrowser, MermaidRenderer, MIN_TEXT_PX } from "../../src/render/images.js";
import { flowDepth, flowDirection } from "../../src/render/mermaid-flow.js";
import { renderOverviewDiagram } from "../../src/render/mermaid-overview.js";
import { Names } from "../../src/i18n/names.js";
import { chromiumAvailable, lint, LONG_NAME, longJourney, ROOT, runCli, svgText, tempProject } from "../helpers/index.js";

describe("labels wrap at word boundaries and are never cut", () => {
  it.each([
    [LONG_NAME, 28, ["The customer reads the long", "confirmation email about the", "parcel and decides whether", "to return"]],
    ["short", 28, ["short"]],
    ["Supercalifragilisticexpialidocious and more", 10, ["Supercalif", "ragilistic", "expialidoc", "ious and", "more"]],
    ["🐈🐈🐈 🐈", 2, ["🐈🐈", "🐈", "🐈"]],
  ])("%j at %i characters", (text, width, lines) => {
    expect(wrapWords(text, width)).toEqual(lines);
  });

  it("escapes each line and joins them with line breaks Mermaid draws in HTML and SVG alike", () => {
    expect(mermaidLabel("Step 3: pays (by card)", 12)).toBe("Step 3#58; pays<br/>#40;by card#41;");
    expect(mermaidLabel("  ", 12)).toBe("#8212;");
    expect(mermaidLabel("\u200b\u200b \u2060\u00ad", 12)).toBe("#8212;"); // zero-width characters only
    expect(mermaidLabel("a\u200bb", 12)).toBe("a\u200bb");
  });
});

describe("the flowchart's direction follows the shape of the flow", () => {
  const graphOf = (text: string) => lint(text).model!.graph;
  it.each([
    [4, "ltr", 4, "LR"],
    [4, "rtl", 4, "RL"],
    [8, "ltr", 8, "LR"],
    [9, "rtl", 9, "TB"],
    [40, "ltr", 40, "TB"],
  ] as const)("a linear flow of %i steps (%s): depth %i, %s", (steps, dir, depth, direction) => {
    const graph = graphOf(longJourney(steps));
    expect(flowDepth(graph)).toBe(depth);
    expect(flowDirection(flowDepth(graph), dir)).toBe(direction);
  });

  it("a loop back to the start does not make the flow longer", () => {
    const text = longJourney(5).replace(/(id: s5\n(?: {8}.*\n)*)/, "$1        next: [s1]\n");
    expect(flowDepth(graphOf(text))).toBe(5);
  });
});

describe("past Mermaid's limits: the flow by stage", () => {
  const BRANCHED = `journey: 1
id: branched
title: Branched
goal: { steps: [pays] }
stages:
  - id: awareness
    steps:
      - { id: sees, name: Sees an ad, channel: web, next: [{ to: clicks, when: interested }, { to: leaves, when: not now }, { to: closes }] }
      - { id: leaves, name: Leaves, type: end, outcome: abandoned }
      - { id: closes, name: Closes the tab, type: end, outcome: abandoned }
  - id: purchase
    steps:
      - { id: clicks, name: Clicks, channel: web }
      - { id: pays, name: Pays, channel: web, next: [sees] }
`;

  it.each(["en", "pl", "ar"])("stages with their step counts, the flow between them, the goal and the ends grouped by outcome (%s)", (lang) => {
    const { journey, graph } = lint(BRANCHED).model!;
    const overview = renderOverviewDiagram(journey, graph, new Names(journey, defaultConfig("/virtual"), LANGUAGES[lang]));
    const labels = LANGUAGES[lang];
    expect(overview).toMatch(new RegExp(`^flowchart ${labels.dir === "rtl" ? "RL" : "LR"}\n`));
    expect(overview).toContain(`s1["${labels.stageNames.awareness}<br/><small>${plural(labels, labels.shortestPathSteps, 3)}</small>"]`);
    expect(overview).toContain(`s2["${labels.stageNames.purchase}<br/><small>${plural(labels, labels.shortestPathSteps, 2)}</small>"]`);
    expect(overview).toContain("  s1 --> s2\n  s2 --> s1\n");
    expect(overview).toContain(`g5(["Pays<br/><small>${labels.map.goalStep}</small>"])`);
    expect(overview).toContain(`e1abandoned(["2 × ${labels.outcomes.abandoned}"])`);
    expect(overview).toContain("class e1abandoned abandoned");
  });
});

describe.runIf(chromiumAvailable())("images of a long journey, through the built CLI", () => {
  let browser: Browser;
  beforeAll(async () => {
    const { launch } = await import("puppeteer-core");
    browser = await launch({ executablePath: findBrowser()!, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  });
  afterAll(() => browser?.close());

  /** Size of a PNG, and the box of its non-white pixels, as Chromium decodes it. */
  async function pngContent(png: Buffer) {
    const page = await browser.newPage();
    try {
      return await page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
        let [left, top, right, bottom] = [image.width, image.height, -1, -1];
        for (let y = 0; y < image.height; y++)
          for (let x = 0; x < image.width; x++) {
            const i = (y * image.width + x) * 4;
            if (pixels[i] > 245 && pixels[i + 1] > 245 && pixels[i + 2] > 245) continue;
            [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
          }
        return { width: image.width, height: image.height, content: (right - left + 1) * (bottom - top + 1) };
      }, png.toString("base64"));
    } finally {
      await page.close();
    }
  }

  /** The height of the smallest label of an SVG, in SVG units, measured by Chromium. */
  async function smallestText(svg: string): Promise<number> {
    const page = await browser.newPage();
    try {
      await page.setContent(`<!doctype html><body>${svg.replace(/^<!--.*-->\n/, "")}</body>`);
      return await page.evaluate(() =>
        Math.min(...[...document.querySelectorAll("svg text")].filter((t) => t.textContent?.trim()).map((t) => (t as SVGTextElement).getBBox().height)),
      );
    } finally {
      await page.close();
    }
  }

  it(
    "a 40-step flow: top to bottom, text at least 10 px high in the PNG, every word of a long label there; the journey chart cropped",
    { timeout: 120_000 },
    async () => {
      const dir = tempProject({ "long.journey.yaml": longJourney(40) });
      for (const format of ["svg", "png"]) {
        const result = await runCli(["render", ".", "-o", format, "--image", format, "--no-map"], { cwd: dir });
        expect(result.stderr).toBe("");
        expect(result.exitCode).toBe(0);
      }
      // What GitHub shows: the Markdown's flowchart runs top to bottom, the long label wrapped.
      const markdown = readFileSync(join(dir, "svg", "long-40.md"), "utf8");
      expect(markdown).toContain("```mermaid\nflowchart TB\n");
      expect(markdown).toContain("The customer reads the long<br/>confirmation email about the<br/>");

      const svg = readFileSync(join(dir, "svg", "long-40.flow.svg"), "utf8");
      const text = svgText(svg);
      for (const word of LONG_NAME.split(" ")) expect(text).toContain(word);
      expect(text).not.toContain("…");

      const svgWidth = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
      const flow = await pngContent(readFileSync(join(dir, "png", "long-40.flow.png")));
      const textPx = (await smallestText(svg)) * (flow.width / svgWidth);
      expect(textPx).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      expect(flow.height).toBeLessThanOrEqual(16_384);

      const chart = await pngContent(readFileSync(join(dir, "png", "long-40.journey.png")));
      expect(chart.content / (chart.width * chart.height)).toBeGreaterThan(0.9);
      const chartSvg = readFileSync(join(dir, "svg", "long-40.journey.svg"), "utf8");
      for (const word of LONG_NAME.split(" ")) expect(svgText(chartSvg)).toContain(word);
    },
  );

  it("a 1,000-step journey: its flow drawn by stage, said on stderr and in the report, no Mermaid error in the image", { timeout: 180_000 }, async () => {
    const dir = tempProject({ "long.journey.yaml": longJourney(1000, 125) });
    const result = await runCli(["render", ".", "-o", "docs", "--image", "svg", "--no-map"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("the full flow diagram of 1,000 steps cannot be drawn");
    expect(result.stderr).toContain("it is drawn stage by stage (8 stages) instead");
    expect(readFileSync(join(dir, "docs", "long-1000.md"), "utf8")).toContain(
      "_The full flow has 1,000 steps, more than Mermaid can draw, so it is shown stage by stage._",
    );
    const text = svgText(readFileSync(join(dir, "docs", "long-1000.flow.svg"), "utf8"));
    for (let stage = 1; stage <= 8; stage++) expect(text).toContain(`stage-${stage} 125 steps`);
    expect(text).toContain("Step 1000 of the flow goal");
    for (const name of ["long-1000.flow.svg", "long-1000.journey.svg"])
      expect(readFileSync(join(dir, "docs", name), "utf8")).not.toMatch(/Maximum text size|Syntax error|aria-roledescription="error"/);
  });

  it("Mermaid's error picture is a failure, never an image", { timeout: 60_000 }, async () => {
    const renderer = await MermaidRenderer.open(findBrowser()!, 1);
    try {
      // Past maxTextSize Mermaid draws "Maximum text size in diagram exceeded" and reports no error.
      await expect(renderer.svg(`flowchart TB\n${"  a --> b\n".repeat(6000)}`)).rejects.toThrow(/error picture/);
      await expect(renderer.png(`flowchart TB\n${"  a --> b\n".repeat(6000)}`)).rejects.toThrow(/error picture/);
      expect(await renderer.svg("flowchart TB\n  a --> b\n")).toContain("<svg");
    } finally {
      await renderer.close();
    }
  });

  /** Nodes of a flowchart SVG whose label's box is not inside the box of their shape, and each node's centre. */
  async function labelsOutside(svg: string) {
    const page = await browser.newPage();
    try {
      await page.setContent(`<!doctype html><body>${svg.replace(/^<!--.*-->\n/, "")}</body>`);
      return await page.evaluate(() => {
        const outside: string[] = [];
        const centres: Record<string, number> = {};
        for (const node of document.querySelectorAll("g.node")) {
          const shape = node.querySelector(":scope > rect, :scope > polygon, :scope > path, :scope > g > path")!.getBoundingClientRect();
          const text = node.querySelector("text")!.getBoundingClientRect();
          centres[/-(n\d+)-\d+$/.exec(node.id)![1]] = shape.left + shape.width / 2;
          if (text.left < shape.left || text.right > shape.right || text.top < shape.top || text.bottom > shape.bottom) outside.push(node.textContent);
        }
        return { outside, centres };
      });
    } finally {
      await page.close();
    }
  }

  it("right to left: the Arabic example's labels stay in their boxes, and a short Arabic flow runs right to left", { timeout: 120_000 }, async () => {
    const short = `journey: 1
id: short-ar
title: تجربة قصيرة
lang: ar
goal: { steps: [يشترك] }
stages:
  - id: purchase
    steps:
      - { id: يسجل, name: يسجّل في التجربة المجانية دون بطاقة ائتمان, channel: web }
      - { id: يسأل, name: "يسأل الدعم في الدردشة: كيف أستورد المهام؟", type: contact, channel: chat }
      - { id: يجيب, name: موظف الدعم يرسل دليلًا مصورًا, type: response, answers: يسأل, actor: agent, channel: chat }
      - id: تنتهي
        name: تذكير بانتهاء التجربة بعد ثلاثة أيام
        type: decision
        next: [{ to: يشترك, when: الفريق يستخدم البرنامج }, { to: يغادر, when: لم يعد أحد يستخدمه }]
      - { id: يشترك, name: يشترك في الخطة المدفوعة للفريق, channel: web, type: end, outcome: success }
      - { id: يغادر, name: يترك التجربة تنتهي دون اشتراك, type: end, outcome: abandoned }
`;
    const dir = tempProject({ "short.journey.yaml": short });
    const example = join(ROOT, "examples", "saas-trial.journey.yaml");
    const config = join(ROOT, "examples", "journey.config.yaml");
    for (const [out, ...args] of [
      ["short", "short.journey.yaml"],
      ["example", "--config", config, example],
    ]) {
      const result = await runCli(["render", ...args, "-o", out, "--image", "svg", "--no-map"], { cwd: dir });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const mmd = readFileSync(join(dir, "short", "short-ar.flow.mmd"), "utf8");
    expect(mmd).toContain("\nflowchart RL\n");
    expect(mmd).toContain("\n    direction RL\n");
    const drawn = await labelsOutside(readFileSync(join(dir, "short", "short-ar.flow.svg"), "utf8"));
    expect(drawn.outside).toEqual([]);
    expect(drawn.centres.n1).toBeGreaterThan(drawn.centres.n4); // the first step on the right
    expect((await labelsOutside(readFileSync(join(dir, "example", "saas-trial.flow.svg"), "utf8"))).outside).toEqual([]);
  });
});
