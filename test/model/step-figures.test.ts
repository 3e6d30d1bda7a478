import { describe, expect, it } from "vitest";
import { analysisFigures, fileFigures, figureFlow, handTypedFigures, measuredFigures, type FigureFlow } from "../../src/model/step-figures.js";
import { check } from "../helpers/index.js";

/**
 * Two entries into one product page, a decision with an abandoned end, a review step the log
 * never shows, and a loop: the shapes where file order and flow disagree.
 */
const JOURNEY = `journey: 1
id: shop
title: Shop
entry: [ad, search]
goal: { steps: [pays] }
stages:
  - id: s
    steps:
      - { id: ad, name: Sees an ad, next: [product] }
      - { id: search, name: Searches, next: [product] }
      - { id: product, name: Product page, next: [review] }
      - { id: review, name: Reads reviews, next: [decides] }
      - id: decides
        name: Decides
        type: decision
        next: [{ to: pays, when: yes }, { to: leaves, when: no }, { to: decides, when: thinks again }]
      - { id: pays, name: Pays, next: [] }
      - { id: leaves, name: Leaves, type: end, outcome: abandoned }
`;

function flowOf(text = JOURNEY): FigureFlow {
  const { journey, graph } = check(text).model!;
  return figureFlow(journey, graph);
}

describe("step figures from a measurement", () => {
  const flow = flowOf();
  const figures = measuredFigures(flow, {
    cases: 40,
    steps: [
      { reached: 23, endedHere: 0 },
      { reached: 17, endedHere: 1 },
      { reached: 39, endedHere: 3 },
      null,
      { reached: 36, endedHere: 0 },
      { reached: 20, endedHere: 20 },
      { reached: 16, endedHere: 16 },
    ],
  });
  const byId = Object.fromEntries(figures.steps.map((s) => [s.id, s]));

  it("share is reached / cases: two entries are never compared with each other", () => {
    expect(figures.basis).toBe("measured");
    expect(byId.ad.share).toBe(23 / 40);
    expect(byId.product.share).toBe(39 / 40);
    expect(figures.steps.every((s) => s.share === null || s.share <= 1)).toBe(true);
  });

  it("an unmeasured step has no figures, and the step before it is 'not measured after', not lost after everyone", () => {
    expect(byId.review).toEqual({ id: "review", index: 3, measured: false, reached: null, share: null, lostAfter: null });
    expect(byId.product.lostAfter).toEqual({ kind: "not-measured-after", lost: 3 });
  });

  it("lost after is ended_here; goal and end steps say so; a self-loop does not hide the other ways on", () => {
    expect(byId.search.lostAfter).toEqual({ kind: "count", lost: 1, share: 1 / 17 });
    expect(byId.decides.lostAfter).toEqual({ kind: "count", lost: 0, share: 0 });
    expect(byId.pays.lostAfter).toEqual({ kind: "goal" });
    expect(byId.leaves.lostAfter).toEqual({ kind: "end" });
  });

  it("reads the analysis JSON's shape by id; null is not measured, 0 is measured", () => {
    const fromJson = analysisFigures(flow, {
      cases: 2,
      steps: [
        { id: "search", reached: null, ended_here: null },
        { id: "ad", reached: 2, ended_here: 0 },
        { id: "product", reached: 2, ended_here: 2 },
      ],
    });
    expect(fromJson.steps.map((s) => s.reached)).toEqual([2, null, 2, null, null, null, null]);
  });

  it("figures that contradict themselves give no share and no loss rather than one above 100% or below 0", () => {
    const odd = measuredFigures(flow, { cases: 10, steps: [{ reached: 12, endedHere: 13 }, null, null, null, null, null, null] });
    expect(odd.steps[0].share).toBeNull();
    expect(odd.steps[0].lostAfter).toEqual({ kind: "unknown" });
  });
});

describe("step figures typed by hand", () => {
  it("share of the step most customers reached; lost after only where this step is the only way in to every following step", () => {
    const figures = handTypedFigures(flowOf(), [230, 170, 390, 300, 280, 200, 70]);
    const byId = Object.fromEntries(figures.steps.map((s) => [s.id, s]));
    expect(figures.basis).toBe("hand-typed");
    expect(byId.product.share).toBe(1);
    expect(byId.ad.share).toBe(230 / 390);
    // product -> review only, and review has product as its only way in: 390 - 300.
    expect(byId.product.lostAfter).toEqual({ kind: "count", lost: 90, share: 90 / 390 });
    // The decision's branches: 280 - (200 + 70); its self-loop is not a way on.
    expect(byId.decides.lostAfter).toEqual({ kind: "count", lost: 10, share: 10 / 280 });
    // Each entry leads to a step that another entry leads to as well: not told.
    expect(byId.ad.lostAfter).toEqual({ kind: "unknown" });
    expect(byId.pays.lostAfter).toEqual({ kind: "goal" });
  });

  it("never a negative loss: more after than before is not told", () => {
    const figures = handTypedFigures(flowOf(), [230, 170, 390, 400, undefined, undefined, undefined]);
    expect(figures.steps[2].lostAfter).toEqual({ kind: "unknown" });
    expect(figures.steps[4]).toMatchObject({ measured: false, reached: null });
  });
});

describe("step figures of a journey file", () => {
  it("with a measured block: the figures --write recorded; without ended_here the loss is not told; unmeasured successors say so", () => {
    const text = JOURNEY.replace(
      "stages:",
      'measured: { from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z", cases: 40, conversion: 0.5, fitness: 1 }\nstages:',
    )
      .replace("{ id: ad, name: Sees an ad,", "{ id: ad, name: Sees an ad, metrics: { reached: 23, ended_here: 2 },")
      .replace("{ id: search, name: Searches,", "{ id: search, name: Searches, metrics: { reached: 17 },");
    const { journey, graph } = check(text).model!;
    const figures = fileFigures(journey, graph)!;
    expect(figures.basis).toBe("measured");
    expect(figures.base).toBe(40);
    // The product page has no figure in the file: who went on from the ad cannot be told.
    expect(figures.steps[0].lostAfter).toEqual({ kind: "not-measured-after", lost: 2 });
    expect(figures.steps[1].lostAfter).toEqual({ kind: "unknown" });
    expect(figures.steps[2].measured).toBe(false);
  });

  it("none when no step has a figure", () => {
    const { journey, graph } = check(JOURNEY).model!;
    expect(fileFigures(journey, graph)).toBeUndefined();
  });
});
