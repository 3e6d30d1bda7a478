import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The package's name on npm: what `npx` fetches when journey is not installed. */
const PACKAGE = "journey-maps";
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

/**
 * How the user runs journey where they ran this, for the commands a message tells them to type:
 * `npx journey-maps` from npx's cache (nothing installed), `npx journey` for a project's own
 * dependency (started from its node_modules/.bin, as npx and npm scripts do, or listed in the
 * nearest package.json: `journey` alone is not on the shell's PATH there), else `journey`, a
 * global install. `script` is the path the process was started with (process.argv[1]), which
 * Node keeps as given: a link in node_modules/.bin stays that path.
 */
export function journeyCommand(cwd: string, script: string | undefined): string {
  const parts = (script ?? "").split(/[\\/]/);
  if (parts.includes("_npx")) return `npx ${PACKAGE}`;
  if (parts.some((part, i) => part === "node_modules" && parts[i + 1] === ".bin")) return "npx journey";
  return listedInProject(cwd) ? "npx journey" : "journey";
}

/** Whether the nearest package.json above `cwd` lists journey among its dependencies. */
function listedInProject(cwd: string): boolean {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
        return DEPENDENCY_FIELDS.some((field) => {
          const deps = json[field];
          return typeof deps === "object" && deps !== null && Object.prototype.hasOwnProperty.call(deps, PACKAGE);
        });
      } catch {
        return false; // a broken package.json is npm's to report, not init's
      }
    }
    if (dirname(dir) === dir) return false;
  }
}
