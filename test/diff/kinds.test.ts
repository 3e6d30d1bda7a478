import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig, loadConfigText } from "../../src/config/load.js";
import { CHANGE_KINDS } from "../../src/diff/kinds.js";
import { failsOn } from "../../src/diff/summary.js";
import { parseJson, ROOT } from "../helpers/index.js";
import { CASES } from "./cases.js";
import { brief, diffTexts, edit, ORDER } from "./helpers.js";

describe("every change kind, with its exact kind, severity and line", () => {
  it.each(CASES)("$name", (testCase) => {
    // A case without `base` changes ORDER; `base: undefined` is a journey that did not exist.
    const diff = diffTexts("base" in testCase ? testCase.base : ORDER, testCase.head);
    expect(brief(diff)).toEqual(testCase.expected);
    for (const kind of testCase.kinds) expect(diff.changes.map((c) => c.kind)).toContain(kind);
  });

  it("the cases cover every kind of the table", () => {
    const covered = new Set(CASES.flatMap((c) => c.kinds));
    expect(CHANGE_KINDS.map((kind) => kind.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("identical versions have no changes", () => {
    const diff = diffTexts(ORDER, ORDER);
    expect(diff.status).toBe("unchanged");
    expect(diff.changes).toEqual([]);
  });

  it("the impact figures of both versions", () => {
    const head = ORDER.replace(
      "      - id: asks\n",
      "      - id: reads-faq\n        name: Reads the FAQ\n        channel: web\n        emotion: -2\n      - id: asks\n",
    );
    expect(diffTexts(ORDER, head).impact).toEqual({
      path_to_goal: { before: 6, after: 7 },
      contacts: { before: 1, after: 1 },
      handoffs: { before: 1, after: 1 },
      channels: { before: 2, after: 2 },
      emotion_low: { before: 0, after: -2 },
      emotion_avg: { before: 0.67, after: 0 },
      goal_reached: { before: 400, after: 400 },
    });
    expect(diffTexts(ORDER, head.replace("{ reached: 400 }", "{ reached: 380 }")).impact.goal_reached).toEqual({ before: 400, after: 380 });
    expect(diffTexts(ORDER, head.replace("        metrics: { reached: 400 }\n", "")).impact.goal_reached).toEqual({ before: 400, after: null });
    expect(diffTexts(undefined, ORDER).impact.path_to_goal).toEqual({ before: null, after: 6 });
  });
});

describe("severities", () => {
  const inserted = ORDER.replace("      - id: asks\n", "      - id: reads-faq\n        name: Reads the FAQ\n        channel: web\n      - id: asks\n");

  it("the config's diff: section overrides a kind's severity, or switches it off", () => {
    const config = { ...defaultConfig("/virtual"), diff: { "step-added": "off", "emotion-worse": "error" } as const };
    expect(brief(diffTexts(ORDER, inserted.replace("        emotion: 0\n", "        emotion: -1\n"), config))).toEqual(["emotion-worse error 21"]);
  });

  it("the config file's diff: section is read and checked against the kinds", () => {
    const ok = loadConfigText("/virtual/journey.config.yaml", "diff:\n  step-removed: error\n  finding-new: [warning]\n");
    expect(ok.config?.diff).toEqual({ "step-removed": "error", "finding-new": "warning" });
    const bad = loadConfigText("/virtual/journey.config.yaml", "diff:\n  step-vanished: error\n");
    expect(bad.problems?.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(["schema 2:3"]);
  });

  it("--fail-on: error by default fails only on new errors; warning and info fail on more; never never", () => {
    const result = (head: string) => ({ base: { name: "a", commit: null }, head: { name: "b", commit: null }, journeys: [diffTexts(ORDER, head)] });
    const warningOnly = result(ORDER.replace("        emotion: 0\n", "        emotion: -2\n"));
    expect(["error", "warning", "info", "never"].map((level) => failsOn(warningOnly, level as "error"))).toEqual([false, true, true, false]);
    const newError = result(
      ORDER.replace("        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n"),
    );
    expect(failsOn(newError, "error")).toBe(true);
    const infoOnly = result(ORDER.replace("name: Compares offers", "name: Compares three offers"));
    expect(["error", "warning", "info"].map((level) => failsOn(infoOnly, level as "error"))).toEqual([false, false, true]);
  });
});

describe("a fact reported once", () => {
  const lost = edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n");
  const asks = (diff: ReturnType<typeof diffTexts>) =>
    diff.changes.filter((c) => c.step === "asks" && !c.kind.startsWith("edge-")).map((c) => `${c.kind} ${c.severity}`);

  it("a contact that loses its answer: the new touchpoint-unanswered finding carries it, not contact-unanswered too", () => {
    expect(asks(diffTexts(ORDER, lost))).toEqual(["finding-new error"]);
  });

  it("the finding change takes the more severe of the two, so --fail-on fails exactly as it did with both", () => {
    const asWarning = (text: string) => text.replace("journey: 1\n", "journey: 1\nrules: { touchpoint-unanswered: warning }\n");
    const config = (diff: Record<string, "off" | "info" | "warning" | "error">) => ({ ...defaultConfig("/virtual"), diff });
    expect(asks(diffTexts(asWarning(ORDER), asWarning(lost)))).toEqual(["finding-new warning"]);
    expect(asks(diffTexts(asWarning(ORDER), asWarning(lost), config({ "contact-unanswered": "error" })))).toEqual(["finding-new error"]);
    // A new finding that no change reports leaves the contact change standing.
    expect(asks(diffTexts(ORDER, lost, config({ "finding-new": "off" })))).toEqual(["contact-unanswered warning"]);
    expect(asks(diffTexts(ORDER, lost, config({ "contact-unanswered": "off" })))).toEqual(["finding-new error"]);
  });

  it("a removed response: the step removed, and the contact left unanswered once", () => {
    const removed = edit(
      ORDER,
      "      - id: answers\n        name: Answers the question\n        type: response\n        answers: asks\n        channel: chat\n",
      "",
    );
    const diff = diffTexts(ORDER, removed);
    // `forwards` -> `decides`, which now bypasses the removed step, comes with the removal.
    expect(brief(diff)).toEqual(["finding-new(touchpoint-unanswered) error 24", "step-removed warning base:32"]);
    expect(diff.changes.map((c) => c.kind)).not.toContain("contact-unanswered");
  });
});

describe("the kinds table is the contract", () => {
  it("the config schema lists every kind, with its default", () => {
    const schema = parseJson<{ properties: { diff: { properties: Record<string, { description: string }> } } }>(
      readFileSync(join(ROOT, "schemas", "journey-config.schema.json"), "utf8"),
    );
    const properties = schema.properties.diff.properties;
    expect(Object.keys(properties)).toEqual(CHANGE_KINDS.map((kind) => kind.id));
    for (const kind of CHANGE_KINDS)
      expect(properties[kind.id].description).toContain(kind.severity === "finding" ? "the finding's own severity" : `Default: ${kind.severity}.`);
  });

  it("docs/diff.md documents every kind with its default severity", () => {
    const page = readFileSync(join(ROOT, "docs", "diff.md"), "utf8");
    for (const kind of CHANGE_KINDS) {
      const severity = kind.severity === "finding" ? "the finding's" : kind.severity;
      expect(page, kind.id).toMatch(new RegExp(`^\\| \`${kind.id}\` \\| ${severity}`, "m"));
    }
  });

  it("docs/formats.md documents the JSON of journey diff", () => {
    const page = readFileSync(join(ROOT, "docs", "formats.md"), "utf8");
    for (const key of ["path_to_goal", "emotion_avg", '"kind"', '"before"', '"status"']) expect(page).toContain(key);
  });
});
