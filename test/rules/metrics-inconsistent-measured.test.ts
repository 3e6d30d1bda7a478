import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseJson, removeTempProjects, ROOT, runCli, tempProject, type JsonReport } from "../helpers/index.js";

/**
 * Issue 22: `journey analyze --write` followed by `journey lint --max-warnings 0` (the README's
 * workflow) must pass on the figures journey wrote itself for a journey with two entries, and a
 * real inconsistency must still be found where it is. Relies only on `--write` recording
 * `metrics.reached` and the `measured:` block.
 */

afterAll(removeTempProjects);

/** docs/format.md's complete example: two entries (`sees-ad`, `searches-online`) into `views-product`. */
function formatExample(): string {
  const page = readFileSync(join(ROOT, "docs", "format.md"), "utf8");
  const block = /<!-- format-example:start -->\n```yaml\n([\s\S]*?)```\n<!-- format-example:end -->/.exec(page);
  if (!block) throw new Error("docs/format.md: no complete example");
  return block[1];
}

const CONFIG = "teams:\n  support: { name: Support }\n  logistics: { name: Logistics }\n  cx-team: { name: CX }\n";

// The backstage step `agent-asks-warehouse` is not in a customer's event log: it stays unmeasured.
const CHAT = ["looks-for-delivery", "checks-faq", "asks-in-chat", "agent-answers", "decides-to-order"];
const CASES: Record<string, string[]> = {
  c1: ["sees-ad", "views-product", ...CHAT, "places-order", "gets-confirmation", "rates-chat"],
  c2: ["searches-online", "views-product", ...CHAT, "leaves-shop"],
  c3: ["sees-ad", "views-product"],
  c4: ["searches-online", "views-product", "looks-for-delivery"],
  c5: ["sees-ad", "views-product", ...CHAT, "places-order"],
};
const LOG =
  "case_id,activity,timestamp\n" +
  Object.entries(CASES)
    .flatMap(([id, path], c) => path.map((activity, i) => `${id},${activity},2026-03-01T10:${String(c).padStart(2, "0")}:${String(i).padStart(2, "0")}Z`))
    .join("\n") +
  "\n";

const reachedOf = (text: string, id: string) => {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^\\s+- id: ${id}(\\s|$)`).test(l));
  const offset = lines.slice(start + 1).findIndex((l) => /^\s+metrics: \{ reached: \d+, ended_here: \d+ \}/.test(l) || /^\s+- id: /.test(l));
  const line = start + 1 + offset;
  const match = /^(\s+metrics: )\{ reached: (\d+), ended_here: \d+ \}/.exec(lines[line]);
  if (!match) throw new Error(`${id}: no metrics.reached and ended_here written`);
  return { line: line + 1, column: match[1].length + 1, reached: Number(match[2]) };
};

describe("metrics-inconsistent on figures journey analyze --write recorded", () => {
  it("the two-entry example of docs/format.md, measured and written, lints with --max-warnings 0; a real inconsistency still fires at its metrics", async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "delivery.journey.yaml": formatExample(), "events.csv": LOG });
    const analyze = await runCli(["analyze", "delivery.journey.yaml", "--events", "events.csv", "--write"], { cwd: dir });
    expect(analyze.stderr).toContain("recorded the measurement in delivery.journey.yaml");
    expect(analyze.exitCode).toBe(0);
    const written = readFileSync(join(dir, "delivery.journey.yaml"), "utf8");
    expect(written).toMatch(/^measured:\n {2}from: /m);
    // Both entries lead to the product page: a merge, which the old file-order check warned on.
    expect([reachedOf(written, "sees-ad").reached, reachedOf(written, "searches-online").reached, reachedOf(written, "views-product").reached]).toEqual([
      3, 2, 5,
    ]);

    const lint = await runCli(["lint", "delivery.journey.yaml", "--max-warnings", "0", "--format", "json"], { cwd: dir });
    const messages = parseJson<JsonReport>(lint.stdout)[0].messages;
    expect(messages.filter((m) => m.ruleId === "metrics-inconsistent")).toEqual([]);
    expect(lint.exitCode).toBe(0);

    // By hand: more customers placed the order than reached the decision, its only predecessor.
    const order = reachedOf(written, "places-order");
    const lines = written.split("\n");
    lines[order.line - 1] = lines[order.line - 1].replace(/reached: \d+/, "reached: 4");
    writeFileSync(join(dir, "delivery.journey.yaml"), lines.join("\n"));
    const inconsistent = await runCli(["lint", "delivery.journey.yaml", "--max-warnings", "0", "--format", "json"], { cwd: dir });
    expect(inconsistent.exitCode).toBe(1);
    expect(
      parseJson<JsonReport>(inconsistent.stdout)[0]
        .messages.filter((m) => m.ruleId === "metrics-inconsistent")
        .map((m) => [m.line, m.column, m.message]),
    ).toEqual([
      [
        order.line,
        order.column,
        "`places-order` was reached by 4 customers, more than the 3 who reached `decides-to-order`, the only step that leads to it: check the figures, or the flow if customers also come in another way",
      ],
    ]);
  });
});
