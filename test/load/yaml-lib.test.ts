import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// The yaml package is loaded only when the subset reader declines a text: a lint of clean
// journeys never evaluates it (src/load/yaml-lib.ts). Here every load of it is counted.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/load/yaml-lib.ts", async (original) => {
  const real = await original<typeof import("../../src/load/yaml-lib.ts")>();
  return {
    yamlLib: () => {
      loads.count++;
      return real.yamlLib();
    },
  };
});

// The setup file has loaded parse.ts already (through the helpers): load it again, with the mock.
vi.resetModules();
const { parseYaml, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NODES } = await import("../../src/load/parse.js");
const limits = { maxAliases: DEFAULT_MAX_ALIASES, maxNodes: DEFAULT_MAX_NODES, maxFileSize: 10_000_000 };

describe("loading yaml", () => {
  it("is not needed for the examples and their config, nor for their findings' positions", () => {
    for (const file of ["examples/journey.config.yaml", "examples/saas-trial.journey.yaml", "examples/cat-fountain-purchase.journey.yaml"]) {
      const parsed = parseYaml(readFileSync(file, "utf8"), limits);
      expect(parsed.findings).toEqual([]);
      parsed.locator.span(["id"]);
      parsed.locator.span(["stages", 0, "steps", 0, "no-such-key"], "key");
    }
    expect(loads.count).toBe(0);
  });

  it("happens for a text the subset leaves to yaml, which reports the mistake", () => {
    const parsed = parseYaml("journey: 1\nid: a\n  title: b\n", limits);
    expect(parsed.findings.map((f) => f.ruleId)).toEqual(["syntax"]);
    expect(loads.count).toBeGreaterThan(0);
  });
});
