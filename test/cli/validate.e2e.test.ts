import { existsSync, readFileSync, symlinkSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, MINIMAL, ROOT, runCli, tempProject, parseJson, type JsonReport } from "../helpers/index.js";

const BROKEN = MINIMAL.replace("        channel: web\n", "        chanel: web\n");

describe("journey validate (end to end, built binary)", () => {
  it("passes valid files with exit 0 and a summary", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL });
    const result = await runCli(["validate"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("✔ 1 file checked: no problems");
    expect(result.stderr).toBe("");
  });

  it("reports an invalid file with a code frame and exit 1", async () => {
    const dir = tempProject({ "bad.journey.yaml": BROKEN });
    const result = await runCli(["validate", "bad.journey.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      [
        "bad.journey.yaml:10:9  error  unknown key `chanel`; did you mean `channel`?  schema",
        "  10 |         chanel: web",
        "     |         ^~~~~~",
        "",
        "✖ 1 problem (1 error) in 1 of 1 file",
        "  1 problem can be fixed with `journey lint --fix`",
      ].join("\n"),
    );
  });

  it("still checks and reports the good file next to a bad one", async () => {
    const dir = tempProject({ "good.journey.yaml": MINIMAL, "bad.journey.yaml": BROKEN, "empty.journey.yaml": "" });
    const result = await runCli(["validate", ".", "--format", "json"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; errorCount: number }[];
    expect(report.map((r) => [r.filePath, r.errorCount])).toEqual([
      ["bad.journey.yaml", 1],
      ["empty.journey.yaml", 1],
      ["good.journey.yaml", 0],
    ]);
  });

  it("exits 2 for a path that does not exist, and still checks the others", async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL });
    const result = await runCli(["validate", "missing/", "a.journey.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey: no journey files found for `missing/`");
    expect(result.stdout).toContain("1 file checked: no problems");
  });

  it("exits 2 when a folder has no journey files", async () => {
    const dir = tempProject({ "notes.yaml": "a: 1\n" });
    const result = await runCli(["validate"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("no journey files found for `.`");
  });

  it("walks folders and globs, skipping node_modules, .git, ignored files and symlink loops", async () => {
    const dir = tempProject({
      "journey.config.yaml": 'ignore: ["**/drafts/**"]\n',
      "maps/a.journey.yaml": MINIMAL,
      "maps/deep/b.journey.yml": MINIMAL.replace("id: minimal", "id: b"),
      "maps/drafts/c.journey.yaml": "broken: [",
      "maps/node_modules/d.journey.yaml": "broken: [",
      "maps/.git/e.journey.yaml": "broken: [",
      "maps/readme.yaml": "broken: [",
    });
    symlinkSync(join(dir, "maps"), join(dir, "maps", "deep", "loop"));
    const folder = await runCli(["validate", "maps", "-f", "json"], { cwd: dir });
    expect(folder.exitCode).toBe(0);
    expect((JSON.parse(folder.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["maps/a.journey.yaml", "maps/deep/b.journey.yml"]);
    const glob = await runCli(["validate", "maps/**/*.journey.yml", "-f", "json"], { cwd: dir });
    expect(glob.exitCode).toBe(0);
    expect((JSON.parse(glob.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["maps/deep/b.journey.yml"]);
  });

  it("uses the config's include when no paths are given", async () => {
    const dir = tempProject({
      "journey.config.yaml": 'include: ["docs/*.journey.yaml"]\n',
      "docs/a.journey.yaml": MINIMAL,
      "other/b.journey.yaml": "broken: [",
    });
    mkdirSync(join(dir, "sub"));
    const result = await runCli(["validate", "-f", "json"], { cwd: join(dir, "sub") });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(["../docs/a.journey.yaml"]);
  });

  it("reports config errors with their position and exits 2", async () => {
    const dir = tempProject({ "journey.config.yaml": "extends: recomended\n", "a.journey.yaml": MINIMAL });
    const result = await runCli(["validate"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "journey.config.yaml:1:10  error  `extends` must be one of recommended, strict, none, not `recomended`; did you mean `recommended`?  schema",
    );
    expect(result.stdout).toBe("");
  });

  it("exits 2 for a --config that does not exist and for an unknown option", async () => {
    const missing = await runCli(["validate", "--config", "nope.yaml"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe("journey: config file not found: nope.yaml");
    const unknown = await runCli(["validate", "--formt", "json"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--formt'");
    expect(unknown.stderr).toContain("--format");
  });

  it("writes the report atomically with --output-file", async () => {
    const dir = tempProject({ "a.journey.yaml": BROKEN });
    const result = await runCli(["validate", "-f", "json", "-o", "out/report.json"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(parseJson<JsonReport>(readFileSync(join(dir, "out", "report.json"), "utf8"))[0].messages[0].ruleId).toBe("schema");
  });

  it("colours output only when asked", async () => {
    const dir = tempProject({ "bad.journey.yaml": BROKEN });
    const forced = await runCli(["validate"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[31m");
    const noColor = await runCli(["validate", "--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    const plain = await runCli(["validate"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
  });
});

describe("journey init, schema, help and version", () => {
  it("init writes a config and a journey that validate clean, and refuses to overwrite", async () => {
    const dir = tempProject();
    const first = await runCli(["init"], { cwd: dir });
    expect(first.exitCode).toBe(0);
    expect(existsSync(join(dir, "journey.config.yaml"))).toBe(true);
    expect(existsSync(join(dir, "first-purchase.journey.yaml"))).toBe(true);
    // The config's pointer to the format reference names the package as npm knows it, and a file the package ships.
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; files: string[] };
    const config = readFileSync(join(dir, "journey.config.yaml"), "utf8");
    expect(config).toContain(`# Format reference: docs/format.md in the ${pkg.name} package (\`npm ls ${pkg.name}\` shows where it is installed).`);
    expect(pkg.files).toContain("docs");
    expect(existsSync(join(ROOT, "docs", "format.md"))).toBe(true);
    const validate = await runCli(["validate"], { cwd: dir });
    expect(validate.stdout).toBe("✔ 1 file checked: no problems");
    expect(validate.exitCode).toBe(0);
    const again = await runCli(["init"], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("already exist");
  });

  // How journey was started decides the commands init prints: they must work where it ran.
  const started: { name: string; files?: Record<string, string>; link?: string; command: string }[] = [
    {
      name: "installed globally, in a project that does not list it",
      files: { "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "left-pad": "1" } }) },
      command: "journey",
    },
    {
      name: "a project whose package.json lists journey-maps",
      files: { "package.json": JSON.stringify({ name: "p", private: true, devDependencies: { "journey-maps": "^0.1.0" } }), "docs/.keep": "" },
      command: "npx journey",
    },
    { name: "a project's node_modules/.bin (npx, npm scripts)", link: "node_modules/.bin/journey", command: "npx journey" },
    { name: "npx's cache, nothing installed", link: "cache/_npx/1a2b/node_modules/.bin/journey", command: "npx journey-maps" },
  ];
  for (const { name, files, link, command } of started) {
    it(`init prints commands that work where it ran: ${name}`, async () => {
      const dir = tempProject(files);
      const cwd = files?.["docs/.keep"] !== undefined ? join(dir, "docs") : dir;
      let script = BIN;
      if (link) {
        script = join(dir, link);
        mkdirSync(dirname(script), { recursive: true });
        symlinkSync(BIN, script);
      }
      const result = await execa("node", [script, "init"], { cwd, reject: false, env: { NO_COLOR: "" } });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toBe(
        `Wrote journey.config.yaml and first-purchase.journey.yaml.\nNext: edit the journey, then check it and write its report:\n  ${command} lint\n  ${command} render`,
      );
      expect(readFileSync(join(cwd, "first-purchase.journey.yaml"), "utf8")).toContain(`# Check it with \`${command} lint\``);
    });
  }

  it("schema prints the journey schema, or the config schema", async () => {
    const journey = await runCli(["schema"]);
    expect(journey.exitCode).toBe(0);
    expect(parseJson<{ title: string }>(journey.stdout).title).toBe("Customer journey");
    const config = await runCli(["schema", "--config"]);
    expect(parseJson<{ title: string }>(config.stdout).title).toBe("journey project config");
  });

  it("--help lists the commands with examples; command help has examples", async () => {
    const help = await runCli(["--help"]);
    expect(help.exitCode).toBe(0);
    for (const command of ["validate", "init", "schema"]) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain("Examples:");
    const validateHelp = await runCli(["validate", "--help"]);
    expect(validateHelp.exitCode).toBe(0);
    expect(validateHelp.stdout).toContain("journey validate --format json -o report.json");
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result.stdout).toBe(pkg.version);
    expect(result.exitCode).toBe(0);
  });
});
