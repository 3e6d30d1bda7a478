import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { diffFlowDiagram } from "../../src/diff/diagram.js";
import { formatDiffMarkdown } from "../../src/diff/formatters/markdown.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { findBrowser, MermaidRenderer } from "../../src/render/images.js";
import { chromiumAvailable, ROOT } from "../helpers/index.js";
import { CASES } from "./cases.js";
import { diffTexts, edit, ORDER } from "./helpers.js";

const HOSTILE = readFileSync(join(ROOT, "test", "fixtures", "hostile-names.journey.yaml"), "utf8");
const diffs = [
  ...CASES.map((c) => ({ name: c.name, diff: diffTexts("base" in c ? c.base : ORDER, c.head) })),
  // User text that Mermaid would read as syntax, in added, changed and removed steps alike.
  {
    name: "hostile names",
    diff: diffTexts(HOSTILE, edit(HOSTILE, 'name: "title of the task: starts with a keyword"', 'name: "end: subgraph ; click #1 --> x"')),
  },
  { name: "hostile names removed", diff: diffTexts(HOSTILE, edit(HOSTILE, "      - id: section\n", "      - id: section-renamed\n")) },
];

describe("the diff flowchart", () => {
  it("colours added, changed and removed steps and transitions", () => {
    const inserted = diffTexts(
      ORDER,
      edit(
        edit(ORDER, "      - id: asks\n", "      - id: reads-faq\n        name: Reads the FAQ\n        channel: web\n      - id: asks\n"),
        "name: Opens the shop",
        "name: Opens the web shop",
      ),
    );
    const diagram = diffFlowDiagram(inserted)!;
    expect(diagram).toContain('  n3["Reads the FAQ"]');
    expect(diagram).toContain("  class n3 added\n");
    expect(diagram).toContain("  class n1 changed\n");
    // compares -> reads-faq and reads-faq -> asks are new; compares -> asks, which the new step
    // stands in, comes with it and is not drawn.
    const lines = diagram.split("\n");
    const links = lines.filter((line) => / (-->|-\.->)/.test(line));
    expect(links).not.toContain("  n2 -.-> n4");
    expect(lines.filter((line) => line.startsWith("  linkStyle "))).toEqual([
      `  linkStyle ${links.indexOf("  n2 --> n3")} stroke:#2e7d32,stroke-width:3px`,
      `  linkStyle ${links.indexOf("  n3 --> n4")} stroke:#2e7d32,stroke-width:3px`,
    ]);
    // A transition rewired for real is drawn dashed where it was.
    const rewired = diffFlowDiagram(diffTexts(ORDER, edit(ORDER, "          - { to: leaves, when: not convinced }\n", "")))!.split("\n");
    const rewiredLinks = rewired.filter((line) => / (-->|-\.->)/.test(line));
    expect(rewired).toContain(`  linkStyle ${rewiredLinks.indexOf("  n6 -.-> n8")} stroke:#c62828,stroke-width:2px,stroke-dasharray:4 3`);
    const removed = diffFlowDiagram(
      diffTexts(ORDER, edit(ORDER, "      - id: forwards\n        name: Forwards to logistics\n        type: handoff\n        owner: support\n", "")),
    )!;
    expect(removed).toContain('  r1[["Forwards to logistics"]]');
    expect(removed).toContain("  class r1 removed\n");
  });

  it("is the one in the markdown format, in every language", () => {
    const { diff } = diffs[3];
    for (const labels of Object.values(LANGUAGES)) {
      const markdown = formatDiffMarkdown(
        { base: { name: "main", commit: null }, head: { name: "working tree", commit: null }, journeys: [diff] },
        { cwd: "/virtual", color: new Chalk({ level: 0 }), labels },
      );
      expect(markdown).toContain("```mermaid\n" + diffFlowDiagram(diff));
      expect(markdown).toContain(`## ${labels.diff.title}`);
    }
  });
});

describe("the markdown format's change table with hostile names", () => {
  const hostile = diffTexts(
    HOSTILE,
    edit(
      edit(HOSTILE, 'name: "title of the task: starts with a keyword"', 'name: "a`b | <script>alert(1)</script>` c"'),
      'persona: { name: "Persona, \\"quoted\\" <b>", goals: ["Goal | with pipe"] }',
      'persona: { name: "P`x | <img src=x onerror=alert(1)>` y" }',
    ),
  );

  it("keeps one row of four cells per change, and no HTML outside code spans, in every language", () => {
    expect(hostile.changes.some((change) => change.message.includes("<script>"))).toBe(true);
    expect(hostile.changes.some((change) => change.finding !== undefined)).toBe(true);
    for (const labels of Object.values(LANGUAGES)) {
      const markdown = formatDiffMarkdown(
        { base: { name: "main", commit: null }, head: { name: "working tree", commit: null }, journeys: [hostile] },
        { cwd: "/virtual", color: new Chalk({ level: 0 }), labels },
      );
      const rows = markdown.split("\n").filter((line) => / \| [a-z]+-[a-z-]+( \([a-z-]+\))? \| /.test(line));
      expect(rows, labels.lang).toHaveLength(hostile.changes.length);
      for (const row of rows) {
        expect(row.replace(/\\\|/g, "").split("|").length - 1, row).toBe(5);
        expect(row.replace(/\\`/g, "").replace(/`[^`]*`/g, ""), row).not.toMatch(/<(?!br>)/);
      }
    }
  });
});

describe.runIf(chromiumAvailable())("every diff flowchart parses and draws in real Mermaid", () => {
  it("every change kind's case and hostile names", async () => {
    const diagrams = diffs.flatMap(({ name, diff }) => {
      const definition = diffFlowDiagram(diff);
      return definition ? [{ name, definition }] : [];
    });
    expect(diagrams.length).toBe(diffs.length - 1); // a deleted journey has no head to draw
    const renderer = await MermaidRenderer.open(findBrowser()!);
    const failures: string[] = [];
    try {
      for (const { name, definition } of diagrams) {
        try {
          const svg = await renderer.svg(definition);
          if (!svg.startsWith("<svg")) failures.push(`${name}: no SVG`);
        } catch (error) {
          failures.push(
            `${name}: ${String((error as Error).message)
              .split("\n")
              .slice(0, 3)
              .join(" ")}`,
          );
        }
      }
    } finally {
      await renderer.close();
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
