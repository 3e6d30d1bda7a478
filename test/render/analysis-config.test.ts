import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { shellQuote } from "../../src/util/shell-quote.js";
import { BIN, MINIMAL, ROOT, runCli, tempProject } from "../helpers/index.js";

const FIXTURES = join(ROOT, "test", "fixtures", "analyze");
const JOURNEY = readFileSync(join(FIXTURES, "checkout.journey.yaml"), "utf8");
const ANALYSIS = readFileSync(join(FIXTURES, "checkout.analysis.json"), "utf8");
/** The observed flow's edge from the product page to the cart: 780 customers in the fixture. */
const EDGE = /-->\|"780"\|/;
/** The report's text on the observed moves, there only with an analysis. */
const OBSERVED_MOVES = "Every observed move from one step to the next";

/** An analysis like the fixture's, with the cart reached by `count` instead of 780 customers. */
function analysisWith(count: number): string {
  return ANALYSIS.replace(/("from": "views-product",\s*"to": "adds-to-cart",\s*"count": )780/, `$1${count}`);
}

/** Two journeys, checkout's analysis kept in analysis/, and a config naming it by a glob. */
function project(config = "render:\n  out: docs\n  analysis:\n    - analysis/*.json\n") {
  return tempProject({
    "journey.config.yaml": config,
    "checkout.journey.yaml": JOURNEY,
    "minimal.journey.yaml": MINIMAL,
    "analysis/checkout.json": ANALYSIS,
  });
}

const journey = (dir: string, ...args: string[]) => runCli(args, { cwd: dir });

describe("render.analysis: the analysis stays in every render", () => {
  it("render then render --check exit 0, and a plain render keeps the analysis sections and the observed flow", async () => {
    expect(analysisWith(781)).not.toBe(ANALYSIS); // the fixture has the edge this file changes
    const dir = project();
    const first = await journey(dir, "render");
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    const observed = join(dir, "docs", "checkout.observed.mmd");
    expect(readFileSync(observed, "utf8")).toMatch(EDGE);
    const report = readFileSync(join(dir, "docs", "checkout.md"), "utf8");
    expect(report).toContain(OBSERVED_MOVES);

    const check = await journey(dir, "render", "--check");
    expect(check.stdout).toBe("✔ 11 rendered files in docs are up to date");
    expect(check.exitCode).toBe(0);

    // Again, with no option: nothing is dropped.
    const again = await journey(dir, "render");
    expect(again.stdout).toBe("✔ rendered into docs: 0 written, 11 unchanged");
    expect(readFileSync(join(dir, "docs", "checkout.md"), "utf8")).toBe(report);

    // A new analysis in the folder: --check sees the committed flow is stale.
    writeFileSync(join(dir, "analysis", "checkout.json"), analysisWith(781));
    const stale = await journey(dir, "render", "--check");
    expect(stale.stdout).toContain("  stale     docs/checkout.observed.mmd\n");
    expect(stale.exitCode).toBe(1);
  });

  it("takes files as well as globs, relative to the config file, from any working directory", async () => {
    const dir = project("render:\n  out: docs\n  analysis: [analysis/checkout.json]\n");
    const result = await runCli(["render", "--config", join(dir, "journey.config.yaml"), dir], { cwd: ROOT });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, "docs", "checkout.observed.mmd"), "utf8")).toMatch(EDGE);
  });

  it("--analysis replaces the configured analysis of the same journey for that run", async () => {
    const dir = project();
    writeFileSync(join(dir, "other.json"), analysisWith(781));
    const result = await journey(dir, "render", "--analysis", "other.json");
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, "docs", "checkout.observed.mmd"), "utf8")).toContain('-->|"781"|');
  });

  it("deleting the journey and its analysis: render removes the observed flow and --check is clean", async () => {
    const dir = project();
    expect((await journey(dir, "render")).exitCode).toBe(0);
    rmSync(join(dir, "checkout.journey.yaml"));
    rmSync(join(dir, "analysis", "checkout.json"));
    const render = await journey(dir, "render");
    expect(render.stderr).toBe("");
    expect(render.stdout).toContain("  removed   docs/checkout.observed.mmd (no journey renders it any more)\n");
    expect(render.exitCode).toBe(0);
    expect(existsSync(join(dir, "docs", "checkout.observed.mmd"))).toBe(false);
    expect(existsSync(join(dir, "docs", "checkout.md"))).toBe(false);
    const check = await journey(dir, "render", "--check");
    expect(check.stdout).toBe("✔ 6 rendered files in docs are up to date");
    expect(check.exitCode).toBe(0);
  });

  it("an analysis of a journey that no longer exists is an error naming the file, the config entry and the journey; nothing is removed", async () => {
    const dir = project();
    expect((await journey(dir, "render")).exitCode).toBe(0);
    rmSync(join(dir, "checkout.journey.yaml"));
    for (const args of [["render"], ["render", "--check"]]) {
      const result = await journey(dir, ...args);
      expect(result.stderr.split("\n")[0]).toBe(
        "journey: analysis/checkout.json (render.analysis in journey.config.yaml:4:7): the analysis is of journey `checkout`, which is not among the journeys rendered with this config (`minimal`): remove the file from `render.analysis` (or delete it) if the journey is gone, or run `journey analyze` again on the journey it should describe",
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.exitCode).toBe(2);
    }
    expect(existsSync(join(dir, "docs", "checkout.observed.mmd"))).toBe(true);
  });

  it("one bad configured file never stops the others: its journey is kept as it was, the rest is rendered, exit 2", async () => {
    const dir = project();
    expect((await journey(dir, "render")).exitCode).toBe(0);
    const before = readFileSync(join(dir, "docs", "checkout.md"), "utf8");
    writeFileSync(join(dir, "analysis", "broken.json"), "{ not json");
    writeFileSync(join(dir, "analysis", "checkout.json"), ANALYSIS.replace(/"adds-to-cart"/g, '"adds-to-basket"'));
    writeFileSync(join(dir, "minimal.journey.yaml"), MINIMAL.replace("Minimal journey", "Smallest journey"));
    const result = await journey(dir, "render");
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(/^journey: analysis\/broken\.json \(render\.analysis in journey\.config\.yaml:4:7\): not JSON \(/);
    expect(lines[1]).toBe(
      "journey: analysis/checkout.json (render.analysis in journey.config.yaml:4:7): it names step `adds-to-basket`, which journey `checkout` does not have; run `journey analyze` again on the current file",
    );
    expect(lines).toContain("journey: checkout.journey.yaml: not rendered: its analysis analysis/checkout.json cannot be used (see above)");
    expect(result.exitCode).toBe(2);
    expect(readFileSync(join(dir, "docs", "checkout.md"), "utf8")).toBe(before);
    expect(readFileSync(join(dir, "docs", "minimal.md"), "utf8")).toContain("Smallest journey");
  });

  it("a journey with structural errors keeps its files, analysis and all, and its analysis is no error", async () => {
    const dir = project();
    expect((await journey(dir, "render")).exitCode).toBe(0);
    writeFileSync(join(dir, "checkout.journey.yaml"), JOURNEY.replace(/^title: .*$/m, "title: [a list]"));
    const result = await journey(dir, "render");
    expect(result.stderr).toBe("journey: checkout.journey.yaml: not rendered: has structural errors (run `journey lint` to see them)");
    expect(result.exitCode).toBe(1);
    expect(existsSync(join(dir, "docs", "checkout.observed.mmd"))).toBe(true);
  });

  it("each config's analyses apply to the journeys rendered with that config", async () => {
    const dir = tempProject({
      "a/journey.config.yaml": "render:\n  out: docs\n  analysis: [checkout.json]\n",
      "a/checkout.journey.yaml": JOURNEY,
      "a/checkout.json": ANALYSIS,
      "b/journey.config.yaml": "render:\n  out: docs\n",
      "b/minimal.journey.yaml": MINIMAL,
    });
    const both = await journey(dir, "render", "a", "b");
    expect(both.stderr).toBe("");
    expect(both.exitCode).toBe(0);
    expect(existsSync(join(dir, "a", "docs", "checkout.observed.mmd"))).toBe(true);
    // Named by b's config, the analysis is not of a journey b renders.
    writeFileSync(join(dir, "b", "journey.config.yaml"), "render:\n  out: docs\n  analysis: [../a/checkout.json]\n");
    const wrong = await journey(dir, "render", "a", "b");
    expect(wrong.stderr).toMatch(
      /^journey: a\/checkout\.json \(render\.analysis in b\/journey\.config\.yaml:3:14\): the analysis is of journey `checkout`, which is not among the journeys rendered with this config \(`minimal`\)/,
    );
    expect(wrong.exitCode).toBe(2);
  });

  it("a glob that matches nothing yet is fine; a bad render.analysis value is a config error with line and column", async () => {
    const none = project("render:\n  out: docs\n  analysis: [reports/*.json]\n");
    const render = await journey(none, "render");
    expect(render.stderr).toBe("");
    expect(render.exitCode).toBe(0);
    expect(existsSync(join(none, "docs", "checkout.observed.mmd"))).toBe(false);

    const bad = project("render:\n  analysis: analysis.json\n");
    const result = await journey(bad, "render");
    expect(result.stdout + result.stderr).toMatch(/journey\.config\.yaml:2:13/);
    expect(result.exitCode).toBe(2);
  });
});

describe("render --check: its advice reproduces what was checked", () => {
  it.each([
    ["docs/journeys", "docs/journeys"],
    ["out dir", "'out dir'"],
    ["it's", "'it'\\''s'"],
    ["$HOME/*.json", "'$HOME/*.json'"],
    ["`id`;rm -rf x", "'`id`;rm -rf x'"],
    ["", "''"],
  ])("quotes %j for a POSIX shell as %s", (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  it("puts ./ before a path that would read as an option, not before an option's value", () => {
    expect(shellQuote("-x.json", { path: true })).toBe("./-x.json");
    expect(shellQuote("-x")).toBe("-x");
  });

  it("names every option the output was rendered with, quoted for the shell, and running it makes --check pass", async () => {
    const dir = project("render:\n  out: docs\n");
    writeFileSync(join(dir, "it's here.json"), ANALYSIS);
    const options = ["--config", "journey.config.yaml", ".", "-o", "out dir", "--lang", "da", "--analysis", "it's here.json", "--no-map"];
    expect((await journey(dir, "render", ...options)).exitCode).toBe(0);
    writeFileSync(join(dir, "checkout.journey.yaml"), JOURNEY.replace(/^title: .*$/m, "title: A new title"));
    const check = await journey(dir, "render", ...options, "--check");
    expect(check.exitCode).toBe(1);
    const advice = /run `(.*)` and commit the result$/.exec(check.stdout)?.[1];
    expect(advice).toBe("journey render --config journey.config.yaml . -o 'out dir' --lang da --analysis 'it'\\''s here.json' --no-map");
    // The advice, run by a POSIX shell, renders exactly what --check checks (the analysis too).
    const shell = await execa("sh", ["-c", advice!.replace(/^journey /, `node ${BIN} `)], { cwd: dir, reject: false });
    expect(shell.exitCode).toBe(0);
    expect(existsSync(join(dir, "out dir", "checkout.observed.mmd"))).toBe(true);
    const after = await journey(dir, "render", ...options, "--check");
    expect(after.stdout).toMatch(/^✔ \d+ rendered files in out dir are up to date$/);
    expect(after.exitCode).toBe(0);
  });
});
