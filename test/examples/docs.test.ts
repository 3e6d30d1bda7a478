import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint, ROOT } from "../helpers/index.js";

describe("docs/format.md", () => {
  it("its complete example is a valid journey that lints clean", () => {
    const page = readFileSync(join(ROOT, "docs", "format.md"), "utf8");
    const block = /<!-- format-example:start -->\n```yaml\n([\s\S]*?)```\n<!-- format-example:end -->/.exec(page);
    expect(block).not.toBeNull();
    const result = lint(block![1], { teams: { support: { name: "Support" }, logistics: { name: "Logistics" }, "cx-team": { name: "CX" } } });
    expect(result.findings.map((f) => `${f.line}: ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
