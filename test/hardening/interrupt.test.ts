import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, EXAMPLES, longJourney, tempProject } from "../helpers/index.js";

/**
 * An interrupted render leaves every output file either as it was or as it should become,
 * never partial. The process renders 120 journeys over the output of an earlier render in
 * another language and is signalled as soon as its first new file appears, so the signal lands
 * while it writes: SIGKILL, which no handler sees, stops it at once; SIGINT and SIGTERM are
 * handled after the file being written is complete.
 */
describe("interrupted render", () => {
  const project = tempProject();
  cpSync(join(EXAMPLES, "journey.config.yaml"), join(project, "journey.config.yaml"));
  const source = readFileSync(join(EXAMPLES, "cat-fountain-purchase.journey.yaml"), "utf8");
  for (let i = 0; i < 120; i++) writeFileSync(join(project, `j${i}.journey.yaml`), source.replace("id: cat-fountain-purchase", `id: journey-${i}`));
  // The example continues in the support journey of the examples (a link): it comes along.
  cpSync(join(EXAMPLES, "support-case-handoffs.journey.yaml"), join(project, "support-case-handoffs.journey.yaml"));

  const render = (out: string, lang: string) => execa("node", [BIN, "render", "-o", out, "--lang", lang], { cwd: project, reject: false });
  const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));

  for (const [signal, delay] of [
    ["SIGTERM", 0],
    ["SIGINT", 0],
    ["SIGKILL", 0],
    ["SIGKILL", 20],
  ] as const) {
    it(`${signal}, ${delay} ms after the first new file: every file is old or new`, async () => {
      const old = join(project, `old-${signal}-${delay}`);
      const fresh = join(project, `new-${signal}-${delay}`);
      const target = join(project, `out-${signal}-${delay}`);
      expect((await render(old, "ru")).exitCode).toBe(0);
      expect((await render(fresh, "en")).exitCode).toBe(0);
      expect((await render(target, "ru")).exitCode).toBe(0);
      const before = snapshot(old);
      const after = snapshot(fresh);

      const child = execa("node", [BIN, "render", "-o", target, "--lang", "en"], { cwd: project, reject: false });
      // index.md is written first (files go in name order): wait until it changes.
      const started = Date.now();
      while (readFileSync(join(target, "index.md"), "utf8") === before["index.md"] && Date.now() - started < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill(signal);
      const result = await child;
      expect(result.signal === signal || result.exitCode === { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 }[signal] || result.exitCode === 0).toBe(true);

      const leftovers: string[] = [];
      for (const [name, content] of Object.entries(snapshot(target))) {
        if (name.endsWith(".tmp")) {
          leftovers.push(name);
          continue;
        }
        expect(content === before[name] || content === after[name], `${name} is neither the old nor the new version`).toBe(true);
      }
      if (signal !== "SIGKILL") expect(leftovers).toEqual([]); // the handler removes a temporary file in flight
      if (signal === "SIGKILL" && delay === 0) {
        // Killed mid-way: some files are already new, others still old.
        const names = Object.keys(after).filter((name) => name.endsWith(".md"));
        const current = snapshot(target);
        expect(names.some((name) => current[name] === before[name] && before[name] !== after[name])).toBe(true);
      }
    }, 60_000);
  }
});

/**
 * Review round 3: SIGTERM from `timeout` or a CI job's time limit was ignored while a command was
 * busy (a signal handler runs only when the main thread is free), so a long render finished, and
 * printed its result, minutes after it. Until its first file is written a command sets no handler,
 * and the signal ends it at once, as Node's default does.
 */
describe("interrupted before anything is written", () => {
  it("SIGTERM during a long render ends it at once: by the signal, with no file written", async () => {
    const project = tempProject({ "long.journey.yaml": longJourney(40_000) });
    const child = execa("node", [BIN, "render", "-o", "out", "long.journey.yaml"], { cwd: project, reject: false });
    // The render reads and lays out the journey for seconds before it writes.
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill("SIGTERM");
    const result = await child;
    expect(result.signal).toBe("SIGTERM"); // a handler would have exited with 143 after the work
    expect(result.stdout).toBe("");
    expect(existsSync(join(project, "out"))).toBe(false);
  }, 60_000);
});
