import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/registry.js";
import { parseJson, runCli } from "../helpers/index.js";

type Listing = {
  id: string;
  description: string;
  severity: { recommended: string; strict: string };
  options: Record<string, { default: number }>;
  docs: string;
  scope: string;
}[];

describe("journey rules", () => {
  it("lists every rule of the registry with its default severity, options and docs, as JSON", async () => {
    const result = await runCli(["rules", "--format", "json"]);
    expect(result.exitCode).toBe(0);
    const listing = parseJson<Listing>(result.stdout);
    expect(listing.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const { meta } of RULES) {
      const rule = listing.find((r) => r.id === meta.id)!;
      expect(rule.description).toBe(meta.description);
      expect(rule.severity).toEqual({ recommended: meta.severity, strict: "error" });
      expect(Object.fromEntries(Object.entries(rule.options).map(([name, spec]) => [name, spec.default]))).toEqual(
        Object.fromEntries(Object.entries(meta.options ?? {}).map(([name, spec]) => [name, spec.default])),
      );
      expect(rule.docs).toMatch(new RegExp(`/docs/rules/${meta.id}\\.md$`));
      expect(rule.scope).toBe(meta.scope ?? "journey");
    }
  });

  it("prints a table in the terminal format, one line per rule with options shown", async () => {
    const result = await runCli(["rules"]);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split("\n");
    for (const { meta } of RULES)
      expect(lines.some((line) => line.startsWith(`${meta.id} `) && line.includes(meta.severity) && line.includes(meta.description))).toBe(true);
    expect(result.stdout).toContain("max=0.5"); // drop-off-high's option and its default
    expect(result.stdout).toContain(`${RULES.length} rules.`);
  });

  it("writes a Markdown table, and is listed in journey --help", async () => {
    const markdown = await runCli(["rules", "-f", "markdown"]);
    expect(markdown.stdout.split("\n").filter((line) => line.startsWith("| [`"))).toHaveLength(RULES.length);
    const help = await runCli(["--help"]);
    expect(help.stdout).toMatch(/^\s+rules \[options\]\s+list the lint rules/m);
  });
});
