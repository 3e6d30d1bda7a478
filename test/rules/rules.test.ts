import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/config/load.js";
import { STRUCTURAL_RULES, type Finding } from "../../src/finding.js";
import { projectFiles } from "../../src/discover/project-files.js";
import { checkFiles } from "../../src/lint/run-files.js";
import { RULES, RULES_BY_ID } from "../../src/rules/registry.js";
import { isProjectRule, type AnyRule, type Rule } from "../../src/rules/types.js";
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
 * A project-level rule (`meta.scope: "project"`) has folders instead, invalid-<case>/ and
 * valid-<case>/, each a project (a journey.config.yaml and journeys) linted whole, with the
 * expectations in any of its files (the config's too).
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

const fixturesOf = (rule: AnyRule) => {
  const dir = join(FIXTURES, rule.meta.id);
  if (!existsSync(dir)) return [];
  const project = isProjectRule(rule);
  return readdirSync(dir)
    .filter((f) => (project ? statSync(join(dir, f)).isDirectory() : f.endsWith(".journey.yaml")))
    .sort();
};

/** The files of a project fixture and the findings of a whole-project lint of it, by file. */
async function lintProjectFixture(dir: string): Promise<{ file: string; text: string; findings: Finding[] }[]> {
  const load = loadConfigFile(join(dir, "journey.config.yaml"));
  if (!load.config) throw new Error(`${dir}: the fixture's config has errors`);
  const files = projectFiles([], load.config, load.config.dir).files;
  const reports = await checkFiles(files, load.config, { lint: true, project: true, concurrency: 1 }, dir);
  return [...files, load.config.path!].map((file) => ({
    file,
    text: readFileSync(file, "utf8"),
    findings: reports.find((r) => r.filePath === file)?.findings ?? [],
  }));
}

const expectedMessage = (rule: AnyRule, e: Expected) => {
  const template = e.messageId === undefined ? undefined : rule.meta.messages[e.messageId];
  if (template === undefined) throw new Error(`line ${e.line}: write the messageId, one of ${Object.keys(rule.meta.messages).join(", ")}`);
  return { line: e.line, column: e.column, messageId: e.messageId, message: fillMessage(template, e.data, `line ${e.line}`), data: e.data };
};
const actualOf = (findings: readonly Finding[], id: string) =>
  findings.filter((f) => f.ruleId === id).map((f) => ({ line: f.line, column: f.column, messageId: f.messageId, message: f.message, data: f.data }));
const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8")) as { $defs: { rules: { properties: Record<string, unknown> } } };

describe("every rule is complete", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id} has a doc page, fixtures that fire and fixtures that must not, a schema entry, and a fixture for each message`, () => {
      expect(existsSync(join(ROOT, "docs", "rules", `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      const files = fixturesOf(rule);
      const [invalid, valid, kind] = isProjectRule(rule)
        ? [/^invalid-[^.]+$/, /^valid-[^.]+$/, "folder (a project: journey.config.yaml and journeys)"]
        : [/^invalid.*\.journey\.yaml$/, /^valid.*\.journey\.yaml$/, "journey.yaml fixture"];
      expect(
        files.some((f) => invalid.test(f)),
        `${id}: an invalid-* ${kind} in test/fixtures/rules/${id}/`,
      ).toBe(true);
      expect(
        files.some((f) => valid.test(f)),
        `${id}: a valid-* ${kind} in test/fixtures/rules/${id}/`,
      ).toBe(true);
      expect(schema.$defs.rules.properties[id], `schema entry for ${id} (npm run build regenerates it)`).toBeDefined();
      const texts = isProjectRule(rule)
        ? files.flatMap((folder) => readdirSync(join(FIXTURES, id, folder)).map((f) => readFileSync(join(FIXTURES, id, folder, f), "utf8")))
        : files.map((file) => readFileSync(join(FIXTURES, id, file), "utf8"));
      const rendered = new Set(texts.flatMap((text) => expectedFindings(text, id).map((e) => e.messageId)));
      for (const messageId of Object.keys(rule.meta.messages))
        expect(rendered.has(messageId), `${id}: a fixture that expects message \`${messageId}\``).toBe(true);
    });
  }
});

describe("rule fixtures", () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    if (isProjectRule(rule)) {
      for (const folder of fixturesOf(rule)) {
        it(`${id}: ${folder}/ (a whole project)`, async () => {
          const files = await lintProjectFixture(join(FIXTURES, id, folder));
          const structural = files.flatMap(({ findings }) =>
            findings.filter((f) => (STRUCTURAL_RULES as readonly string[]).includes(f.ruleId) || f.ruleId === "internal"),
          );
          expect(structural, "fixtures must be structurally valid").toEqual([]);
          const expected = files.flatMap(({ text }) => expectedFindings(text, id));
          if (folder.startsWith("invalid")) expect(expected.length, "an invalid fixture marks at least one finding").toBeGreaterThan(0);
          else expect(expected, "a valid fixture marks nothing").toEqual([]);
          for (const { file, text, findings } of files) {
            expect(actualOf(findings, id), file).toEqual(expectedFindings(text, id).map((e) => expectedMessage(rule, e)));
            for (const finding of findings.filter((f) => f.ruleId === id)) expect(finding.severity).toBe(rule.meta.severity);
          }
        });
      }
      continue;
    }
    for (const file of fixturesOf(rule)) {
      it(`${id}: ${file}`, () => {
        const text = readFileSync(join(FIXTURES, id, file), "utf8");
        const result = lint(text);
        const structural = result.findings.filter((f) => (STRUCTURAL_RULES as readonly string[]).includes(f.ruleId) || f.ruleId === "internal");
        expect(structural, "fixtures must be structurally valid").toEqual([]);
        const expected = expectedFindings(text, id);
        if (file.startsWith("invalid")) expect(expected.length, "an invalid fixture marks at least one finding").toBeGreaterThan(0);
        else expect(expected, "a valid fixture marks nothing").toEqual([]);
        expect(actualOf(result.findings, id)).toEqual(expected.map((e) => expectedMessage(rule, e)));
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
    const first = RULES[0] as Rule;
    const broken = {
      ...first,
      meta: { ...first.meta, messages: Object.fromEntries(Object.keys(first.meta.messages).map((k) => [k, "{{misspelt}}"])) },
    };
    const registry = RULES as AnyRule[];
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
