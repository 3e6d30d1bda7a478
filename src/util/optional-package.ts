import { requireFrom } from "./require-from.js";

/**
 * Packages that only some commands need, declared as optional peer dependencies in package.json so
 * that a plain install (what `lint` needs) stays small and never downloads a browser. Each maps to
 * the version a user should add; test/package keeps these in step with package.json.
 */
export const OPTIONAL_PACKAGES = {
  "puppeteer-core": "24",
  mermaid: "11",
  "@duckdb/node-api": "1.5.6-r.1",
  "@clickhouse/client": "1",
} as const;

export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/** A command needs optional packages that are not installed: printed as is, exit 2. */
export class MissingPackageError extends Error {
  constructor(
    readonly packages: readonly OptionalPackage[],
    purpose: string,
  ) {
    const list = packages.join(" and ");
    const install = packages.map((name) => `${name}@${OPTIONAL_PACKAGES[name]}`).join(" ");
    super(
      `${purpose} needs ${list}, which ${packages.length === 1 ? "is" : "are"} not installed. Install ${packages.length === 1 ? "it" : "them"} beside journey-maps: npm install --save-dev ${install}`,
    );
    this.name = "MissingPackageError";
  }
}

// Resolved from the installed bundle (dist/cli/), so a package in the user's project is found;
// made on first use (most runs load no optional package).
let made: NodeJS.Require | undefined;
const ownRequire = (): NodeJS.Require => (made ??= requireFrom(import.meta.url));

function installed(name: string): boolean {
  try {
    ownRequire().resolve(`${name}/package.json`);
    return true;
  } catch {
    // Some packages do not export package.json; their main entry is the next best check.
    try {
      ownRequire().resolve(name);
      return true;
    } catch {
      return false;
    }
  }
}

/** Throws MissingPackageError naming every package of `names` that is missing. */
export function requireInstalled(names: readonly OptionalPackage[], purpose: string): void {
  const missing = names.filter((name) => !installed(name));
  if (missing.length > 0) throw new MissingPackageError(missing, purpose);
}

/** Loads an optional package with require (the bundle is a classic script: no import()). */
export function loadOptional<T>(name: OptionalPackage, purpose: string): T {
  requireInstalled([name], purpose);
  return ownRequire()(name) as T;
}
