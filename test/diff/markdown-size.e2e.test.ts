import { describe, expect, it } from "vitest";
import { longJourney, runCli, tempProject } from "../helpers/index.js";

/** Issue 23, item 11: diff's Markdown of a very large change stays under GitHub's 1 MiB job-summary limit. */
describe("journey diff --format markdown of very large changes", () => {
  it("lists the first changes within 1,000,000 bytes and counts the rest; the JSON has them all", { timeout: 120_000 }, async () => {
    // Every step id of a 3,000-step journey changed: about 8,400 changes, 6 MB of Markdown uncut.
    const old = longJourney(3000);
    const renamed = old.replace(/id: s(\d)/g, "id: t$1").replace(/steps: \[s/g, "steps: [t");
    const dir = tempProject({ "old.journey.yaml": old, "new.journey.yaml": renamed });
    const markdown = await runCli(["diff", "old.journey.yaml", "new.journey.yaml", "--format", "markdown"], { cwd: dir });
    const json = await runCli(["diff", "old.journey.yaml", "new.journey.yaml", "--format", "json"], { cwd: dir });
    expect(markdown.stderr).toBe("");
    expect(markdown.exitCode).toBe(json.exitCode);
    const total = (JSON.parse(json.stdout) as { journeys: { changes: unknown[] }[] }).journeys.reduce((sum, j) => sum + j.changes.length, 0);
    expect(total).toBeGreaterThan(8000);

    const bytes = Buffer.byteLength(markdown.stdout);
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(bytes).toBeGreaterThan(900_000); // cut near the limit, not far before it
    const listed = markdown.stdout.split("\n").filter((line) => /^\| (❌|⚠️|ℹ️) /u.test(line)).length;
    const last = markdown.stdout.trimEnd().split("\n").pop()!;
    const omitted =
      /^_Changes not listed here: ([\d,]+), to keep this summary under GitHub's 1 MiB limit\. Run journey diff --format json for all of them\._$/.exec(last);
    expect(omitted).not.toBeNull();
    expect(listed + Number(omitted![1].replace(/,/g, ""))).toBe(total);
    // Cut between rows: every table row is whole, and no code fence is left open.
    expect((markdown.stdout.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  it("a diff under the limit is written whole, with no count line", async () => {
    const old = longJourney(20);
    const dir = tempProject({ "old.journey.yaml": old, "new.journey.yaml": old.replace("name: Step 7 of the flow", "name: Step seven") });
    const markdown = await runCli(["diff", "old.journey.yaml", "new.journey.yaml", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain("step-renamed");
    expect(markdown.stdout).not.toContain("Changes not listed here");
  });
});
