/**
 * `--by`'s one place for ordering segments and summing "other" (`src/analyze/segments.ts`), and
 * the Markdown table it feeds, in process. The figures themselves are checked against the
 * reference implementations through both engines (engines-agree, the random-log properties).
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/analyze/formatters/markdown.js";
import { buildResult } from "../../src/analyze/result.js";
import { orderSegments, segmentRows } from "../../src/analyze/segments.js";
import type { EngineFigures, EngineSegment } from "../../src/analyze/types.js";
import { figureFlow } from "../../src/model/step-figures.js";
import { check } from "../helpers/index.js";
import { makePlan } from "./clickhouse-plan.js";

const PLAN = {
  ...makePlan({
    steps: ["home", "cart", "pay", "help"],
    edges: [
      ["home", "cart"],
      ["cart", "pay"],
    ],
    entries: ["home"],
    goals: ["pay"],
  }),
  by: "device",
};

/** A segment of `cases` cases, `converted` and `fit` among them, reaching home and (when converted) cart and pay. */
const segment = (value: string | null, cases: number, converted: number, fit: number): EngineSegment => ({
  value,
  cases,
  converted,
  fit,
  steps: [
    { reached: cases, endedHere: cases - converted },
    { reached: converted, endedHere: 0 },
    { reached: converted, endedHere: converted },
    { reached: 0, endedHere: 0 },
  ],
  timeToGoal: converted > 0 ? { medianSeconds: 60, p90Seconds: 120 } : null,
});

const SEGMENTS = [segment("b", 2, 1, 2), segment(null, 9, 0, 0), segment("é", 2, 2, 2), segment("a", 2, 0, 1), segment("Z", 5, 5, 0), segment("z", 1, 1, 1)];

function figures(segments: readonly EngineSegment[]): EngineFigures {
  const sum = (key: "cases" | "converted" | "fit") => segments.reduce((n, s) => n + s[key], 0);
  return {
    events: { read: 40, mapped: 40, unmapped: 0, skipped: 0 },
    period: { from: 0, to: 1000 },
    cases: sum("cases"),
    converted: sum("converted"),
    fit: sum("fit"),
    steps: PLAN.stepIds.map((_, i) => ({
      reached: segments.reduce((n, s) => n + s.steps[i].reached, 0),
      endedHere: segments.reduce((n, s) => n + s.steps[i].endedHere, 0),
    })),
    // help is not measured on the whole log: null in every segment.
    measuredSteps: [0, 1, 2],
    transitions: [],
    timeToGoal: null,
    ties: { cases: 0, events: 0 },
    segments,
    variants: [],
    unmappedActivities: [],
    stepIdsSeen: [],
  };
}

describe("segments", () => {
  it("are ordered by cases descending, then value by code point, the missing value last whatever its count", () => {
    expect(orderSegments(SEGMENTS).map((s) => s.value)).toEqual(["Z", "a", "b", "é", "z", null]);
  });

  it("the JSON lists every segment with ratios of its own counts, null for a step not measured on the whole log", () => {
    const result = buildResult(PLAN, figures(SEGMENTS), "duckdb");
    expect(result.by).toBe("device");
    expect(result.segments!.map((s) => [s.value, s.cases, s.conversion, s.fitness])).toEqual([
      ["Z", 5, 1, 0],
      ["a", 2, 0, 0.5],
      ["b", 2, 0.5, 1],
      ["é", 2, 1, 1],
      ["z", 1, 1, 1],
      [null, 9, 0, 0],
    ]);
    expect(result.segments![1].steps).toEqual([
      { id: "home", reached: 2, ended_here: 2 },
      { id: "cart", reached: 0, ended_here: 0 },
      { id: "pay", reached: 0, ended_here: 0 },
      { id: "help", reached: null, ended_here: null },
    ]);
    expect(result.segments![0].time_to_goal).toEqual({ median_seconds: 60, p90_seconds: 120 });
    expect(result.segments![1].time_to_goal).toBeNull();
  });

  it.each([
    // top, the rows shown, and "other": how many segments, cases, conversion and fitness from the summed counts
    [10, ["Z", "a", "b", "é", "z", null], undefined],
    [6, ["Z", "a", "b", "é", "z", null], undefined],
    [5, ["Z", "a", "b", "é", "z"], { segments: 1, cases: 9, conversion: 0, fitness: 0 }],
    // b, é, z and the missing value: 4 of 14 convert and 5 of 14 fit (the mean of their ratios would be 0.625 and 0.75).
    [2, ["Z", "a"], { segments: 4, cases: 14, conversion: 4 / 14, fitness: 5 / 14 }],
  ])("--top %i: at most that many segments, the rest summed as other", (top, shown, other) => {
    const rows = segmentRows(PLAN, figures(SEGMENTS), top);
    expect(rows.slice(0, shown.length).map((r) => (r.segment.kind === "value" ? r.segment.value : null))).toEqual(shown);
    if (other === undefined) return expect(rows).toHaveLength(shown.length);
    expect(rows).toHaveLength(shown.length + 1);
    const last = rows[rows.length - 1];
    expect({
      segments: last.segment.kind === "other" ? last.segment.segments : -1,
      cases: last.cases,
      conversion: last.conversion,
      fitness: last.fitness,
    }).toEqual(other);
    // Its funnel: the summed reached and ended here; help stays not measured.
    expect(last.steps.map((s) => s.reached)).toEqual([other.cases, other.conversion * other.cases, other.conversion * other.cases, null]);
  });

  it("Markdown shows the table, and each funnel with --verbose", () => {
    const journey = check(`journey: 1
id: j
title: J
entry: [home]
goal: { steps: [pay] }
stages:
  - id: s
    steps:
      - { id: home, name: Home, next: [cart] }
      - { id: cart, name: Cart, next: [pay] }
      - { id: pay, name: Pay, next: [] }
      - { id: help, name: Help, next: [] }
`).model!;
    const engine = figures(SEGMENTS);
    const context = {
      color: new Chalk({ level: 0 }),
      names: new Map(journey.journey.steps.map((s) => [s.id, s.name])),
      flow: figureFlow(journey.journey, journey.graph),
      segments: segmentRows(PLAN, engine, 2),
    };
    const text = formatMarkdown(buildResult(PLAN, engine, "duckdb"), context);
    expect(text).toContain(
      [
        "| Segment | Cases | Conversion | Fitness |",
        "|---|---:|---:|---:|",
        "| Z | 5 | 100.0% | 0.0% |",
        "| a | 2 | 0.0% | 50.0% |",
        "| other (4 segments) | 14 | 28.6% | 35.7% |",
      ].join("\n"),
    );
    expect(text).not.toContain("#### Funnel of");
    const verbose = formatMarkdown(buildResult(PLAN, engine, "duckdb"), { ...context, verbose: true });
    expect(verbose).toContain("#### Funnel of other (4 segments) (14 cases)");
    expect(verbose).toContain("| Help (`help`) | not measured |  |  |");
  });
});
