import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { MINIMAL, parseJson, ROOT, runCli, tempProject } from "../helpers/index.js";

/**
 * Issue 27: a one-file `journey lint` (or `validate`) loads the loader, the schema validator, the
 * model, the rules, lint and the chosen formatter, and nothing else. scripts/bundle.mjs splits the
 * CLI at every `await import()`, so a command wired in src/cli/main.ts that way is outside lint's
 * files by construction; this test catches one that is imported statically instead (and a
 * formatter, a message catalog or a language that comes along with it).
 *
 * How: the CLI runs in a child process with a `--require` hook that records every file it reads;
 * dist/cli/bundles.json (written by scripts/bundle.mjs from esbuild's metafile) names the source
 * modules in each bundle file, so the files read become the modules loaded.
 */

/** Source modules (paths in the package) a one-file lint may load, as prefixes; FORMATTER is added per run. */
const ALLOWED = [
  // wiring: the CLI's options and the lint/validate command
  "dist/cli/main.js",
  "dist/cli/errors.js",
  "dist/cli/run-check.js",
  "dist/cli/project.js",
  "dist/cli/version.js",
  "dist/analyze/formatters/names.js", // analyze's --format choices, a list of names
  "dist/analyze/engines/names.js", // analyze's --engine choices, a list of names
  "dist/report/formatters/index.js", // the formatters by name, each loaded when chosen
  "dist/report/color.js",
  // the checking stages
  "dist/check.js",
  "dist/finding.js",
  "dist/results.js",
  "dist/config/",
  "dist/discover/",
  "dist/load/",
  "dist/validate/", // with the generated validator, dist/validate/generated/
  "dist/model/",
  "dist/rules/",
  "dist/lint/",
  "dist/escape/",
  "dist/util/",
  // packages: YAML, the options, globs, and the runtime of the generated validator (chalk only for
  // colour, in a terminal or with FORCE_COLOR: the report here goes to a pipe, src/report/color.ts)
  "node_modules/yaml/",
  "node_modules/commander/",
  "node_modules/picomatch/",
  "node_modules/ajv/dist/runtime/",
  "node_modules/fast-deep-equal/",
];

/**
 * Node's own modules a one-file lint may load beyond those of a script that prints to stdout with
 * writeSync, as a lint's report is written to a pipe (src/util/stdout.ts): `vm` for the code cache
 * (bin/journey.cjs), `process` (commander imports it by name). Left out on purpose, each was
 * measured in a one-file lint's start (bench/profiles.md): `crypto` (the cache's name is written by
 * the build), `child_process` (commander's, required on first use), `tty` (chalk's colour
 * detection, left out of the bundles), stdout's and stderr's streams, `v8` (which loads the
 * stream modules: a one-file lint does not hold TurboFan, src/util/tiering.ts), `module` (a
 * package's require is made on first use) and `os` (the thread count, needed from two files on).
 */
const ALLOWED_BUILTINS = ["vm", "process"];

/**
 * The `--require` hook: every file the CLI reads (bin/journey.cjs and Node's require both read
 * with readFileSync) and Node's public modules loaded (`process.moduleLoadList`), written at exit.
 */
const HOOK = `
const fs = require("node:fs");
const read = fs.readFileSync;
const seen = new Set();
fs.readFileSync = function (path, ...rest) {
  seen.add(String(path));
  return read.call(this, path, ...rest);
};
process.on("exit", () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ") && !m.startsWith("NativeModule internal/"));
  fs.writeFileSync(process.env.JOURNEY_TEST_LOG, JSON.stringify({ read: [...seen], builtins: builtins.map((m) => m.slice("NativeModule ".length)) }));
});
`;

/** What every script that prints to stdout loads of Node's modules, run as the CLI is. */
const BASELINE = 'require("node:fs").writeSync(1, "baseline\\n");\n';

/** V8's code caches beside the bundles (bin/journey.cjs): data, not modules. */
const CACHE = /\.v8cache$/;

interface Bundle {
  inputs: string[];
}

/** Where a file of the install was loaded from: the source modules in it (a bundle) or the file itself. */
function modulesOf(file: string, bundles: Record<string, Bundle>): { module: string; from: string }[] {
  const path = relative(ROOT, file).replaceAll("\\", "/");
  const name = path.startsWith("dist/cli/") ? path.slice("dist/cli/".length) : undefined;
  if (name !== undefined && bundles[name]) return bundles[name].inputs.map((module) => ({ module, from: path }));
  const at = path.lastIndexOf("node_modules/");
  return [{ module: at >= 0 ? path.slice(at) : path, from: path }];
}

interface HookLog {
  read: string[];
  builtins: string[];
}

/** Runs the CLI with the hook and returns the source modules it loaded, and Node's modules beyond the baseline's. */
async function loadedBy(args: string[]): Promise<{ modules: { module: string; from: string }[]; builtins: string[]; stdout: string; exitCode?: number }> {
  const manifest = join(ROOT, "dist", "cli", "bundles.json");
  if (!existsSync(manifest)) throw new Error("dist/cli/bundles.json is missing: run `npm run build`");
  const bundles = parseJson<Record<string, Bundle>>(readFileSync(manifest, "utf8"));
  const dir = tempProject({ "one.journey.yaml": MINIMAL, "hook.cjs": HOOK, "baseline.cjs": BASELINE, "log.json": "{}" });
  const env = { NODE_OPTIONS: `--require ${join(dir, "hook.cjs")}`, JOURNEY_TEST_LOG: join(dir, "log.json") };
  await execa("node", [join(dir, "baseline.cjs")], { cwd: dir, env: { NO_COLOR: "", FORCE_COLOR: "", ...env }, stdin: "ignore" });
  const baseline = new Set(parseJson<HookLog>(readFileSync(join(dir, "log.json"), "utf8")).builtins);
  const result = await runCli(args, { cwd: dir, env });
  const log = parseJson<HookLog>(readFileSync(join(dir, "log.json"), "utf8"));
  const ours = log.read
    .map((file) => (file.startsWith("file:") ? new URL(file).pathname : file))
    .filter((file) => /^(dist|node_modules)\//.test(relative(ROOT, file)) && !CACHE.test(file));
  return {
    modules: ours.flatMap((file) => modulesOf(file, bundles)),
    builtins: log.builtins.filter((name) => !baseline.has(name)),
    stdout: result.stdout,
    exitCode: result.exitCode,
  };
}

function outsideAllowlist(modules: { module: string; from: string }[], formatter: string): string[] {
  const allowed = [...ALLOWED, `dist/report/formatters/${formatter}.js`];
  return [...new Set(modules.filter(({ module }) => !allowed.some((prefix) => module.startsWith(prefix))).map(({ module, from }) => `${module} (in ${from})`))];
}

const HOW =
  "A one-file lint must load only the loader, the validator, the model, the rules, lint and the chosen formatter. " +
  "Load the module where it is used with `await import()` (as src/cli/main.ts does for each command, and " +
  "src/report/formatters/index.ts for each format): scripts/bundle.mjs makes every dynamic import a file of its own, " +
  "read only when it runs. Only if lint itself needs the module, add it to ALLOWED in test/cli/load-allowlist.e2e.test.ts.";

const HOW_BUILTINS =
  "A one-file lint loads no Node module beyond ALLOWED_BUILTINS in test/cli/load-allowlist.e2e.test.ts (each costs its start-up, " +
  "bench/profiles.md): require it where it is used, inside the function, or make a dependency's require lazy in scripts/bundle.mjs " +
  "as commanderLazyChildProcess does.";

describe("what a one-file lint loads (issue 27)", () => {
  it.each([
    { command: "lint", formatter: "stylish", args: ["lint", "one.journey.yaml"] },
    { command: "validate", formatter: "json", args: ["validate", "one.journey.yaml", "-f", "json"] },
  ])("journey $command loads nothing outside the allowlist", async ({ formatter, args }) => {
    const { modules, builtins, stdout, exitCode } = await loadedBy(args);
    expect(exitCode).toBeLessThan(2);
    expect(stdout).not.toBe("");
    // The hook saw the run: the CLI's entry, the rules or the validator, and the formatter chosen.
    expect(modules.map((m) => m.module)).toEqual(
      expect.arrayContaining(["dist/cli/main.js", "dist/load/parse.js", "dist/validate/schema.js", `dist/report/formatters/${formatter}.js`]),
    );
    const outside = outsideAllowlist(modules, formatter);
    expect(outside, `${outside.join("\n")}\n${HOW}`).toEqual([]);
    const outsideBuiltins = builtins.filter((name) => !ALLOWED_BUILTINS.includes(name));
    expect(outsideBuiltins, `${outsideBuiltins.join("\n")}\n${HOW_BUILTINS}`).toEqual([]);
  });

  it("the allowlist leaves out every other command, formatter, language and message catalog", () => {
    for (const module of [
      "dist/cli/commands/render.js",
      "dist/cli/commands/diff.js",
      "dist/cli/commands/init.js",
      "dist/render/markdown.js",
      "dist/report/formatters/sarif.js",
      "dist/i18n/pl.js",
      "dist/i18n/messages/pl.js",
      "dist/lsp/server.js",
      "dist/cli/lsp.cjs",
      "node_modules/vscode-languageserver/lib/node/main.js",
      "node_modules/chalk/source/index.js",
    ])
      expect(outsideAllowlist([{ module, from: "x" }], "stylish")).toEqual([`${module} (in x)`]);
    for (const builtin of ["crypto", "child_process", "tty", "worker_threads", "v8", "stream", "module", "os", "url"])
      expect(ALLOWED_BUILTINS).not.toContain(builtin);
  });
});
