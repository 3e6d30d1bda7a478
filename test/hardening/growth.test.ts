import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { writeGrowthJourney } from "../../bench/generate.mjs";
import { BIN, MINIMAL, tempProject } from "../helpers/index.js";

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
  it("a decision with 55,000 branches renders (was 9.3 s at 10,000 and about 55 s at 30,000)", async () => {
    // Branches as bare ids: 8 YAML values each, so the journey stays under the default limits.max_nodes.
    const branches = Array.from({ length: 55_000 }, (_, i) => `b${i}`);
    const text = [
      "journey: 1",
      "id: wide",
      "title: Wide",
      "persona: { name: V, goals: [g] }",
      "channels: { web: { name: Web, mode: async } }",
      "goal: { steps: [done] }",
      "stages:",
      "  - id: all",
      "    steps:",
      `      - { id: start, name: Starts, channel: web, type: decision, next: [${branches.join(", ")}] }`,
      ...branches.map((id) => `      - { id: ${id}, name: B, next: [done] }`),
      "      - { id: done, name: Done, channel: web, collects: feedback }",
      "",
    ].join("\n");
    const dir = tempProject({ "wide.journey.yaml": text });
    const result = await journey(["render", "-o", "out", "wide.journey.yaml"], dir, 50_000);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    // Far past Mermaid's limits: the full flow is built, measured, and drawn by stage instead.
    expect(result.stderr).toMatch(/the full flow diagram of 55,002 steps cannot be drawn \(its Mermaid text is [\d,]+ characters/);
    expect(readFileSync(join(dir, "out", "wide.flow.mmd"), "utf8")).toContain('s1["all<br/><small>55#44;002 steps</small>"]');
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
    const dir = tempProject({
      "many.journey.yaml": [
        "journey: 1",
        "id: many",
        "title: Many",
        "persona: { name: V, goals: [g] }",
        "goal: { steps: [s0] }",
        "stages:",
        "  - id: all",
        "    steps:",
        ...steps,
        "",
      ].join("\n"),
    });
    const result = await journey(["lint", "-f", "junit", "-o", "report.xml", "many.journey.yaml"], dir, 40_000);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    const xml = readFileSync(join(dir, "report.xml"), "utf8");
    expect(xml.match(/^many\.journey\.yaml:\d+:\d+ /gm)!.length).toBeGreaterThanOrEqual(89_999);
  }, 60_000);

  it("a mapping of 200,000 keys that yaml reads is checked, its duplicate key found (yaml's own check compared each key with all before it: 466 s)", async () => {
    // A comment after an empty value is left to yaml by the subset reader. MINIMAL has 10 lines, so
    // the repeated `k7` is on line 13 + 200,000.
    const keys = Array.from({ length: 200_000 }, (_, i) => `  k${i}:\n`).join("");
    const dir = tempProject({ "keys.journey.yaml": `${MINIMAL}x-data:\n  first: # empty\n${keys}  k7: again\n` });
    const result = await journey(["lint", "-f", "json", "keys.journey.yaml"], dir, 40_000);
    expect(result.timedOut).toBe(false);
    const findings = (JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[])[0].messages;
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["syntax", 200_013, 3]]);
  }, 60_000);
});

describe("bounds on what the command line and the config ask for", () => {
  // Each a pattern that backtracks through every split of a long file name; picomatch's RegExp
  // runs synchronously, so on main the walk never came back.
  const PATTERNS = [
    "**/*a*a*a*a*a*a*a*b",
    "**/*(a)*(a)*(a)*(a)*(a)b",
    "**/+(+(a|aa))b",
    `**/${"x".repeat(2000)}`,
    "**/{1..100000}.journey.yaml",
    // Review round 3: wildcards spread over segments, `**` segments and braces multiply too.
    "*a*a/**/*a*a*ab",
    "**/d/**/d/**/d/**/d/**/d/**/d/**/d/**/d/x",
    `${"{a,a}".repeat(40)}b*`,
  ];
  const longName = `${"a".repeat(200)}.journey.yaml`;

  for (const pattern of PATTERNS) {
    it(`config ignore \`${pattern.slice(0, 30)}\` is a config error naming it (exit 2), not a hung walk`, async () => {
      const dir = tempProject({ [`maps/${longName}`]: "journey: 1\n", "journey.config.yaml": `ignore: [${JSON.stringify(pattern)}]\n` });
      const result = await journey(["lint", "maps"], dir, 20_000);
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/the config's ignore pattern `.*`.*write simpler patterns/);
    }, 30_000);
  }

  it("a glob on the command line is bounded the same way; plain globs still work", async () => {
    const dir = tempProject({ [`maps/${longName}`]: "journey: 1\n", "maps/b.journey.yaml": "journey: 1\n" });
    const bad = await journey(["lint", "maps/*a*a*a*a*a*a*a*b.journey.yaml"], dir, 20_000);
    expect(bad.timedOut).toBe(false);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/the glob `maps\/\*a\*a.*` has more than 3 wildcards in one path segment/);
    const good = await journey(["validate", "-f", "json", "maps/*.journey.yaml", "maps/*b*.journey.*"], dir, 20_000);
    expect(good.stderr).toBe("");
    expect(good.stdout).toContain("b.journey.yaml");
  }, 60_000);

  it.runIf(process.platform === "linux")(
    "--concurrency 99999 starts no more threads than there are cores",
    async () => {
      const files = Object.fromEntries(
        Array.from({ length: 60 }, (_, i) => [
          `maps/j${i}.journey.yaml`,
          `journey: 1\nid: j${i}\ntitle: J\ngoal: { steps: [a] }\nstages: [{ id: s, steps: [{ id: a, name: A, channel: web }] }]\n`,
        ]),
      );
      const dir = tempProject(files);
      const child = journey(["lint", "maps", "--concurrency", "99999"], dir, 60_000);
      let most = 0;
      // The process's thread count, sampled while it runs (Node itself has about a dozen).
      const poll = setInterval(() => {
        try {
          const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
          most = Math.max(most, threads);
        } catch {
          // exited between two samples
        }
      }, 5);
      const result = await child;
      clearInterval(poll);
      expect(result.exitCode).toBe(1);
      expect(most).toBeGreaterThan(0);
      // Each worker thread brings its own V8 and libuv threads (about 8): 60 workers would be hundreds.
      expect(most).toBeLessThan(20 + 10 * availableParallelism());
    },
    90_000,
  );
});
