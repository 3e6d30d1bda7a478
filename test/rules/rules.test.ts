import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/registry.js";
import { lint, ROOT } from "../helpers/index.js";

/**
 * Data-driven rule tests, as markdownlint does them: every rule has a folder
 * test/fixtures/rules/<rule-id>/ with journeys named invalid-*.journey.yaml (the rule must fire)
 * and valid-*.journey.yaml (it must not). The expected findings are written inside the fixture,
 * on the line they are reported at: `# expect: <rule-id>:<column>` (several separated by commas).
 */
const FIXTURES = join(ROOT, "test", "fixtures", "rules");
const MARKER = /#\s*expect:\s*(.+)$/;

function expectedFindings(text: string, ruleId: string) {
  const expected: { line: number; column: number }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = MARKER.exec(line);
    if (!match) return;
    for (const item of match[1].split(",")) {
      const [id, column] = item.trim().split(":");
      if (id === ruleId) expected.push({ line: i + 1, column: Number(column) });
    }
  });
  return expected;
}

describe("every rule is complete", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id} has a doc page, fixtures that fire and fixtures that must not, and a schema entry`, () => {
      expect(existsSync(join(ROOT, "docs", "rules", `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      const dir = join(FIXTURES, id);
      expect(existsSync(dir), `test/fixtures/rules/${id}/`).toBe(true);
      const files = readdirSync(dir);
      expect(files.some((f) => /^invalid.*\.journey\.yaml$/.test(f)), `${id}: an invalid-*.journey.yaml fixture`).toBe(true);
      expect(files.some((f) => /^valid.*\.journey\.yaml$/.test(f)), `${id}: a valid-*.journey.yaml fixture`).toBe(true);
      const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8")) as { $defs: { rules: { properties: Record<string, unknown> } } };
      expect(schema.$defs.rules.properties[id], `schema entry for ${id}`).toBeDefined();
      for (const messageId of Object.keys(rule.meta.messages)) expect(rule.meta.messages[messageId].length).toBeGreaterThan(10);
    });
  }
});

describe("rule fixtures", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    const dir = join(FIXTURES, id);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".journey.yaml")).sort()) {
      it(`${id}: ${file}`, () => {
        const text = readFileSync(join(dir, file), "utf8");
        const result = lint(text);
        const structural = result.findings.filter((f) => ["syntax", "schema", "duplicate-id", "unknown-reference"].includes(f.ruleId));
        expect(structural, "fixtures must be structurally valid").toEqual([]);
        const expected = expectedFindings(text, id);
        if (file.startsWith("invalid")) expect(expected.length, "an invalid fixture marks at least one finding").toBeGreaterThan(0);
        else expect(expected, "a valid fixture marks nothing").toEqual([]);
        const actual = result.findings.filter((f) => f.ruleId === id).map((f) => ({ line: f.line, column: f.column }));
        expect(actual).toEqual(expected);
        for (const finding of result.findings.filter((f) => f.ruleId === id)) {
          expect(finding.severity).toBe(text.includes(`${id}: [error`) || text.includes(`${id}: error`) ? "error" : rule.meta.severity);
          expect(finding.message).not.toMatch(/\{\{/);
        }
      });
    }
  }
});
