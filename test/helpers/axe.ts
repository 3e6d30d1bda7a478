import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser } from "puppeteer-core";

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeResult {
  /** How many checks passed: more than a handful shows axe really ran. */
  passes: number;
  /** The violations of serious or critical impact, with up to three of the elements each. */
  serious: { id: string; impact: string; targets: string[] }[];
}

/**
 * axe-core over one page in Chromium. The pages' Content-Security-Policy lets no other script run,
 * so the test's own tool is let in by bypassing it for this page only.
 */
export async function runAxe(browser: Browser, url: string): Promise<AxeResult> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const { passes, violations } = await page.evaluate(async () => {
      const result = await (
        globalThis as unknown as {
          axe: { run(): Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe.run();
      return {
        passes: result.passes.length,
        violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })),
      };
    });
    return { passes, serious: violations.filter((v) => v.impact === "serious" || v.impact === "critical") };
  } finally {
    await page.close();
  }
}
