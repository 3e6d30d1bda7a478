import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJourneyText } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { INERT_FIELDS } from "../../src/validate/inert.js";
import { parseJson, ROOT, runCli, tempProject, type JsonReport } from "../helpers/index.js";

const RULE_FIXTURES = join(ROOT, "test", "fixtures", "rules");
const files = readdirSync(RULE_FIXTURES).flatMap((rule) =>
  readdirSync(join(RULE_FIXTURES, rule))
    .filter((name) => name.endsWith(".journey.yaml"))
    .map((name) => join(RULE_FIXTURES, rule, name)),
);

type Fields = Record<string, unknown>;
/** Sets (or, with `undefined`, removes) every inert field of the model. */
function rewrite(fields: Fields, names: readonly string[], value: (name: string) => unknown) {
  for (const name of names) fields[name] = value(name);
}

describe("the fields the lint may run without (validate/inert.ts)", () => {
  // The lint runs on files whose schema errors are all in these fields, so no rule may read them:
  // every rule fixture must give the same findings whatever they hold.
  for (const [variant, value] of [
    ["changed", (name: string) => (name === "tags" ? ["changed"] : name === "lang" ? "ar" : `changed ${name}`)],
    ["removed", () => undefined],
  ] as const) {
    it(`no rule reads them: every rule fixture gives the same findings with them ${variant}`, () => {
      const config = defaultConfig("/virtual");
      let compared = 0;
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        const plain = lintFile(checkJourneyText(file, text, config), config).findings;
        const checked = checkJourneyText(file, text, config);
        if (!checked.model) continue;
        const { journey } = checked.model;
        rewrite(journey as unknown as Fields, INERT_FIELDS.journey, value);
        for (const stage of journey.stages) rewrite(stage as unknown as Fields, INERT_FIELDS.stage, value);
        for (const step of journey.steps) rewrite(step as unknown as Fields, INERT_FIELDS.step, value);
        expect(lintFile(checked, config).findings, file).toEqual(plain);
        compared += plain.length > 0 ? 1 : 0;
      }
      expect(compared).toBeGreaterThan(30);
    });
  }
});

describe("one run reports everything (built CLI)", () => {
  it("a file whose schema errors are in labels and prose is still linted; one with an error in a field a rule reads is not", async () => {
    // No title, a step without a name, tags that are not a list: nothing a rule reads. The step
    // without a channel is what the lint must still find.
    const labels = `journey: 1
id: labels-broken
tags: returns
goal: { steps: [pays] }
stages:
  - id: s
    steps:
      - id: looks
        channel: web
      - id: pays
        name: Pays
`;
    const read = labels
      .replace("tags: returns\n", "")
      .replace("      - id: looks\n", "      - id: looks\n        emotion: 7\n")
      .replace("id: labels-broken", "id: read-broken");
    const dir = tempProject({ "labels.journey.yaml": labels, "read.journey.yaml": read });
    const result = await runCli(["lint", "--format", "json", "labels.journey.yaml", "read.journey.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const reports = parseJson<JsonReport>(result.stdout);
    const found = (file: string) => reports.find((r) => r.filePath === file)!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    expect(found("labels.journey.yaml")).toEqual([
      "1:1 schema", // the journey is missing `title`
      "2:5 persona-missing",
      "3:7 schema", // tags: a list, not text
      "4:16 feedback-missing",
      "8:9 schema", // the step is missing `name`
      "9:18 channel-unknown",
      "10:13 channel-missing",
    ]);
    // emotion is read by emotion-unaddressed: with it wrong the lint cannot run soundly, so the
    // schema errors (title, name, emotion) are all that is reported.
    expect(found("read.journey.yaml")).toEqual(["1:1 schema", "7:9 schema", "8:18 schema"]);
  });
});
