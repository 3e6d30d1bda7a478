import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, MINIMAL, ROOT, runCli, svgText, tempProject } from "../helpers/index.js";

const EXAMPLES = ["--config", join(ROOT, "examples", "journey.config.yaml"), join(ROOT, "examples")];

describe.runIf(chromiumAvailable())("render: images that any SVG reader draws, the same every time", () => {
  it("two renders give identical SVG bytes, with every label as SVG text and no <foreignObject>", { timeout: 180_000 }, async () => {
    const dir = tempProject();
    for (const out of ["a", "b"]) {
      const result = await runCli(["render", ...EXAMPLES, "-o", join(dir, out), "--image", "svg", "--no-map"]);
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
    }
    const svgs = readdirSync(join(dir, "a")).filter((name) => name.endsWith(".svg"));
    expect(svgs).toHaveLength(12);
    for (const name of svgs) {
      const svg = readFileSync(join(dir, "a", name), "utf8");
      expect(readFileSync(join(dir, "b", name), "utf8") === svg, `${name} differs between two renders`).toBe(true);
      expect(svg, name).not.toContain("foreignObject");
      const text = svgText(svg);
      expect(text, name).not.toMatch(/<\/?(small|br|div|span)\b/i); // no HTML markup printed as text
      // Every step label of the diagram's Mermaid source, word by word (SVG text wraps them).
      const mmd = readFileSync(join(dir, "a", name.replace(/\.svg$/, ".mmd")), "utf8");
      const labels = name.endsWith(".flow.svg")
        ? [...mmd.matchAll(/^ {4}n\d+[[({>]+"((?:[^"<]|<br\/>)+)/gm)].map((m) => m[1])
        : [...mmd.matchAll(/^ {4}(.+): \d: /gm)].map((m) => m[1]);
      expect(labels.length, name).toBeGreaterThan(3);
      for (const label of labels) {
        for (const word of label
          .replace(/^⚠ /, "")
          .replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
          .split(/ |<br\/>/)
          .filter(Boolean))
          expect(text, `${name}: "${label}"`).toContain(word);
      }
    }
  });

  it("render removes the files it generated for a deleted journey, images included, and nothing else; --check then passes", { timeout: 120_000 }, async () => {
    const other = MINIMAL.replace("id: minimal", "id: other");
    const dir = tempProject({ "minimal.journey.yaml": MINIMAL, "other.journey.yaml": other });
    const render = () => runCli(["render", ".", "-o", "docs", "--image", "svg"], { cwd: dir });
    expect((await render()).exitCode).toBe(0);
    const before = readdirSync(join(dir, "docs")).sort();
    expect(before).toContain("other.flow.svg");
    writeFileSync(join(dir, "docs", "notes.md"), "# Our own notes\n");
    writeFileSync(join(dir, "docs", "other.png"), "not ours");
    rmSync(join(dir, "other.journey.yaml"));
    expect((await runCli(["render", ".", "-o", "docs", "--check", "--image", "svg"], { cwd: dir })).stdout).toContain("  orphaned  docs/other.flow.svg");

    const after = await render();
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toContain("  removed   docs/other.md (no journey renders it any more)");
    const left = readdirSync(join(dir, "docs")).sort();
    expect(left.filter((name) => name.startsWith("other."))).toEqual(["other.png"]);
    expect(left).toContain("notes.md");
    expect(before.filter((name) => name.startsWith("other.")).every((name) => name === "other.png" || !existsSync(join(dir, "docs", name)))).toBe(true);
    expect(left.filter((name) => name.startsWith("minimal."))).toEqual(before.filter((name) => name.startsWith("minimal.")));
    const check = await runCli(["render", ".", "-o", "docs", "--check", "--image", "svg"], { cwd: dir });
    expect(check.stdout).toMatch(/are up to date/);
    expect(check.exitCode).toBe(0);
  });

  it("keeps every file of a journey that is there but cannot be rendered this time", { timeout: 60_000 }, async () => {
    const dir = tempProject({ "minimal.journey.yaml": MINIMAL });
    expect((await runCli(["render", ".", "-o", "docs"], { cwd: dir })).exitCode).toBe(0);
    const before = readdirSync(join(dir, "docs")).sort();
    writeFileSync(join(dir, "minimal.journey.yaml"), MINIMAL.replace("goal: { steps: [buys] }", "goal: { steps: [nowhere] }"));
    const broken = await runCli(["render", ".", "-o", "docs"], { cwd: dir });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).not.toContain("removed");
    expect(readdirSync(join(dir, "docs")).sort()).toEqual(before);
  });
});
