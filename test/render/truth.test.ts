import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/index.js";

/** Reports never rewrite facts: suppressions, funnels and missing emotions, through the built CLI. */
const HEAD = `journey: 1
id: facts
title: Facts
channels:
  web: { name: Website, mode: async }
  chat: { name: Live chat, mode: sync }
  faq: { name: FAQ, mode: async, self_service: true }
goal: { steps: [pays] }
stages:
  - id: purchase
    steps:
`;

async function render(steps: string, lang = "en") {
  const dir = tempProject({ "facts.journey.yaml": HEAD + steps });
  const result = await runCli(["render", "facts.journey.yaml", "-o", "docs", "--no-map", "--lang", lang], { cwd: dir });
  expect(result.exitCode, result.stderr).toBe(0);
  const report = readFileSync(join(dir, "docs", "facts.md"), "utf8");
  return { report, chart: readFileSync(join(dir, "docs", "facts.journey.mmd"), "utf8"), flow: readFileSync(join(dir, "docs", "facts.flow.mmd"), "utf8") };
}

const funnelRows = (report: string) =>
  Object.fromEntries(
    report
      .split("\n## ")
      .find((s) => s.startsWith("Funnel"))!
      .split("\n")
      .filter((l) => /^\| [A-Z][a-z ]+ \| [\d,]+ \|/.test(l))
      .map((l) => {
        const [name, ...figures] = l.replace(/^\| | \|$/g, "").split(" | ");
        return [name, figures.join(" | ")];
      }),
  ) as Record<string, string>;

describe("render: reports that never rewrite facts", () => {
  it("a suppressed touchpoint-unanswered contact is still not answered, and the finding is listed as suppressed with its reason", async () => {
    const { report, flow } = await render(`      - { id: browse, name: Browses, channel: web, emotion: 0, collects: feedback }
      # journey-disable-next-line touchpoint-unanswered -- the chat team answers outside the map
      - { id: asks, name: Asks in the chat, channel: chat, type: contact, emotion: -1 }
      - { id: faq, name: Reads the FAQ, channel: faq, emotion: 0 }
      - { id: pays, name: Pays, channel: web, emotion: 1 }
`);
    expect(report).toContain("Asks in the chat (❌ not answered)");
    expect(report).not.toContain("✅ answered");
    const row = report.split("\n").find((l) => l.includes("[touchpoint-unanswered]"));
    expect(row).toContain("(suppressed: the chat team answers outside the map)");
    // The key figures count only the findings still reported; the flow keeps the contact's error marking.
    expect(report.split("\n").find((l) => l.startsWith("| Findings |"))).not.toContain("Errors");
    expect(flow).toMatch(/n2>"⚠ Asks in the chat/);
  });

  it("hand-typed figures: shares of the step most customers reached, losses only where the flow tells them, never a neighbour in the file", async () => {
    const { report } = await render(`      - { id: cart, name: Opens the cart, channel: web, metrics: { reached: 2000 }, collects: feedback }
      - id: method
        name: Chooses payment
        channel: web
        type: decision
        metrics: { reached: 1000 }
        next: [{ to: pays, when: card }, { to: chat, when: invoice }, { to: leaves, when: gives up }]
      - { id: pays, name: Pays, channel: web, metrics: { reached: 600 }, next: [] }
      - { id: chat, name: Asks for invoice, channel: web, metrics: { reached: 150 }, next: [pays] }
      - { id: leaves, name: Leaves, type: end, outcome: abandoned, metrics: { reached: 250 } }
`);
    // Against the previous row in the file, "Leaves" would show -67% and "Asks for invoice" 75%.
    expect(funnelRows(report)).toEqual({
      // The decision is the cart's only way on, and the cart its only way in: 2,000 - 1,000.
      "Opens the cart": "2,000 | 100.0% | 1,000",
      // Pays is also reached from the invoice chat: who went where after the decision cannot be told.
      "Chooses payment": "1,000 | 50.0% | —",
      Pays: "600 | 30.0% | goal",
      "Asks for invoice": "150 | 7.5% | —",
      Leaves: "250 | 12.5% | end",
    });
    expect(report).toContain(
      "_Figures typed by hand: share of the step most customers reached; lost after: reached minus the customers of the steps after it, where this step is their only way in._",
    );
    expect(report).not.toMatch(/\| -\d+%|-0%/);
    // `pays` has two ways in (the decision and the chat): 600 is within 1,000 + 150, a merge, not an inconsistency.
    expect(report).not.toContain("[metrics-inconsistent]");
  });

  it("a step without an emotion is left out of the journey chart, and the caption names it", async () => {
    const { report, chart } = await render(`      - { id: browse, name: Browses, channel: web, emotion: -2, collects: feedback }
      - { id: compares, name: Compares prices, channel: web }
      - { id: pays, name: Pays, channel: web, emotion: 2 }
`);
    expect(chart).toContain("Browses: 1: Customer");
    expect(chart).toContain("Pays: 5: Customer");
    expect(chart).not.toContain("Compares prices");
    expect(report).toContain("_no emotion recorded:_ Compares prices.");
  });

  it("counts in each language's own forms: a one-step path in the singular, numbers grouped as CLDR says", async () => {
    const singular: Record<string, string> = { en: "1 step", da: "1 trin", pl: "1 krok", ru: "1 шаг", bg: "1 стъпка", ar: "خطوة واحدة" };
    const five: Record<string, string> = { en: "5 steps", da: "5 trin", pl: "5 kroków", ru: "5 шагов", bg: "5 стъпки", ar: "5 خطوات" };
    const steps = (n: number) =>
      Array.from({ length: n }, (_, i) => `      - { id: s${i}, name: Step ${i}, channel: web${i === 0 ? ", collects: feedback" : ""} }\n`).join("") +
      "      - { id: pays, name: Pays, channel: web, metrics: { reached: 12345 } }\n";
    for (const lang of Object.keys(singular)) {
      expect((await render(steps(0), lang)).report, lang).toContain(` | ${singular[lang]} |`);
      expect((await render(steps(4), lang)).report, lang).toContain(` | ${five[lang]} |`);
    }
    expect((await render(steps(0), "da")).report).toContain("| Pays | 12.345 | 100,0\u00a0% | mål |");
    expect((await render(steps(0), "bg")).report).toContain("| Pays | 12\u00a0345 | 100,0% | цел |");
  });
});
