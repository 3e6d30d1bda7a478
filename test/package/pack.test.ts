import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { OPTIONAL_PACKAGES } from "../../src/util/optional-package.js";
import { chromiumAvailable, parseJson, ROOT, tempProject } from "../helpers/index.js";
import { npm, packTarball } from "../helpers/package.js";

/**
 * The package as users get it: `npm pack`, then `npm install <tarball>` into an empty project
 * with the registry this machine has, no flags and no environment that skips downloads. The
 * install must stay small (a linter's size), run no install script (so it cannot download a
 * browser), and work right away.
 */
const MAX_INSTALL_KB = 15 * 1024;
/** Scripts npm runs when it installs a package from the registry (`prepare` runs only for git and folder installs). */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall"];
type Manifest = {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, object>;
  optionalDependencies?: object;
};
const pkg = parseJson<Manifest>(readFileSync(join(ROOT, "package.json"), "utf8"));

function journey(args: string[], cwd: string) {
  return execa("npx", ["--no-install", "journey", ...args], { cwd, reject: false, stdin: "ignore", env: { NO_COLOR: "1" } });
}

/** `du -sk`, as the size target is stated. */
function duKilobytes(dir: string): number {
  return Number(execFileSync("du", ["-sk", dir], { encoding: "utf8" }).split("\t")[0]);
}

/** Every package.json below node_modules that declares an install-time script. */
function packagesWithInstallScripts(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(".")) continue;
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry.startsWith("@")) {
        visit(path);
        continue;
      }
      const manifest = join(path, "package.json");
      if (existsSync(manifest)) {
        const scripts = parseJson<{ scripts?: Record<string, string> }>(readFileSync(manifest, "utf8")).scripts ?? {};
        const hooks = INSTALL_SCRIPTS.filter((name) => scripts[name] !== undefined);
        if (hooks.length > 0 || existsSync(join(path, "binding.gyp"))) found.push(`${entry} (${hooks.join(", ") || "binding.gyp"})`);
      }
      if (existsSync(join(path, "node_modules"))) visit(join(path, "node_modules"));
    }
  };
  visit(nodeModules);
  return found;
}

describe("the packed package, installed as a user installs it", () => {
  let project: string;
  let tarball: string;
  let install: Awaited<ReturnType<typeof npm>>;

  beforeAll(async () => {
    tarball = await packTarball();
    project = tempProject({ "package.json": JSON.stringify({ name: "user-project", version: "1.0.0", private: true }) });
    install = await npm(["install", tarball], project);
  }, 240_000);

  it("installs from the registry, without install scripts, within 15 MB of node_modules", () => {
    expect(install.exitCode, install.stderr).toBe(0);
    const nodeModules = join(project, "node_modules");
    expect(packagesWithInstallScripts(nodeModules)).toEqual([]);
    // None of the optional packages (browser, engines) comes with a plain install.
    for (const name of Object.keys(OPTIONAL_PACKAGES)) expect(existsSync(join(nodeModules, name)), name).toBe(false);
    const size = duKilobytes(nodeModules);
    console.info(`plain install: ${size} KB of node_modules (limit ${MAX_INSTALL_KB} KB)`);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(MAX_INSTALL_KB);
  });

  it("declares the optional packages as optional peers, with the versions the CLI names", () => {
    for (const [name, version] of Object.entries(OPTIONAL_PACKAGES)) {
      expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true });
      expect(pkg.peerDependencies[name], name).toMatch(new RegExp(`^\\^?${version.replace(/[.]/g, "\\.")}`));
      expect(pkg.devDependencies[name], name).toBe(pkg.peerDependencies[name]);
      expect(pkg.dependencies[name], name).toBeUndefined();
    }
    expect(pkg.optionalDependencies).toBeUndefined();
    // Our own manifest has no install-time script either, not even `prepare` (npm lists it as one).
    expect(Object.keys(pkg.scripts).filter((name) => [...INSTALL_SCRIPTS, "prepare"].includes(name))).toEqual([]);
  });

  it("runs init, lint and render right after the install", async () => {
    const init = await journey(["init"], project);
    expect(init.exitCode, init.stderr).toBe(0);
    // A project's own dependency is run through npx: the commands init prints say so.
    expect(init.stdout).toContain("\n  npx journey lint\n  npx journey render");
    // The editor hint points at the schemas inside the installed package.
    expect(readFileSync(join(project, "first-purchase.journey.yaml"), "utf8")).toContain("$schema=node_modules/journey-maps/schemas/journey.schema.json");
    const lint = await journey(["lint"], project);
    expect(lint.exitCode, lint.stdout + lint.stderr).toBe(0);
    const render = await journey(["render"], project);
    expect(render.exitCode, render.stderr).toBe(0);
    expect(existsSync(join(project, "journey-docs", "first-purchase.md"))).toBe(true);
  });

  it("names the packages to install when images are asked for without them, and writes nothing", async () => {
    const render = await journey(["render", "--image", "svg", "-o", "images-out"], project);
    expect(render.exitCode).toBe(2);
    expect(render.stderr).toContain(`npm install --save-dev puppeteer-core@${OPTIONAL_PACKAGES["puppeteer-core"]} mermaid@${OPTIONAL_PACKAGES.mermaid}`);
    expect(render.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(project, "images-out"))).toBe(false);
  });

  it("names the analytics engine to install, and exits 2, when analyze runs without it", async () => {
    writeFileSync(join(project, "events.csv"), "case_id,activity,timestamp\nc1,buys,2026-01-01T00:00:00Z\n");
    const analyze = await journey(["analyze", "first-purchase.journey.yaml", "--events", "events.csv"], project);
    expect(analyze.exitCode).toBe(2);
    expect(analyze.stderr).toContain(`npm install --save-dev @duckdb/node-api@${OPTIONAL_PACKAGES["@duckdb/node-api"]}`);
    const clickhouse = await journey(
      ["analyze", "first-purchase.journey.yaml", "--engine", "clickhouse", "--url", "http://127.0.0.1:9", "--table", "events"],
      project,
    );
    expect(clickhouse.exitCode).toBe(2);
    expect(clickhouse.stderr).toContain(`npm install --save-dev @clickhouse/client@${OPTIONAL_PACKAGES["@clickhouse/client"]}`);
    expect(analyze.stderr + clickhouse.stderr).not.toMatch(/\n\s+at /);
  });

  it.runIf(chromiumAvailable())(
    "renders images once the optional browser packages are added, still without any download",
    async () => {
      const added = await npm(
        ["install", "--save-dev", `puppeteer-core@${OPTIONAL_PACKAGES["puppeteer-core"]}`, `mermaid@${OPTIONAL_PACKAGES.mermaid}`],
        project,
      );
      expect(added.exitCode, added.stderr).toBe(0);
      expect(packagesWithInstallScripts(join(project, "node_modules"))).toEqual([]);
      const render = await journey(["render", "--image", "svg"], project);
      expect(render.exitCode, render.stderr).toBe(0);
      const svg = readFileSync(join(project, "journey-docs", "first-purchase.flow.svg"), "utf8");
      expect(svg).toContain("<svg");
    },
    300_000,
  );
});
