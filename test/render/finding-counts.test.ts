import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COUNT_SEPARATOR, findingCounts } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { MINIMAL, removeTempProjects, runCli, tempProject } from "../helpers/index.js";

afterAll(removeTempProjects);

/** Issue 22: "Errors: 0, Warnings: 0, and Notes: 0" read as one sentence with an "and" in it. */
describe("finding counts in reports, maps and the index", () => {
  for (const [lang, t] of Object.entries(LANGUAGES)) {
    it(`${lang}: "no findings" when there are none; otherwise the non-zero counts with their labels, never joined by a list's "and"`, () => {
      expect(findingCounts(t, { errorCount: 0, warningCount: 0, infoCount: 0 })).toBe(t.healthy);
      expect(findingCounts(t, { errorCount: 0, warningCount: 2, infoCount: 0 })).toBe(`${t.warnings}: 2`);
      const all = findingCounts(t, { errorCount: 1, warningCount: 12345, infoCount: 3 });
      expect(all.split(COUNT_SEPARATOR).map((part) => part.split(": ")[0])).toEqual([t.errors, t.warnings, t.infos]);
      // The language's own list would put its "and" before the last pair.
      const conjunction = new Intl.ListFormat(lang, { type: "conjunction" })
        .formatToParts(["a", "b"])
        .find((p) => p.type === "literal")!
        .value.trim();
      expect(all).not.toContain(` ${conjunction}`);
      expect(all).toContain(new Intl.NumberFormat(lang).format(12345));
    });
  }

  it("through render: the report's key figures, the map's figures card and the index say the same", async () => {
    const dir = tempProject({
      "clean.journey.yaml": MINIMAL.replace("id: minimal", "id: clean")
        .replace("goal:", "channels: { web: { name: Web, mode: async } }\npersona: { name: P, goals: [g] }\ngoal:")
        .replace("channel: web\n", "channel: web\n        collects: feedback\n"),
      "warned.journey.yaml": MINIMAL.replace("id: minimal", "id: warned").replace("channel: web\n", "channel: web\n        emotion: -1\n"),
    });
    const result = await runCli(["render", "clean.journey.yaml", "warned.journey.yaml", "-o", "docs"], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const figures = (file: string) =>
      readFileSync(join(dir, "docs", file), "utf8")
        .split("\n")
        .find((l) => l.startsWith("| Findings |"));
    expect(figures("clean.md")).toBe("| Findings | no findings |");
    const warned = figures("warned.md")!;
    expect(warned).toMatch(/^\| Findings \| Errors: \d+ · Warnings: \d+ · Notes: \d+ \|$/);
    expect(warned).not.toMatch(/, and| and /);
    const html = readFileSync(join(dir, "docs", "warned.html"), "utf8");
    expect(html).toContain(`<dt>Findings</dt><dd>${warned.slice("| Findings | ".length, -2)}</dd>`);
    expect(readFileSync(join(dir, "docs", "clean.html"), "utf8")).toContain("<dt>Findings</dt><dd>no findings</dd>");
    const index = readFileSync(join(dir, "docs", "index.md"), "utf8");
    const [errors, warnings, notes] = warned.match(/\d+/g)!;
    expect(index).toContain(`| ❌ Errors: ${errors} · ⚠️ Warnings: ${warnings} · ℹ️ Notes: ${notes} |`);
    expect(index).toContain("| ✅ no findings |");
  });
});
