import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { parseJson, removeTempProjects, ROOT, runCli, tempProject } from "../helpers/index.js";
import { writeLog, type EventRow } from "./fixtures.js";
import { mapFunnel, observedNodes, reportFunnel, shareText, writtenFigures } from "./truth-helpers.js";

afterAll(removeTempProjects);

/**
 * Issue 22's own scenario: the two-entry journey of docs/format.md (an ad and a search both lead
 * to the product page, a decision with an abandoned end), measured with a log that never shows
 * the FAQ step. Every output must tell analyze's figures: no "173.9%" of the first entry, no step
 * before the unmeasured one "lost after" everyone, no 0 for a step the log does not show.
 */
const FORMAT = readFileSync(join(ROOT, "docs", "format.md"), "utf8");
const JOURNEY = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(FORMAT)![1];

function log(): EventRow[] {
  const rows: EventRow[] = [];
  const add = (id: string, path: string[]) =>
    path.forEach((activity, i) => rows.push({ case_id: id, activity, timestamp: `2026-03-01T10:${String(i).padStart(2, "0")}:00Z` }));
  const inChat = ["views-product", "looks-for-delivery", "asks-in-chat", "agent-answers", "decides-to-order"];
  for (let n = 0; n < 23; n++) {
    if (n < 10) add(`ad${n}`, ["sees-ad", ...inChat, "places-order", "gets-confirmation"]);
    else if (n < 18) add(`ad${n}`, ["sees-ad", ...inChat, "leaves-shop"]);
    else add(`ad${n}`, ["sees-ad", "views-product", "looks-for-delivery"]);
  }
  for (let n = 0; n < 17; n++)
    add(`search${n}`, n < 3 ? ["searches-online", "views-product"] : ["searches-online", ...inChat, "places-order", "gets-confirmation", "rates-chat"]);
  return rows;
}

describe("issue 22: the two-entry checkout of docs/format.md, measured", () => {
  it("analyze, --write, the report, the map and the observed flow tell the same figures", async () => {
    expect(JOURNEY).toContain("entry: [sees-ad, searches-online]");
    expect(JOURNEY).toContain("metrics: { reached: 510 }"); // the FAQ step's hand-typed figure
    const dir = tempProject({ "checkout.journey.yaml": JOURNEY });
    await writeLog(log(), join(dir, "events.csv"), "csv");

    const json = await runCli(["analyze", "checkout.journey.yaml", "-e", "events.csv", "-f", "json", "-o", "analysis.json"], { cwd: dir });
    expect(json.exitCode, json.stderr).toBe(0);
    const analysis = parseJson<AnalysisResult>(readFileSync(join(dir, "analysis.json"), "utf8"));
    const step = (id: string) => analysis.steps.find((s) => s.id === id)!;
    expect(analysis.cases).toBe(40);
    expect(step("checks-faq")).toEqual({ id: "checks-faq", reached: null, ended_here: null });
    expect(step("views-product")).toEqual({ id: "views-product", reached: 40, ended_here: 3 });

    const stylish = await runCli(["analyze", "checkout.journey.yaml", "-e", "events.csv"], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "" } });
    expect(stylish.stdout).toMatch(/checks-faq\s+Reads the delivery section of the FAQ\s+not measured\n/);
    // Its only way on is the unmeasured FAQ: not "lost after 37", nor the 5 who stopped there.
    expect(stylish.stdout).toMatch(/looks-for-delivery\s+.*\s+37\s+92\.5%\s+next steps not measured/);
    expect(stylish.stdout).not.toMatch(/\b0\.0%/);

    const write = await runCli(["analyze", "checkout.journey.yaml", "-e", "events.csv", "--write", "-o", "stylish.txt"], { cwd: dir });
    expect(write.exitCode, write.stderr).toBe(0);
    const text = readFileSync(join(dir, "checkout.journey.yaml"), "utf8");
    const written = writtenFigures(text);
    for (const s of analysis.steps)
      expect(written.metrics.get(s.id), s.id).toEqual(s.reached === null ? undefined : { reached: s.reached, ended_here: s.ended_here });
    expect(written.measured).toMatchObject({ cases: 40, conversion: 0.6 });
    expect(text).toContain("# customers who got here in the measured period");

    for (const args of [[], ["--analysis", "analysis.json"]]) {
      const out = `out${args.length}`;
      const render = await runCli(["render", "checkout.journey.yaml", "-o", out, ...args], { cwd: dir });
      expect(render.exitCode, render.stderr).toBe(0);
      const report = readFileSync(join(dir, out, "delivery-question.md"), "utf8");
      expect(report).not.toContain("173.9%");
      for (const [, value] of report.matchAll(/(-?[\d.]+)%/g)) expect(Number(value), report).toBeGreaterThanOrEqual(0);
      for (const [, value] of report.matchAll(/(-?[\d.]+)%/g)) expect(Number(value)).toBeLessThanOrEqual(100);
      expect(report).not.toMatch(/[-−]\d+(\.\d)?%/);
      const rows = reportFunnel(report);
      expect(rows).toHaveLength(analysis.steps.length);
      expect(report.match(/\| Lost after the step \|/g)).toHaveLength(1);
      analysis.steps.forEach((s, i) => {
        expect(rows[i].reached, s.id).toBe(s.reached === null ? "not measured" : String(s.reached));
        expect(rows[i].share, s.id).toBe(shareText(s, analysis.cases));
      });
      expect(rows[2]).toEqual({ name: "Opens the product page", reached: "40", share: "100.0%", lost: "3" });
      expect(rows[3].lost).toBe("next steps not measured");
      expect(rows.find((r) => r.name === "Leaves the shop without ordering")!.lost).toBe("end");

      const map = mapFunnel(readFileSync(join(dir, out, "delivery-question.html"), "utf8"))!;
      expect(map.row).toBe("measured");
      for (const cell of map.cells) {
        const s = analysis.steps[cell.col];
        expect(cell.measured, s.id).toBe(s.reached !== null);
        if (cell.measured) expect([cell.reached, cell.share], s.id).toEqual([s.reached, s.reached! / analysis.cases]);
      }
      expect(map.cells).toHaveLength(analysis.steps.filter((s) => s.id !== "agent-asks-warehouse").length + 1);
    }
    const observed = observedNodes(readFileSync(join(dir, "out2", "delivery-question.observed.mmd"), "utf8"));
    analysis.steps.forEach((s, i) => expect(observed.get(i), s.id).toBe(s.reached === null ? "not measured" : String(s.reached)));
  }, 60_000);
});
