/**
 * Node's `createRequire(url)`, with `node:module` taken when first called instead of imported:
 * importing it loads Node's ES module loader and source maps, 1.5 M instructions of every run
 * (bench/profiles.md), for the few runs that resolve a package from the installed bundle (an
 * optional package, picomatch, yaml under the tests).
 */
export function requireFrom(url: string | URL): NodeJS.Require {
  return process.getBuiltinModule("node:module").createRequire(url);
}
