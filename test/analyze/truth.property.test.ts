import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { writeLog, type EventRow } from "./fixtures.js";
import { mapFunnel, observedNodes, reportFunnel, shareText, writtenFigures } from "./truth-helpers.js";

afterAll(removeTempProjects);

/**
 * Issue 22's property: on random branching journeys (several entries, branches, loops, abandoned
 * ends, steps the log never shows) and random logs, every figure of every output equals the one
 * `journey analyze --format json` gives for the same definition (docs/analyze.md, "Definitions
 * every output uses"): the report's one Funnel table and the map's measured row, drawn from the
 * file `--write` wrote and from the analysis; the observed flow; the written `metrics` and
 * `measured:`. No share above 100%, no negative loss, no `-0%`. All through the built CLI.
 */

interface Shape {
  /** Per step: an abandoned end, or its `next:` targets (indexes; a step may lead to itself or back). */
  steps: { end: boolean; next: number[]; events: boolean; inLog: boolean }[];
  entries: number[];
  cases: { start: number; moves: number[]; viaEvent: boolean[] }[];
}

const shape: fc.Arbitrary<Shape> = fc.integer({ min: 4, max: 7 }).chain((n) =>
  fc.record({
    steps: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          // The last step is the goal; the first never an end, so a path can start.
          end: i === 0 || i === n - 1 ? fc.constant(false) : fc.boolean(),
          next: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
          events: fc.boolean(),
          // The first step is always in the log (a log that maps nothing is an error, not a figure).
          inLog: i === 0 ? fc.constant(true) : fc.boolean(),
        }),
      ),
    ),
    entries: fc.uniqueArray(fc.integer({ min: 0, max: Math.min(2, n - 1) }), { minLength: 1, maxLength: 2 }),
    cases: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: n - 1 }),
        moves: fc.array(fc.nat({ max: 9 }), { maxLength: 5 }),
        viaEvent: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  }),
);

function journeyText(s: Shape): string {
  const last = s.steps.length - 1;
  const lines = s.steps.map((step, i) => {
    const events = step.events ? `, events: [ev${i}]` : "";
    if (step.end) return `      - { id: s${i}, name: Step ${i}, type: end, outcome: abandoned${events} }`;
    const next = i === last ? [] : step.next;
    return `      - { id: s${i}, name: Step ${i}${events}, next: [${next.map((t) => `s${t}`).join(", ")}] }`;
  });
  return `journey: 1
id: prop
title: Property
entry: [${s.entries.map((e) => `s${e}`).join(", ")}]
goal: { steps: [s${last}] }
stages:
  - id: all
    steps:
${lines.join("\n")}
`;
}

/** Each case walks the map from a step the log shows, along arrows where it can, jumping where it cannot; only steps in the log appear. */
function logRows(s: Shape): EventRow[] {
  const inLog = s.steps.map((step, i) => (step.inLog ? i : -1)).filter((i) => i >= 0);
  const rows: EventRow[] = [];
  s.cases.forEach((c, caseIndex) => {
    let at = s.steps[c.start].inLog ? c.start : 0;
    const path = [at];
    for (const move of c.moves) {
      if (s.steps[at].end) break;
      const along = s.steps[at].next.filter((t) => s.steps[t].inLog);
      at = along.length > 0 && move < 8 ? along[move % along.length] : inLog[move % inLog.length];
      path.push(at);
    }
    path.forEach((step, i) => {
      const activity = s.steps[step].events && c.viaEvent[i % 6] ? `ev${step}` : `s${step}`;
      rows.push({ case_id: `c${caseIndex}`, activity, timestamp: `2026-03-01T10:${String(i).padStart(2, "0")}:${String(caseIndex).padStart(2, "0")}Z` });
    });
  });
  return rows;
}

/** "Lost after" as the definitions word it, from the analysis and the map alone. */
function expectedLost(s: Shape, a: AnalysisResult, i: number): { text: string; kind: string } {
  const step = a.steps[i];
  if (i === s.steps.length - 1) return { text: "goal", kind: "goal" };
  if (s.steps[i].end) return { text: "end", kind: "end" };
  const after = s.steps[i].next.filter((t) => t !== i);
  if (after.length > 0 && after.every((t) => a.steps[t].reached === null)) return { text: "next steps not measured", kind: "not-measured-after" };
  return { text: String(step.ended_here), kind: "count" };
}

function percentsWithin(text: string): void {
  expect(text).not.toMatch(/[-−]\d+(\.\d)?%/);
  for (const [, value] of text.matchAll(/(\d+(?:\.\d+)?)%/g)) expect(Number(value)).toBeLessThanOrEqual(100);
}

describe("issue 22: every output tells analyze's figures (property, through the built CLI)", () => {
  it("random branching journeys and logs", async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const dir = tempProject({ "prop.journey.yaml": journeyText(s) });
        const run = (args: string[]) => runCli(args, { cwd: dir });

        // One run analyses, prints the JSON and writes the measurement (the file is edited first).
        const rows = logRows(s);
        await writeLog(rows, join(dir, "events.csv"), "csv");
        const json = await run(["analyze", "prop.journey.yaml", "-e", "events.csv", "--write", "-f", "json", "-o", "a.json"]);
        expect(json.exitCode, json.stderr + journeyText(s)).toBe(0);
        const a = parseJson<AnalysisResult>(readFileSync(join(dir, "a.json"), "utf8"));
        const shown = new Set(rows.map((r) => r.activity!.replace(/^ev/, "s")));
        for (const step of a.steps) {
          // Measured exactly when the log shows one of its activities; never 0 for "not in the log".
          expect(step.reached === null, step.id).toBe(!shown.has(step.id));
          if (step.reached !== null) expect(step.reached).toBeGreaterThan(0);
          if (step.reached !== null) expect(step.reached).toBeLessThanOrEqual(a.cases);
        }

        const written = writtenFigures(readFileSync(join(dir, "prop.journey.yaml"), "utf8"));
        for (const step of a.steps)
          expect(written.metrics.get(step.id), step.id).toEqual(step.reached === null ? undefined : { reached: step.reached, ended_here: step.ended_here });
        expect(written.measured?.cases).toBe(a.cases);

        for (const [out, extra] of [
          ["plain", []],
          ["with", ["--analysis", "a.json"]],
        ] as const) {
          const render = await run(["render", "prop.journey.yaml", "-o", out, ...extra]);
          expect(render.exitCode, render.stderr).toBe(0);
          const report = readFileSync(join(dir, out, "prop.md"), "utf8");
          const funnel = reportFunnel(report);
          expect(funnel.map((r) => r.name)).toEqual(a.steps.map((_, i) => `Step ${i}`));
          a.steps.forEach((step, i) => {
            if (step.reached === null) return expect(funnel[i], step.id).toMatchObject({ reached: "not measured", share: "—", lost: "—" });
            expect(funnel[i], step.id).toEqual({
              name: `Step ${i}`,
              reached: String(step.reached),
              share: shareText(step, a.cases),
              lost: expectedLost(s, a, i).text,
            });
          });
          percentsWithin(report.slice(report.indexOf("## Funnel"), report.indexOf("## Findings")));

          const html = readFileSync(join(dir, out, "prop.html"), "utf8");
          const map = mapFunnel(html)!;
          expect(map.row).toBe("measured");
          expect(map.cells.map((c) => c.col)).toEqual(a.steps.map((_, i) => i));
          for (const cell of map.cells) {
            const step = a.steps[cell.col];
            expect(cell.measured, step.id).toBe(step.reached !== null);
            if (step.reached === null) continue;
            const lost = expectedLost(s, a, cell.col);
            expect(cell, step.id).toEqual({
              col: cell.col,
              measured: true,
              reached: step.reached,
              share: step.reached / a.cases,
              lost: lost.kind === "goal" || lost.kind === "end" ? lost.kind : String(step.ended_here),
              lostKind: lost.kind,
            });
          }
          percentsWithin(/<tr data-row="measured">[\s\S]*?<\/tr>/.exec(html)![0]);
        }

        const observed = observedNodes(readFileSync(join(dir, "with", "prop.observed.mmd"), "utf8"));
        a.steps.forEach((step, i) => expect(observed.get(i), step.id).toBe(step.reached === null ? "not measured" : String(step.reached)));
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
