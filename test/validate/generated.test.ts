import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/index.js";
// @ts-expect-error: a plain ESM build script without types
import { generateValidators } from "../../scripts/build-validators.mjs";

describe("precompiled schema validators", () => {
  it("match the published schemas (run `npm run build` after editing schemas/)", () => {
    const generated = generateValidators() as Record<string, string>;
    for (const [name, code] of Object.entries(generated)) {
      const committed = readFileSync(join(ROOT, "src", "validate", "generated", name), "utf8");
      expect(committed === code, `${name} is stale`).toBe(true);
    }
  });
});
