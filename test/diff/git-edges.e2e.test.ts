import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/index.js";
import { ORDER } from "./helpers.js";

/** The CLI without FORCE_COLOR (execa, which runs git, warns when NO_COLOR and FORCE_COLOR are both set). */
const cli = (args: string[], cwd: string) => runCli(args, { cwd, env: { FORCE_COLOR: undefined } });

function git(dir: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always", ...args],
    { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** A repository in `dir` with one commit of `files`. */
function repository(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  write(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "first");
  return dir;
}

const SECRET = "gho_0123456789abcdefSECRET";

describe("journey diff: the working tree follows no link out of the repository (issue 23, item 5)", () => {
  it("an added journey that links to a file outside is not read, and stderr names it", async () => {
    const outside = tempProject({ "token.txt": `${SECRET}\n` });
    const dir = repository(join(tempProject(), "repo"), { "order.journey.yaml": ORDER });
    symlinkSync(join(outside, "token.txt"), join(dir, "gh.journey.yaml"));
    for (const format of ["stylish", "json", "markdown"]) {
      const run = await cli(["diff", "HEAD", "--format", format], dir);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(run.stderr).toContain("journey: gh.journey.yaml: not compared: a symbolic link in the working tree");
      expect(run.exitCode).toBe(0);
    }
    const json = JSON.parse((await cli(["diff", "HEAD", "--format", "json"], dir)).stdout) as { journeys: unknown[] };
    expect(json.journeys).toEqual([]);
  });

  it("a committed journey replaced by a link is not read either; the other files are still compared", async () => {
    const outside = tempProject({ "token.yaml": `id: ${SECRET}\n` });
    const dir = repository(join(tempProject(), "repo"), {
      "a.journey.yaml": ORDER,
      "b.journey.yaml": ORDER.replace("id: order", "id: other"),
    });
    execFileSync("rm", [join(dir, "a.journey.yaml")]);
    symlinkSync(join(outside, "token.yaml"), join(dir, "a.journey.yaml"));
    write(dir, { "b.journey.yaml": ORDER.replace("id: order", "id: other").replace("name: Pays", "name: Pays online") });
    const run = await cli(["diff", "HEAD", "--format", "json"], dir);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stderr).toContain("journey: a.journey.yaml: not compared: a symbolic link in the working tree");
    const json = JSON.parse(run.stdout) as { journeys: { id: string }[] };
    expect(json.journeys.map((j) => j.id)).toEqual(["other"]);
  });

  it("two files named on the command line are read as given, links or not (the user named them)", async () => {
    const dir = tempProject({ "real.journey.yaml": ORDER, "new.journey.yaml": ORDER.replace("name: Pays", "name: Pays online") });
    symlinkSync(join(dir, "real.journey.yaml"), join(dir, "old.journey.yaml"));
    const run = await cli(["diff", "old.journey.yaml", "new.journey.yaml", "--format", "json"], dir);
    expect(run.stderr).toBe("");
    expect((JSON.parse(run.stdout) as { journeys: { id: string }[] }).journeys.map((j) => j.id)).toEqual(["order"]);
  });
});

describe("journey diff: repositories without commits, and submodules (issue 23, item 15)", () => {
  it("a repository with no commits says so, and what to do", async () => {
    const dir = join(tempProject(), "fresh");
    mkdirSync(dir);
    git(dir, "init", "-q", "-b", "main");
    write(dir, { "order.journey.yaml": ORDER });
    for (const revision of ["HEAD", "main"]) {
      const run = await cli(["diff", revision], dir);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`has no commits yet, so there is no \`${revision}\` to compare with: commit the journeys first`);
      expect(run.stderr).not.toContain("unknown revision");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a changed submodule is named on stderr: its journeys are not compared", async () => {
    const root = tempProject();
    const sub = repository(join(root, "maps"), { "s.journey.yaml": ORDER });
    const dir = repository(join(root, "app"), { "order.journey.yaml": ORDER });
    git(dir, "submodule", "add", "-q", sub, "vendor/maps");
    git(dir, "commit", "-q", "-m", "submodule");
    write(join(dir, "vendor/maps"), { "s.journey.yaml": ORDER.replace("name: Pays", "name: Pays online") });
    const note =
      "journey: submodule `vendor/maps` changed, and its journeys are not compared: journey diff does not enter submodules (run it inside `vendor/maps`)";

    const working = await cli(["diff", "HEAD"], dir);
    expect(working.exitCode).toBe(0);
    expect(working.stderr.trim()).toBe(note);

    const added = await cli(["diff", "HEAD~1", "HEAD", "--format", "json"], dir);
    expect(added.stderr.trim()).toBe(note);
    expect((JSON.parse(added.stdout) as { journeys: unknown[] }).journeys).toEqual([]);

    // An unchanged submodule is not mentioned.
    const unchanged = await cli(["diff", "HEAD", "--", "order.journey.yaml"], dir);
    expect(unchanged.stderr).toBe("");
  });
});
