import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/index.js";

/**
 * Issue 23, item 11: past 2,000 steps the HTML map shows one column per stage (render/map/collapsed.ts);
 * past 500 stages it says the journey is too large for one page and links the report.
 */

/** `steps` steps in stages of `perStage`; every step has an emotion cycling -2..2, the first of each stage a pain point and a figure. */
function journey(steps: number, perStage: number): string {
  const lines = ["journey: 1", `id: big`, `title: Big`, `goal: { steps: [s${steps}] }`, "channels:", "  web: { name: Web, mode: async }", "stages:"];
  for (let i = 1; i <= steps; i++) {
    if ((i - 1) % perStage === 0) lines.push(`  - id: stage-${Math.ceil(i / perStage)}`, "    steps:");
    lines.push(`      - id: s${i}`, `        name: Step ${i}`, "        channel: web", `        emotion: ${(i % 5) - 2}`);
    if ((i - 1) % perStage === 0) lines.push("        pain_points: [Slow]", `        metrics: { reached: ${100_000 - i} }`);
    if (i % perStage === 0) lines.push(`        metrics: { reached: ${50_000 - i} }`);
  }
  return lines.join("\n") + "\n";
}

/** A small journey that continues in `big` at step 130. */
const SMALL = `journey: 1
id: small
title: Small
goal: { steps: [b] }
stages:
  - id: one
    steps:
      - { id: a, name: Starts, next: [b, "big#s130"] }
      - { id: b, name: Ends }
`;

async function renderMap(text: string, others: Record<string, string> = {}): Promise<{ html: string; bytes: number; stderr: string }> {
  const dir = tempProject({ "big.journey.yaml": text, ...others });
  const run = await runCli(["render", "-o", "out", "big.journey.yaml", ...Object.keys(others)], { cwd: dir });
  expect(run.exitCode).toBe(0);
  const file = join(dir, "out", "big.html");
  return { html: readFileSync(file, "utf8"), bytes: statSync(file).size, stderr: run.stderr };
}

describe("the map of a journey past 2,000 steps", () => {
  it("2,001 steps in 17 stages: one column per stage, counts and figures that are defined, a note linking the report", { timeout: 120_000 }, async () => {
    // Step 250, the last of the second stage, also continues in the small journey, which arrives at step 130.
    const big = journey(2001, 125).replace("      - id: s250\n", '      - id: s250\n        next: [s251, "small#a"]\n');
    const { html, bytes } = await renderMap(big, { "small.journey.yaml": SMALL });
    expect(html).toContain(
      '<p class="large-note" role="note" style="margin:14px 28px 6px;padding:8px 12px;border-inline-start:4px solid var(--accent);background:var(--panel)">This journey has 2,001 steps, more than the map draws one by one (2,000): each column is a stage. <a href="big.md">Full report (Markdown)</a></p>',
    );
    expect(html).toContain('<table class="map collapsed" style="--n:17">');
    expect(html.match(/<th scope="col" data-col="\d+" class="stage /g)).toHaveLength(17);
    expect(html).not.toContain('class="step-card'); // no step is drawn one by one
    expect(bytes).toBeLessThan(100_000);
    const row = (name: string) =>
      /<tr data-row="[^"]+"><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g.exec(html.slice(html.indexOf(`<th scope="row">${name}</th>`) - 40))![2];
    // Step counts and numbers: 16 stages of 125 and the last of 1.
    expect(row("Steps")).toContain('<span class="figure">125</span> <span class="meta" dir="ltr">1&ndash;125</span>');
    expect(row("Steps")).toContain('<span class="figure">1</span> <span class="meta" dir="ltr">2,001</span>');
    expect(row("First and last step")).toContain(
      '<span class="title" id="s126" dir="auto" style="display:block;font-weight:600">Step 126</span><span class="meta">&hellip;</span><span class="title" dir="auto" style="display:block;font-weight:600">Step 250',
    );
    // Links between journeys: the steps they leave from or arrive at, each with its anchor (once: s250's is in the links row).
    expect(html.match(/ id="s250"/g)).toHaveLength(1);
    expect(row("Links between journeys")).toContain(
      '<div id="s130" data-step="s130" style="padding:8px 10px"><span class="title" dir="auto" style="display:block;font-weight:600">Step 130</span><span class="continues continued">&larr; continued from <a href="small.html#a" dir="auto">Small</a></span></div>',
    );
    expect(row("Links between journeys")).toContain(
      '<div id="s250" data-step="s250" style="padding:8px 10px"><span class="title" dir="auto" style="display:block;font-weight:600">Step 250</span><span class="continues">&rarr; continues in <a href="small.html#a" dir="auto">Small</a></span></div>',
    );
    // Emotions: the lowest and the highest, never an average.
    expect(row("Emotion, lowest to highest")).toContain('<span class="figure" dir="ltr">-2 &hellip; +2</span>');
    expect(row("Emotion, lowest to highest")).toContain('<span class="figure" dir="ltr">-1</span>'); // step 2001 alone: emotion -1
    // Pain points are counted (one per stage); figures are the stage's first and last reached, not a sum.
    expect(row("Pain points").match(/<span class="figure">1<\/span>/g)).toHaveLength(17);
    expect(row("Reached and lost after")).toContain(
      'data-reached="99999">99,999</span><span class="meta" dir="ltr"> &rarr; </span><span class="figure" dir="ltr" data-reached="49875">49,875</span>',
    );
    expect(row("Reached and lost after")).not.toMatch(/data-reached="(\d{7,})"/);
  });

  it("2,000 steps are still drawn step by step", { timeout: 120_000 }, async () => {
    const { html } = await renderMap(journey(2000, 125));
    expect(html).not.toContain('<p class="large-note"');
    expect(html.match(/class="step-card/g)).toHaveLength(2000);
  });

  it("past 500 stages the page says the journey is too large for one page and links the report", { timeout: 120_000 }, async () => {
    const { html, bytes } = await renderMap(journey(2004, 4));
    expect(html).toContain(
      '<p class="large-note" role="note" style="margin:14px 28px 6px;padding:8px 12px;border-inline-start:4px solid var(--accent);background:var(--panel)">This journey has 2,004 steps in 501 stages, too many for one page (the map draws at most 2,000 steps, or 500 stages side by side). <a href="big.md">Full report (Markdown)</a></p>',
    );
    expect(html).not.toContain("<table");
    expect(html).toContain('<h1 dir="auto">Big</h1>'); // the page head stays: title, goal, figures
    expect(bytes).toBeLessThan(20_000);
  });
});
