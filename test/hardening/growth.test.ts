import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { writeGrowthJourney } from "../../bench/generate.mjs";
import { BIN, tempProject } from "../helpers/index.js";

/**
 * Issue 14, "Time that grows quadratically". Speed is measured in the bench (`growth` group,
 * each doubling at most 2.2x); here each case runs at a size that took minutes before the fix
 * and a few seconds after, and the run is stopped at a limit far above the fixed time, so a
 * quadratic loop coming back fails the suite. The outputs are checked too.
 */
function journey(args: string[], cwd: string, timeout: number) {
  return execa("node", [BIN, ...args], { cwd, reject: false, timeout, stdin: "ignore", env: { NO_COLOR: "1" } });
}

describe("work linear in the size of the file", () => {
  it("a decision with 30,000 branches renders (was 9.3 s at 10,000 and growing 4x per doubling)", async () => {
    const dir = tempProject();
    writeGrowthJourney(join(dir, "wide.journey.yaml"), "branches", 30_000);
    const result = await journey(["render", "-o", "out", "wide.journey.yaml"], dir, 60_000);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode, result.stderr).toBe(0);
    const flow = readFileSync(join(dir, "out", "branches-30000.flow.mmd"), "utf8");
    expect(flow).toContain(`n1 -->|"case 29999"| n30001`);
    expect(flow.match(/ -->\|"case \d+"\| /g)).toHaveLength(30_000);
  }, 90_000);

  it("20,000 journey-disable-next-line comments lint (was about 300 s)", async () => {
    const dir = tempProject();
    writeGrowthJourney(join(dir, "quiet.journey.yaml"), "directives", 20_000);
    const result = await journey(["lint", "quiet.journey.yaml", "--report-unused-disable-directives"], dir, 60_000);
    expect(result.timedOut).toBe(false);
    expect(result.stdout).not.toMatch(/emotion-unaddressed|unused-disable-directive/);
  }, 90_000);

  it("JUnit output of 90,000 findings (was 77 s for 100,000)", async () => {
    const steps = Array.from({ length: 90_000 }, (_, i) => `      - { id: s${i}, name: S }`);
    const dir = tempProject({ "many.journey.yaml": ["journey: 1", "id: many", "title: Many", "persona: { name: V, goals: [g] }", "goal: { steps: [s0] }", "stages:", "  - id: all", "    steps:", ...steps, ""].join("\n") });
    const result = await journey(["lint", "-f", "junit", "-o", "report.xml", "many.journey.yaml"], dir, 40_000);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    const xml = readFileSync(join(dir, "report.xml"), "utf8");
    expect(xml.match(/^many\.journey\.yaml:\d+:\d+ /gm)!.length).toBeGreaterThanOrEqual(89_999);
  }, 60_000);
});
