import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MINIMAL, parseJson, runCli, tempProject } from "../helpers/index.js";

type Report = { filePath: string; messages: { ruleId: string; message: string }[] }[];

/**
 * Config lookup as Prettier and ESLint's flat config do it: each journey file gets the nearest
 * journey.config.yaml above its own folder, up to the repository root; configs never merge.
 */
const persona = (id: string) => MINIMAL.replace("title: Minimal journey", `title: Minimal journey\npersona: ${id}`).replace("id: minimal", `id: ${id}-journey`);
const config = (personaId: string, out: string, lang = "en") =>
  `personas:\n  ${personaId}: { name: ${personaId}, goals: [Buys] }\nchannels:\n  web: { name: Website, mode: async }\nrender:\n  out: ${out}\n  lang: ${lang}\n`;

function project() {
  return tempProject({
    // Two teams, two configs with different catalogs: each journey only passes with its own.
    "team-a/journey.config.yaml": config("alice", "docs-a"),
    "team-a/flows/a.journey.yaml": persona("alice"),
    "team-b/journey.config.yaml": config("bob", "../docs-b", "pl"),
    "team-b/b.journey.yaml": persona("bob"),
    // No config anywhere above: the defaults (no persona catalog, so the persona is unknown).
    "loose/c.journey.yaml": persona("carol"),
  });
}

describe("config lookup per journey file", () => {
  it("checks each file with its nearest config in one run, and a file with none with the defaults", async () => {
    const dir = project();
    const run = await runCli(["lint", "--format", "json", "team-a", "team-b", "loose"], { cwd: dir });
    const results = parseJson<Report>(run.stdout);
    const rules = (name: string) => results.find((r) => r.filePath.endsWith(name))!.messages.map((m) => m.ruleId);
    expect(rules("a.journey.yaml")).not.toContain("unknown-reference");
    expect(rules("b.journey.yaml")).not.toContain("unknown-reference");
    expect(rules("c.journey.yaml")).toContain("unknown-reference");
    expect(run.exitCode).toBe(1);
  });

  it("--config applies one config to every file", async () => {
    const dir = project();
    const run = await runCli(["lint", "--format", "json", "--config", "team-a/journey.config.yaml", "team-a", "team-b"], { cwd: dir });
    const results = parseJson<Report>(run.stdout);
    const b = results.find((r) => r.filePath.endsWith("b.journey.yaml"))!;
    expect(b.messages.find((m) => m.ruleId === "unknown-reference")?.message).toContain("persona `bob`");
  });

  it("stops at the repository root: a config above the .git folder does not apply", async () => {
    const dir = tempProject({ "journey.config.yaml": config("dora", "docs"), "repo/d.journey.yaml": persona("dora") });
    mkdirSync(join(dir, "repo", ".git"));
    const inside = await runCli(["lint", "--format", "json", "d.journey.yaml"], { cwd: join(dir, "repo") });
    expect(parseJson<Report>(inside.stdout)[0].messages.map((m) => m.ruleId)).toContain("unknown-reference");
  });

  it("--print-config names the config a file gets", async () => {
    const dir = project();
    const a = parseJson<{ config: string | null }>((await runCli(["lint", "--print-config", "team-a/flows/a.journey.yaml"], { cwd: dir })).stdout);
    expect(a.config).toBe(join(dir, "team-a", "journey.config.yaml"));
    const c = parseJson<{ config: string | null }>((await runCli(["lint", "--print-config", "loose/c.journey.yaml"], { cwd: dir })).stdout);
    expect(c.config).toBeNull();
  });

  it("renders each journey into its own config's render.out, in its language, and -o gathers them", async () => {
    const dir = project();
    const run = await runCli(["render", "team-a", "team-b"], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(dir, "team-a", "docs-a", "alice-journey.md"))).toBe(true);
    expect(existsSync(join(dir, "docs-b", "bob-journey.md"))).toBe(true);
    expect(readFileSync(join(dir, "docs-b", "index.md"), "utf8")).toContain("# Mapy ścieżek klienta");
    expect((await runCli(["render", "--check", "team-a", "team-b"], { cwd: dir })).exitCode).toBe(0);
    const gathered = await runCli(["render", "-o", "all", "team-a", "team-b"], { cwd: dir });
    expect(gathered.exitCode, gathered.stderr).toBe(0);
    expect(["alice-journey.md", "bob-journey.md", "index.md"].every((name) => existsSync(join(dir, "all", name)))).toBe(true);
  });

  it("reports a broken config of any file and exits 2", async () => {
    const dir = project();
    const broken = tempProject({ "x/journey.config.yaml": "extends: nonsense\n", "x/e.journey.yaml": persona("erin") });
    const run = await runCli(["lint", join(broken, "x"), "team-a"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("the config has errors");
  });
});

describe("config files under other names", () => {
  const json = JSON.stringify({ personas: { alice: { name: "Alice", goals: ["Buys"] } }, channels: { web: { name: "Website", mode: "async" } } }, null, "\t");
  it("reads journey.config.json like journey.config.yaml, with line and column in its errors", async () => {
    const dir = tempProject({ "journey.config.json": json, "a.journey.yaml": persona("alice") });
    const clean = await runCli(["lint", "-f", "json"], { cwd: dir });
    expect(clean.exitCode).toBe(0);
    expect(clean.stderr).toBe("");
    const broken = tempProject({ "journey.config.json": '{\n  "rules": { "dead-endd": "off" }\n}\n', "a.journey.yaml": MINIMAL });
    const result = await runCli(["lint"], { cwd: broken });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^journey\.config\.json:2:14 {2}error {2}unknown key `dead-endd`; did you mean `dead-end`\?/m);
  });

  it("says once that a second config in the same folder and a package.json `journey` key are not read", async () => {
    const dir = tempProject({
      "journey.config.yaml": config("alice", "docs"),
      "journey.config.json": "{}",
      "package.json": JSON.stringify({ name: "shop", journey: { rules: { "dead-end": "off" } } }),
      "a.journey.yaml": persona("alice"),
      "b/b.journey.yaml": persona("alice").replace("alice-journey", "b-journey"),
    });
    const result = await runCli(["lint"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      "journey: journey.config.json ignored: journey.config.yaml in the same folder is the config that is read",
      'journey: package.json has a "journey" key, which journey does not read: move those settings to journey.config.yaml in the same folder',
    ]);
    // A package.json without the key is nobody's business.
    const plain = tempProject({ "package.json": JSON.stringify({ name: "shop" }), "a.journey.yaml": MINIMAL });
    expect((await runCli(["lint"], { cwd: plain })).stderr).toBe("");
  });
});
