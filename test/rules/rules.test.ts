import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STRUCTURAL_RULES } from "../../src/finding.js";
import { RULES, RULES_BY_ID } from "../../src/rules/registry.js";
import type { Rule } from "../../src/rules/types.js";
import { fillMessage, type MessageData } from "../../src/util/message-template.js";
import { lint, MINIMAL, ROOT } from "../helpers/index.js";

/**
 * Data-driven rule tests, as markdownlint does them, asserting what ESLint's RuleTester asserts:
 * every rule has a folder test/fixtures/rules/<rule-id>/ with journeys named
 * invalid-*.journey.yaml (the rule must fire) and valid-*.journey.yaml (it must not). The expected
 * findings are written inside the fixture, on the line they are reported at:
 * `# expect: <rule-id>:<column>:<messageId> {"data": "as JSON"}` (several separated by commas;
 * the data is left out for a message without placeholders). The message is rendered from the
 * rule's template with that data and compared whole, so a wrong count or step fails the test.
 */
const FIXTURES = join(ROOT, "test", "fixtures", "rules");
const MARKER = /#\s*expect:\s*(.+)$/;
const ITEM = /^([a-z][a-z0-9-]*):(\d+)(?::(\w+))?(?:\s+(\{.*\}))?$/;

interface Expected {
  line: number;
  column: number;
  messageId?: string;
  data?: MessageData;
}

function expectedFindings(text: string, ruleId: string): Expected[] {
  const expected: Expected[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = MARKER.exec(line);
    if (!match) return;
    // Items are separated by a comma before the next `rule-id:column`.
    for (const item of match[1].trim().split(/,\s*(?=[a-z][a-z0-9-]*:\d)/)) {
      const parts = ITEM.exec(item.trim());
      if (!parts) throw new Error(`line ${i + 1}: cannot read the expectation \`${item}\``);
      const [, id, column, messageId, data] = parts;
      if (id === ruleId) expected.push({ line: i + 1, column: Number(column), messageId, data: data ? (JSON.parse(data) as MessageData) : undefined });
    }
  });
  return expected;
}

const fixturesOf = (id: string) =>
  existsSync(join(FIXTURES, id))
    ? readdirSync(join(FIXTURES, id))
        .filter((f) => f.endsWith(".journey.yaml"))
        .sort()
    : [];
const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8")) as { $defs: { rules: { properties: Record<string, unknown> } } };

describe("every rule is complete", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id} has a doc page, fixtures that fire and fixtures that must not, a schema entry, and a fixture for each message`, () => {
      expect(existsSync(join(ROOT, "docs", "rules", `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      const files = fixturesOf(id);
      expect(
        files.some((f) => /^invalid.*\.journey\.yaml$/.test(f)),
        `${id}: an invalid-*.journey.yaml fixture in test/fixtures/rules/${id}/`,
      ).toBe(true);
      expect(
        files.some((f) => /^valid.*\.journey\.yaml$/.test(f)),
        `${id}: a valid-*.journey.yaml fixture in test/fixtures/rules/${id}/`,
      ).toBe(true);
      expect(schema.$defs.rules.properties[id], `schema entry for ${id} (npm run build regenerates it)`).toBeDefined();
      const rendered = new Set(files.flatMap((file) => expectedFindings(readFileSync(join(FIXTURES, id, file), "utf8"), id).map((e) => e.messageId)));
      for (const messageId of Object.keys(rule.meta.messages))
        expect(rendered.has(messageId), `${id}: a fixture that expects message \`${messageId}\``).toBe(true);
    });
  }
});

describe("rule fixtures", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    for (const file of fixturesOf(id)) {
      it(`${id}: ${file}`, () => {
        const text = readFileSync(join(FIXTURES, id, file), "utf8");
        const result = lint(text);
        const structural = result.findings.filter((f) => (STRUCTURAL_RULES as readonly string[]).includes(f.ruleId) || f.ruleId === "internal");
        expect(structural, "fixtures must be structurally valid").toEqual([]);
        const expected = expectedFindings(text, id);
        if (file.startsWith("invalid")) expect(expected.length, "an invalid fixture marks at least one finding").toBeGreaterThan(0);
        else expect(expected, "a valid fixture marks nothing").toEqual([]);
        const actual = result.findings
          .filter((f) => f.ruleId === id)
          .map((f) => ({ line: f.line, column: f.column, messageId: f.messageId, message: f.message, data: f.data }));
        expect(actual).toEqual(
          expected.map((e) => {
            const template = e.messageId === undefined ? undefined : rule.meta.messages[e.messageId];
            if (template === undefined) throw new Error(`line ${e.line}: write the messageId, one of ${Object.keys(rule.meta.messages).join(", ")}`);
            return { line: e.line, column: e.column, messageId: e.messageId, message: fillMessage(template, e.data, `line ${e.line}`), data: e.data };
          }),
        );
        for (const finding of result.findings.filter((f) => f.ruleId === id)) {
          expect(finding.severity).toBe(text.includes(`${id}: [error`) || text.includes(`${id}: error`) ? "error" : rule.meta.severity);
        }
      });
    }
  }
});

describe("messages", () => {
  it("a placeholder without data is an error, not an empty string", () => {
    expect(() => fillMessage("step `{{stpe}}` has no channel", { step: "pays" }, "test")).toThrow("test: no data for {{stpe}}");
    expect(fillMessage("{{count}} steps, {{name}}", { count: 0, name: "a\nb" }, "test")).toBe("0 steps, a b");
  });

  it("writes plural words, lists of ids and their overflow in English for the terminal", () => {
    const template = "{{count}} {{count|one:branch|other:branches}}: {{ids}}";
    expect(fillMessage(template, { count: 1, ids: ["a"] }, "test")).toBe("1 branch: `a`");
    expect(fillMessage(template, { count: 0, ids: [] }, "test")).toBe("0 branches: none");
    expect(fillMessage(template, { count: 7, ids: ["a", "b", "c", "d", "e", "f", "g"] }, "test")).toBe("7 branches: `a`, `b`, `c`, `d`, `e` and 2 more");
  });

  it("a rule that renders a misspelt placeholder gets an internal finding, not a silent blank", () => {
    const broken = {
      ...RULES[0],
      meta: { ...RULES[0].meta, messages: Object.fromEntries(Object.keys(RULES[0].meta.messages).map((k) => [k, "{{misspelt}}"])) },
    };
    const registry = RULES as Rule[];
    registry.splice(0, 1, broken);
    try {
      const findings = lint(MINIMAL.replace("        channel: web\n", "")).findings;
      expect(findings.map((f) => f.ruleId)).toContain("internal");
      expect(findings.find((f) => f.ruleId === "internal")!.message).toContain("no data for {{misspelt}}");
    } finally {
      registry.splice(0, 1, RULES_BY_ID.get(broken.meta.id)!);
    }
  });
});
