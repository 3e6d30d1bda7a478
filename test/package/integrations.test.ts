import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { MINIMAL, parseJson, preCommitAvailable, ROOT, runCli, tempProject } from "../helpers/index.js";
import { packTarball } from "../helpers/package.js";

/**
 * The GitHub Action (action.yml -> integrations/github-action.sh) and the pre-commit hooks
 * (.pre-commit-hooks.yaml -> integrations/pre-commit.sh), run as their hosts run them, with the
 * packed tarball standing in for the published package of the same version.
 */
const CONFIG = "personas:\n  buyer: { name: Buyer, goals: [Buys] }\nchannels:\n  web: { name: Website, mode: async }\n";
const CLEAN = MINIMAL.replace("title: Minimal journey", "title: Minimal journey\npersona: buyer");
const WITH_ERROR = CLEAN.replace("channel: web", "channel: web\n        next: [nowhere]");
const WITH_WARNING = CLEAN.replace("channel: web", "channel: web\n        emotion: -1"); // emotion-unaddressed
let tarball: string;

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { steps: { run: string; env: Record<string, string> }[] };
}
const readYaml = <T>(...path: string[]) => parse(readFileSync(join(ROOT, ...path), "utf8")) as T;

beforeAll(async () => {
  tarball = await packTarball();
}, 120_000);

function runAction(project: string, inputs: Record<string, string>) {
  const summary = join(project, "summary.md");
  const env: Record<string, string> = {
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: join(project, ".runner"),
    GITHUB_STEP_SUMMARY: summary,
    JOURNEY_PACKAGE: tarball,
    NO_COLOR: "1",
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] = value;
  const action = readYaml<Action>("action.yml");
  // The one step of the composite action: the same command line, with the inputs as its env.
  const step = action.runs.steps[0];
  expect(Object.keys(step.env).sort()).toEqual(
    Object.keys(action.inputs)
      .map((name: string) => `INPUT_${name.toUpperCase().replace(/-/g, "_")}`)
      .sort(),
  );
  return execa("bash", ["-c", step.run], { cwd: project, env, reject: false, stdin: "ignore" }).then((run) => ({
    ...run,
    summary: existsSync(summary) ? readFileSync(summary, "utf8") : "",
  }));
}

describe("the GitHub Action", () => {
  it("annotates findings, writes the job summary and SARIF, and fails on errors", async () => {
    const project = tempProject({ "journey.config.yaml": CONFIG, "journeys/broken.journey.yaml": WITH_ERROR });
    const run = await runAction(project, { paths: "journeys", sarif: "journey.sarif" });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^::error file=journeys\/broken\.journey\.yaml,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=unknown-reference::/m);
    expect(run.summary).toContain("unknown-reference");
    const sarif = parseJson<{ version: string; runs: { results: { ruleId: string }[] }[] }>(readFileSync(join(project, "journey.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain("unknown-reference");
  }, 120_000);

  it("passes a clean project, honours max-warnings, and checks the rendered reports", async () => {
    const project = tempProject({ "journey.config.yaml": CONFIG, "a.journey.yaml": WITH_WARNING });
    const clean = await runAction(project, {});
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
    // The config's default out folder does not exist yet: render-check fails and says why.
    const stale = await runAction(project, { "render-check": "true" });
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toMatch(/missing\s+journey-docs\/minimal\.md/);
    expect((await runCli(["render"], { cwd: project })).exitCode).toBe(0);
    expect((await runAction(project, { "render-check": "true" })).exitCode).toBe(0);
    const strict = await runAction(project, { "max-warnings": "0" });
    expect(strict.stdout).toMatch(/^::warning file=a\.journey\.yaml,.*title=emotion-unaddressed::/m);
    expect(strict.exitCode).toBe(1);
  }, 180_000);
});

describe("the pre-commit hooks", () => {
  it.runIf(preCommitAvailable())(
    "run through pre-commit itself: lint fails on a broken journey, render-check on stale reports",
    async () => {
      const project = tempProject({ "journey.config.yaml": CONFIG, "good.journey.yaml": CLEAN, "bad.journey.yaml": WITH_ERROR });
      const git = (...args: string[]) => execFileSync("git", args, { cwd: project, stdio: "pipe" });
      git("init", "-q");
      git("add", ".");
      const env = {
        PRE_COMMIT_HOME: join(project, ".pre-commit-cache"),
        JOURNEY_PACKAGE: tarball,
        NO_COLOR: "1",
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@t",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@t",
      };
      const tryRepo = (hook: string, files: string[]) =>
        execa("pre-commit", ["try-repo", ROOT, hook, "--files", ...files], { cwd: project, env, reject: false, stdin: "ignore" });
      const good = await tryRepo("journey-lint", ["good.journey.yaml"]);
      expect(good.exitCode, good.stdout + good.stderr).toBe(0);
      const bad = await tryRepo("journey-lint", ["bad.journey.yaml"]);
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toContain("unknown-reference");
      const render = await tryRepo("journey-render-check", ["good.journey.yaml"]);
      expect(render.exitCode).toBe(1);
      expect(render.stdout).toContain("out of date");
    },
    240_000,
  );
});

describe("the examples of both", () => {
  it("use only inputs the action has and hooks the repository defines", () => {
    const action = readYaml<Action>("action.yml");
    const workflow = readYaml<{ jobs: Record<string, { steps: { uses?: string; with?: object }[] }> }>("examples", "ci", "github-workflow.yml");
    const uses = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith("journey-maps/journey@"));
    expect(uses).toHaveLength(1);
    for (const input of Object.keys(uses[0].with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    const hooks = readYaml<{ id: string }[]>(".pre-commit-hooks.yaml").map((hook) => hook.id);
    const config = readYaml<{ repos: { hooks: { id: string }[] }[] }>("examples", "ci", "pre-commit-config.yaml");
    expect(config.repos[0].hooks.map((hook) => hook.id)).toEqual(hooks);
  });
});
