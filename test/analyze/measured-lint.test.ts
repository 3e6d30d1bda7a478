import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { applyMeasurement } from "../../src/analyze/write-back.js";
import { lint, ROOT } from "../helpers/index.js";

const FIXTURES = join(ROOT, "test", "fixtures", "analyze");
const JOURNEY = readFileSync(join(FIXTURES, "checkout.journey.yaml"), "utf8");
const ANALYSIS = JSON.parse(readFileSync(join(FIXTURES, "checkout.analysis.json"), "utf8")) as AnalysisResult;

/** The fixture's analysis with other `ended_here` figures. */
function measuredWith(endedHere: Record<string, number>): AnalysisResult {
  return { ...ANALYSIS, steps: ANALYSIS.steps.map((s) => ({ ...s, ended_here: endedHere[s.id] ?? s.ended_here })) };
}
const MEASURED_STEPS = new Set(ANALYSIS.steps.filter((s) => s.reached !== null).map((s) => s.id));

const dropOffs = (text: string) => lint(text).findings.filter((f) => f.ruleId === "drop-off-high");

describe("drop-off-high on measured figures", () => {
  it("the fixture as measured loses no more than half after any step", () => {
    expect(dropOffs(JOURNEY)).toEqual([]);
  });

  it("a steep measured drop is found, with the measured numbers and period in the message", () => {
    const text = applyMeasurement(JOURNEY, measuredWith({ "views-product": 784 }), MEASURED_STEPS);
    const findings = dropOffs(text);
    expect(findings.map((f) => [f.messageId, f.stepId, f.message])).toEqual([
      [
        "highMeasured",
        "views-product",
        "80% of customers are lost after `views-product` (the path of 784 of the 980 who reached it ended there, measured in the event log from 2026-03-01T00:00:00Z to 2026-03-31T23:58:12.500Z; more than 50%)",
      ],
    ]);
    // The finding points at the step's metrics, where --write put the number.
    expect(text.split(/\r?\n/)[findings[0].line - 1]).toMatch(/^\s+metrics: \{ reached: 980, ended_here: 784 \}$/);
  });

  it("figures typed by hand (no measured block): lost after is reached minus the step that only it leads to, with the plain message", () => {
    const text = JOURNEY.replace(/^measured:\n( {2}.*\n)+/m, "")
      .replace(/, ended_here: \d+/g, "")
      .replace(/\n {10}ended_here: \d+/, "")
      .replace("reached: 720", "reached: 196");
    expect(dropOffs(text).map((f) => f.messageId)).toEqual(["high"]);
    expect(dropOffs(text)[0].message).toBe("80% of customers are lost after `views-product` (784 of the 980 who reached it; more than 50%)");
  });
});
