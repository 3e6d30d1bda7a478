import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson, runCli, tempProject, type JsonReport } from "../helpers/index.js";

/** Issue 23, items 14 and 16: what YAML anchors say, and what bidirectional controls do to the HTML map. */

describe("an alias before or without its anchor (issue 23, item 14)", () => {
  const journey = (head: string) => `journey: 1\nid: a\n${head}goal: { steps: [x] }\nstages:\n  - id: s\n    steps:\n      - id: x\n        name: X\n`;

  it("says `unknown anchor` with the alias's line and column, not that aliases expand too much", async () => {
    const dir = tempProject({ "a.journey.yaml": journey("title: *m\n") });
    const run = await runCli(["lint", "a.journey.yaml", "-f", "json"], { cwd: dir });
    expect(run.exitCode).toBe(1);
    const [message] = parseJson<JsonReport>(run.stdout)[0].messages;
    expect(message).toMatchObject({ ruleId: "syntax", line: 3, column: 8, endColumn: 10 });
    expect(message.message).toBe("unknown anchor `m`; define it with `&m` before this alias, or write the value out");
  });

  it("an anchor defined after the alias is named as the cause", async () => {
    const dir = tempProject({ "a.journey.yaml": journey("title: *m\nx-later: &m Title\n") });
    const run = await runCli(["lint", "a.journey.yaml"], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      "a.journey.yaml:3:8  error  unknown anchor `m`; `&m` comes after it, and an anchor must come before its aliases: move it up  syntax",
    );
    expect(run.stdout).not.toContain("expand too much");
  });

  it("an anchor before its alias still works", async () => {
    const dir = tempProject({ "a.journey.yaml": journey("x-title: &m Title\ntitle: *m\n") });
    const run = await runCli(["validate", "a.journey.yaml"], { cwd: dir });
    expect(run.stdout + run.stderr).not.toContain("anchor");
    expect(run.exitCode).toBe(0);
  });
});

describe("bidirectional controls in the HTML map and index (issue 23, item 16)", () => {
  const CONTROLS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
  const quoted = (text: string) => JSON.stringify(text);

  it("no override, embedding or isolate control reaches the map or the index raw: each is a visible escape", async () => {
    const title = "Pay \u202Eyap\u202C now";
    const name = "Refund \u202Bgranted\u202C \u2067x\u2069 \u202Dy\u202A \u2066z\u2068w";
    const dir = tempProject({
      "e.journey.yaml": `journey: 1\nid: evil\ntitle: ${quoted(title)}\npersona: { name: ${quoted("Buyer \u202E")} }\ngoal: { description: ${quoted("Goal \u2067")}, steps: [a] }\nstages:\n  - id: s\n    name: ${quoted("Stage \u202E1")}\n    steps:\n      - id: a\n        name: ${quoted(name)}\n        pain_points: [${quoted("pain \u202E")}]\n`,
    });
    const run = await runCli(["render", "-o", "out", "e.journey.yaml"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const map = readFileSync(join(dir, "out", "evil.html"), "utf8");
    const index = readFileSync(join(dir, "out", "index.html"), "utf8");
    for (const page of [map, index]) {
      for (const control of CONTROLS) expect(page).not.toContain(control);
      expect(page).toContain("Pay \\u202Eyap\\u202C now");
    }
    expect(map).toContain("Refund \\u202Bgranted\\u202C \\u2067x\\u2069 \\u202Dy\\u202A \\u2066z\\u2068w");
    expect(map).toContain("Stage \\u202E1");
    expect(map).toContain("pain \\u202E");
    expect(index).toContain("Buyer \\u202E");
    expect(index).toContain("Goal \\u2067");
  });

  it("the marks right-to-left text needs (U+200E, U+200F) stay as they are", async () => {
    const name = "\u05e9\u05dc\u05d5\u05dd\u200f 3 \u200eok";
    const dir = tempProject({
      "e.journey.yaml": `journey: 1\nid: marks\ntitle: Marks\ngoal: { steps: [a] }\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: ${quoted(name)}\n`,
    });
    const run = await runCli(["render", "-o", "out", "e.journey.yaml"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(dir, "out", "marks.html"), "utf8")).toContain(name);
  });
});
