import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.js";
import { lint } from "../helpers/index.js";

/**
 * A long journey: `steps` steps in one stage, with `decisions` chained decisions (2^decisions
 * distinct paths) and a contact answered after every 50 steps. Rules must analyse the flow
 * graph without enumerating paths and without recursion; there is no time assertion here (speed
 * lives in the benchmarks), but enumerating 2^60 paths or a recursive walk over 100,000 steps
 * would never finish or would overflow the stack.
 */
function longJourney(steps: number, decisions: number): string {
  const lines = [
    "journey: 1",
    "id: long",
    "title: Long",
    "persona: { name: P, goals: [g] }",
    `goal: { steps: [s${steps - 1}] }`,
    "channels: { web: { name: Web, mode: async }, faq: { name: FAQ, mode: async, self_service: true }, mail: { name: Mail, mode: async } }",
    "rules: { path-too-long: [warning, { max: 1000000 }] }",
    "stages:",
    "  - id: all",
    "    steps:",
  ];
  // Decisions sit at step 30 of a block of 50, contacts at 10 and their responses at 12.
  const decisionEvery = Math.max(50, Math.floor(steps / (decisions + 1) / 50) * 50);
  for (let i = 0; i < steps; i++) {
    const isDecision = i % 50 === 30 && Math.floor(i / decisionEvery) < decisions && i % decisionEvery === 30 && i + 2 < steps;
    const isContact = i % 50 === 10;
    const isResponse = i % 50 === 12;
    let step = `      - { id: s${i}, name: Step ${i}, channel: ${i === 1 ? "faq" : "[web, mail]"}`;
    if (isDecision) step += `, type: decision, next: [{ to: s${i + 1}, when: a }, { to: s${i + 2}, when: b }]`;
    else if (isContact) step += ", type: contact";
    else if (isResponse) step += `, type: response, answers: s${i - 2}`;
    // Branch a rejoins branch b: said with `next`, or it would be a branch-fallthrough.
    if (lines.at(-1)!.includes("type: decision")) step += `, next: [s${i + 1}]`;
    if (i === steps - 1) step += ", collects: feedback";
    lines.push(step + " }");
  }
  return lines.join("\n") + "\n";
}

describe("rules on long journeys", () => {
  it("lint 20,000 steps with 60 chained decisions (2^60 paths) without errors", () => {
    const result = lint(longJourney(20_000, 60));
    expect(result.model!.journey.steps).toHaveLength(20_000);
    expect(result.model!.journey.steps.filter((s) => s.type === "decision")).toHaveLength(60);
    expect(result.findings).toEqual([]);
  });

  it("find a loop and an unanswered contact in 100,000 steps without overflowing the stack", () => {
    const text = longJourney(100_000, 0)
      .replace("{ id: s99990, name: Step 99990, channel: [web, mail]", "{ id: s99990, name: Step 99990, channel: [web, mail], next: [s99980, s99991]")
      .replace(", type: response, answers: s50010 }", " }");
    // 100,000 steps are about 800,000 YAML values, over the default limits.max_nodes (500,000).
    const found = lint(text, { limits: { ...defaultConfig("/virtual").limits, maxNodes: 1_000_000 } }).findings.map((f) => `${f.ruleId}:${f.stepId}`);
    expect(found).toEqual(["touchpoint-unanswered:s50010", "back-and-forth:s99980"]);
    // Not a speed bound (that is the benchmarks'): about 15 s on a quiet machine, 53 s was seen
    // under a load of 13 on two cores, where the suite's 30 s default failed a correct run.
  }, 180_000);
});
