import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkJourneyText, type JourneyModel } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import { reachable, type FlowGraph } from "../../src/model/flow-graph.js";
import type { Step } from "../../src/model/types.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { curveLayout, emotionCurve, mainPath, type CurveLayout } from "../../src/render/map/emotion-curve.js";
import { findBrowser } from "../../src/render/images.js";
import { Names } from "../../src/i18n/names.js";
import { planRender } from "../../src/render/plan.js";
import { PreviewProject } from "../../src/preview/project.js";
import { chromiumAvailable, lint, ROOT, RUN_META, runCli, tempProject } from "../helpers/index.js";

const require = createRequire(import.meta.url);

const TWO_ENTRIES_AND_AN_END = readFileSync(join(ROOT, "test", "fixtures", "render", "two-entries-and-an-end.journey.yaml"), "utf8");

function model(text: string): JourneyModel {
  const checked = checkJourneyText("/virtual/curve.journey.yaml", text, defaultConfig("/virtual"));
  if (!checked.model) throw new Error(checked.findings.map((f) => `${f.line}:${f.column} ${f.message}`).join("\n"));
  return checked.model;
}

/** Whether the map leads from step `from` to step `to` directly or only through steps without an emotion. */
function flowsTo(steps: readonly Step[], graph: FlowGraph, from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = [...graph.successors[from]];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === to) return true;
    if (seen.has(next) || steps[next].emotion !== undefined) continue;
    seen.add(next);
    stack.push(...graph.successors[next]);
  }
  return false;
}

/** The layout of a journey, checked against its flow graph: every segment joins steps the map connects. */
function layoutOf(text: string): { layout: CurveLayout; ids: (pairs: CurveLayout["segments"]) => string[]; m: JourneyModel } {
  const m = model(text);
  const { steps } = m.journey;
  const layout = curveLayout(steps, m.graph);
  for (const segment of layout.segments) {
    const what = `${steps[segment.from].id} -> ${steps[segment.to].id}`;
    expect(flowsTo(steps, m.graph, segment.from, segment.to), what).toBe(true);
    expect(segment.gap, what).toBe(!m.graph.successors[segment.from].includes(segment.to));
  }
  // The main path is a path of the map from an entry.
  if (layout.mainPath.length > 0) expect(m.graph.entries).toContain(layout.mainPath[0]);
  for (let i = 1; i < layout.mainPath.length; i++) expect(m.graph.successors[layout.mainPath[i - 1]]).toContain(layout.mainPath[i]);
  const ids = (pairs: CurveLayout["segments"]) => pairs.map((s) => `${s.kind}${s.gap ? " gap" : ""}: ${steps[s.from].id} -> ${steps[s.to].id}`);
  return { layout, ids, m };
}

const journey = (steps: string, head = "goal: { steps: [done] }") => `journey: 1
id: curve
title: Curve
${head}
stages:
  - id: all
    steps:
${steps
  .trim()
  .split("\n")
  .map((line) => `      ${line.trim()}`)
  .join("\n")}
`;

describe("the emotion curve follows the flow", () => {
  it("two entries into one step and a decision with an end branch: no stroke between alternatives or out of an end", () => {
    const { layout, ids, m } = layoutOf(TWO_ENTRIES_AND_AN_END);
    expect(layout.mainPath.map((i) => m.journey.steps[i].id)).toEqual(["sees-ad", "views-product", "adds-to-cart", "review", "decides", "pays"]);
    expect(ids(layout.segments)).toEqual([
      "main: sees-ad -> views-product",
      "branch: searches -> views-product",
      "main: views-product -> adds-to-cart",
      "main gap: adds-to-cart -> decides",
      "branch: decides -> leaves",
      "main: decides -> pays",
    ]);
    expect(layout.ends.map((i) => m.journey.steps[i].id)).toEqual(["leaves", "pays"]);
  });

  it("a loop is a return, never a forward stroke; the main path does not take it", () => {
    const { layout, ids, m } = layoutOf(
      journey(`
        - { id: starts, name: Starts, emotion: 0 }
        - { id: enters-card, name: Enters the card, emotion: 0, next: [done, fails] }
        - { id: fails, name: Payment fails, type: decision, emotion: -2, next: [{ to: enters-card, when: tries again }, { to: gives-up, when: gives up }] }
        - { id: done, name: Paid, emotion: 2, next: [] }
        - { id: gives-up, name: Gives up, type: end, outcome: abandoned, emotion: -1 }
      `),
    );
    expect(layout.mainPath.map((i) => m.journey.steps[i].id)).toEqual(["starts", "enters-card", "done"]);
    expect(ids(layout.segments)).toEqual([
      "main: starts -> enters-card",
      "branch: enters-card -> fails",
      "main: enters-card -> done",
      "return: fails -> enters-card",
      "branch: fails -> gives-up",
    ]);
  });

  it("steps without an emotion in between: dashed strokes to every step with one behind them, a loop through them back to the same step", () => {
    const { layout, ids } = layoutOf(
      journey(`
        - { id: asks, name: Asks, emotion: -1 }
        - { id: routes, name: Routes the question, actor: system, lane: backstage }
        - { id: waits, name: Waits, emotion: -1 }
        - { id: checks, name: Checks the status, actor: system, lane: backstage, type: decision, next: [{ to: waits, when: not yet }, { to: sorts, when: ready }] }
        - { id: sorts, name: Sorts it, actor: system, lane: backstage, next: [done, refund] }
        - { id: refund, name: Gets a refund, emotion: 1, type: end, outcome: other }
        - { id: done, name: Done, emotion: 2 }
      `),
    );
    expect(ids(layout.segments)).toEqual(["main gap: asks -> waits", "return gap: waits -> waits", "branch gap: waits -> refund", "main gap: waits -> done"]);
  });

  it("a journey whose goal no entry reaches: the main path runs from the first entry as far as the flow goes", () => {
    const { layout, ids, m } = layoutOf(
      journey(
        `
        - { id: a, name: Starts, emotion: 1 }
        - { id: b, name: Hesitates, emotion: 0 }
        - { id: c, name: Leaves, emotion: -2, type: end, outcome: abandoned }
        - { id: done, name: Done, emotion: 2 }
      `,
        "goal: { steps: [done] }\nentry: [a]",
      ),
    );
    expect(layout.mainPath.map((i) => m.journey.steps[i].id)).toEqual(["a", "b", "c"]);
    expect(ids(layout.segments)).toEqual(["main: a -> b", "main: b -> c"]);
    expect(layout.ends.map((i) => m.journey.steps[i].id)).toEqual(["c", "done"]);
  });

  it("the main path starts at the first entry that reaches a goal, by the fewest steps", () => {
    const m = model(
      journey(
        `
        - { id: lost, name: Wanders off, type: end, outcome: abandoned }
        - { id: long-a, name: Long way, next: long-b }
        - { id: long-b, name: Long way on, next: done }
        - { id: short, name: Short way }
        - { id: done, name: Done }
      `,
        "goal: { steps: [done] }\nentry: [lost, long-a, short]",
      ),
    );
    expect(mainPath(m.graph).map((i) => m.journey.steps[i].id)).toEqual(["long-a", "long-b", "done"]);
  });

  it("after the goal, the main path goes on to where the flow stops, unless that way goes back over it", () => {
    const on = model(
      journey(`
        - { id: pays, name: Pays, next: [thanks, survey] }
        - { id: thanks, name: Thank-you e-mail, next: survey }
        - { id: survey, name: Survey, type: end, outcome: success }
      `).replace("[done]", "[pays]"),
    );
    expect(mainPath(on.graph).map((i) => on.journey.steps[i].id)).toEqual(["pays", "survey"]);
    const back = model(
      journey(`
        - { id: starts, name: Starts, type: decision, next: [pays, leaves] }
        - { id: pays, name: Pays, next: starts }
        - { id: leaves, name: Leaves, type: end, outcome: abandoned }
      `).replace("[done]", "[pays]"),
    );
    expect(mainPath(back.graph).map((i) => back.journey.steps[i].id)).toEqual(["starts", "pays"]);
  });

  it("draws what the layout says: a stroke per segment with the ids it joins, ends with a bar, the text equivalent by main path and branches", () => {
    const m = model(TWO_ENTRIES_AND_AN_END);
    const svg = emotionCurve(m.journey.steps, m.graph, new Names(m.journey, defaultConfig("/virtual"), LANGUAGES.en)).value;
    const strokes = [...svg.matchAll(/<g class="path ([a-z ]+)" data-from="([^"]+)" data-to="([^"]+)"/g)].map(
      ([, kind, from, to]) => `${kind}: ${from} -> ${to}`,
    );
    expect(strokes).toEqual([
      "main: sees-ad -> views-product",
      "branch: searches -> views-product",
      "main: views-product -> adds-to-cart",
      "main gap: adds-to-cart -> decides",
      "branch: decides -> leaves",
      "main: decides -> pays",
    ]);
    expect([...svg.matchAll(/<g class="point end" data-col="\d+" data-point="([^"]+)"/g)].map((match) => match[1])).toEqual(["leaves", "pays"]);
    expect(svg).toContain('<line class="end-bar abandoned"');
    const label = /aria-label="([^"]*)"/.exec(svg)![1];
    expect(label).toBe(
      "Emotion curve. Main path: Sees an Instagram ad: +1 positive → Opens the product page: +1 positive → Adds to cart: +1 positive → " +
        "The shop reviews the order: no emotion recorded → Decides whether to pay: 0 neutral → Pays: +2 very positive (ends here). " +
        "Branch: Decides whether to pay → Leaves the shop without buying: -2 very negative (ends here: abandoned). " +
        "Branch: Searches on Google: 0 neutral → Opens the product page",
    );
  });

  it("journey preview shows the same curve as the rendered map (and so its PNG and PDF, printed from that page)", () => {
    const plan = planRender([{ result: lint(TWO_ENTRIES_AND_AN_END), config: defaultConfig("/virtual") }], {
      labels: LANGUAGES.en,
      outDir: "/virtual/out",
      projectRoot: "/virtual",
      ...RUN_META,
    });
    const curve = (page: string) => /<svg class="curve"[\s\S]*?<\/svg>/.exec(page)![0];
    const rendered = curve(plan.files.find((f) => f.name === "two-entries.html")!.content);
    const project = new PreviewProject({ cwd: tempProject({ "two-entries.journey.yaml": TWO_ENTRIES_AND_AN_END }), paths: [], ruleDocsUrl: (id) => id });
    project.reload();
    expect(curve(project.view("two-entries.journey.yaml")!.body ?? "")).toBe(rendered);
    expect(rendered).toContain('data-from="searches" data-to="views-product"');
  });

  it("a stroke that would run through a point it does not join bends around it", () => {
    const m = model(
      journey(
        `
        - { id: a, name: A, emotion: 0, type: decision, next: [b, c] }
        - { id: b, name: B, emotion: 0, type: end, outcome: abandoned }
        - { id: c, name: C, emotion: 0 }
      `,
        "goal: { steps: [c] }",
      ),
    );
    const svg = emotionCurve(m.journey.steps, m.graph, new Names(m.journey, defaultConfig("/virtual"), LANGUAGES.en)).value;
    const d = /data-from="a" data-to="c"><path d="([^"]+)"/.exec(svg)![1];
    const [, x1, y1, cx, cy, x2, y2] = /^M(\d+) (\d+)Q(\d+) (-?\d+) (\d+) (\d+)$/.exec(d)!.map(Number);
    expect(y1).toBe(y2);
    expect(cx).toBe((x1 + x2) / 2);
    expect(Math.abs((y1 + cy) / 2 - y1)).toBeGreaterThanOrEqual(14); // at B's column, t = 1/2
  });
});

describe.runIf(chromiumAvailable())("the emotion curve in Chromium, drawn by the built CLI", () => {
  let browser: Browser;
  let dir: string;
  const { journey: checkout, graph } = model(TWO_ENTRIES_AND_AN_END);
  const indexOf = (id: string) => checkout.stepById.get(id)!.index;

  beforeAll(async () => {
    dir = tempProject({ "j/two-entries.journey.yaml": TWO_ENTRIES_AND_AN_END });
    for (const args of [
      ["-o", "en"],
      ["-o", "ar", "--lang", "ar"],
    ]) {
      const run = await runCli(["render", "j", ...args], { cwd: dir });
      expect(run.exitCode, run.stderr).toBe(0);
    }
    const { launch } = require("puppeteer-core") as typeof import("puppeteer-core");
    browser = await launch({ executablePath: findBrowser(), headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  interface Drawn {
    strokes: { from: string; to: string; kind: string; start: { x: number; y: number }; end: { x: number; y: number }; samples: { x: number; y: number }[] }[];
    points: { step: string; col: number; x: number; y: number; end: boolean; bar: number }[];
  }

  /** What the page draws, in the SVG's own coordinates: each stroke's ends and a sampling of it, each point's centre. */
  async function drawn(page: Page): Promise<Drawn> {
    return page.evaluate(() => {
      const strokes = [...document.querySelectorAll("svg.curve g.path")].map((g) => {
        const path = g.querySelector("path")!;
        const length = path.getTotalLength();
        const samples = Array.from({ length: 201 }, (_, i) => path.getPointAtLength((length * i) / 200)).map(({ x, y }) => ({ x, y }));
        return {
          from: g.getAttribute("data-from")!,
          to: g.getAttribute("data-to")!,
          kind: g.getAttribute("class")!,
          start: samples[0],
          end: samples[200],
          samples,
        };
      });
      const points = [...document.querySelectorAll("svg.curve g.point")].map((g) => {
        const circle = g.querySelector("circle")!;
        const bar = g.querySelector(".end-bar")?.getBoundingClientRect().height ?? 0;
        return {
          step: g.getAttribute("data-point")!,
          col: Number(g.getAttribute("data-col")),
          x: circle.cx.baseVal.value,
          y: circle.cy.baseVal.value,
          end: g.classList.contains("end"),
          bar,
        };
      });
      return { strokes, points };
    });
  }

  async function open(file: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return page;
  }

  for (const lang of ["en", "ar"]) {
    it(
      `${lang}: no stroke joins two steps without a path between them; each starts and ends on its points and passes no other`,
      { timeout: 60_000 },
      async () => {
        const page = await open(join(dir, lang, "two-entries.html"));
        try {
          const { strokes, points } = await drawn(page);
          expect(points.map((p) => p.step)).toEqual(checkout.steps.filter((s) => s.emotion !== undefined).map((s) => s.id));
          expect(strokes.length).toBeGreaterThan(0);
          for (const stroke of strokes) {
            const what = `${stroke.from} -> ${stroke.to}`;
            expect(reachable(graph, [indexOf(stroke.from)])[indexOf(stroke.to)], what).toBe(true);
            const [a, b] = [stroke.from, stroke.to].map((id) => points.find((p) => p.step === id)!);
            expect(Math.hypot(stroke.start.x - a.x, stroke.start.y - a.y), what).toBeLessThan(1);
            expect(Math.hypot(stroke.end.x - b.x, stroke.end.y - b.y), what).toBeLessThan(1);
            for (const other of points.filter((p) => p !== a && p !== b)) {
              const nearest = Math.min(...stroke.samples.map((s) => Math.hypot(s.x - other.x, s.y - other.y)));
              expect(nearest, `${what} passes ${other.step}`).toBeGreaterThan(10);
            }
          }
          // The alternatives are not joined to each other, and nothing leaves the abandoned end.
          expect(strokes.filter((s) => [s.from, s.to].sort().join() === "searches,sees-ad")).toEqual([]);
          expect(strokes.filter((s) => s.from === "leaves")).toEqual([]);
          expect(strokes.filter((s) => s.kind.includes("main")).map((s) => `${s.from} -> ${s.to}`)).toEqual([
            "sees-ad -> views-product",
            "views-product -> adds-to-cart",
            "adds-to-cart -> decides",
            "decides -> pays",
          ]);
          // Ends are drawn as ends: a visible bar at the abandoned end and at the goal, where the path stops.
          expect(points.filter((p) => p.end).map((p) => [p.step, p.bar > 10])).toEqual([
            ["leaves", true],
            ["pays", true],
          ]);
          // Arabic runs from the right: the first column's point is the rightmost, and the curve runs leftwards.
          const byColumn = [...points].sort((p, q) => p.col - q.col).map((p) => p.x);
          for (let i = 1; i < byColumn.length; i++)
            if (lang === "ar") expect(byColumn[i]).toBeLessThan(byColumn[i - 1]);
            else expect(byColumn[i]).toBeGreaterThan(byColumn[i - 1]);
          if (lang === "ar") {
            const heads = await page.$$eval("thead tr.steps th[data-col]", (cells) => cells.map((cell) => cell.getBoundingClientRect().x));
            expect(Math.max(...heads)).toBe(heads[0]);
          }
        } finally {
          await page.close();
        }
      },
    );
  }
});
