import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/registry.js";
import { ROOT } from "../helpers/index.js";
import { generateValidators, journeySchemaWithRules } from "../../scripts/build-schemas.mjs";
import { REGISTRY, registrySource } from "../../scripts/build-rules.mjs";
import { RULE_TABLES, rulesTable, withRulesTable } from "../../scripts/update-goldens.mjs";

describe("generated schema parts and validators are current (run `npm run build` after a change)", () => {
  it("the journey schema lists every rule of the registry with its options", () => {
    const committed = readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8");
    expect(committed === journeySchemaWithRules(RULES), "schemas/journey.schema.json is stale").toBe(true);
    const schema = JSON.parse(committed) as { $defs: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.$defs.rules.properties).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it("the precompiled validators match the schemas", () => {
    const generated = generateValidators() as Record<string, string>;
    for (const [name, code] of Object.entries(generated)) {
      const committed = readFileSync(join(ROOT, "src", "validate", "generated", name), "utf8");
      expect(committed === code, `${name} is stale`).toBe(true);
    }
  });

  it("the rule registry lists every rule file of src/rules/", () => {
    expect(readFileSync(REGISTRY, "utf8") === registrySource(), "src/rules/registry.ts is stale").toBe(true);
  });

  it("the rule tables of the docs list every rule (npm run update-goldens)", () => {
    for (const { file, pagePrefix } of RULE_TABLES) {
      const committed = readFileSync(join(ROOT, file), "utf8");
      expect(committed === withRulesTable(committed, rulesTable(RULES, pagePrefix), file), `the rule table in ${file} is stale`).toBe(true);
    }
  });
});
