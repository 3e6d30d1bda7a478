import { cpSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { parseJson, ROOT, tempProject } from "./index.js";

/** npm with a clean environment: nothing of the test run (npm_config_* of `npm test`) leaks in. */
export function npm(args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && !/PUPPETEER/i.test(key)));
  return execa("npm", args, { cwd, env: { ...env, NO_COLOR: "1" }, extendEnv: false, reject: false, stdin: "ignore" });
}

/** Packs the project as `npm publish` would and returns the tarball's path. `npm test` has just built dist/. */
export async function packTarball(): Promise<string> {
  const dir = tempProject();
  const packed = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dir], ROOT);
  if (packed.exitCode !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  return join(dir, parseJson<{ filename: string }[]>(packed.stdout)[0].filename);
}

/** The V8 code caches bin/journey.cjs keeps beside the bundle of an install. */
export const caches = (dir: string) => readdirSync(join(dir, "dist", "cli")).filter((name) => name.endsWith(".v8cache"));

/** A copy of the installed package (bin, dist, package.json; links to node_modules and schemas) without caches, beside `files`. */
export function copyInstall(files: Record<string, string> = {}): string {
  const dir = tempProject(files);
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(ROOT, "schemas"), join(dir, "schemas"));
  for (const name of caches(dir)) rmSync(join(dir, "dist", "cli", name));
  return dir;
}
