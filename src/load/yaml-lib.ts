import { requireFrom } from "../util/require-from.js";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded when first asked for: journeys and configs the subset reader takes
 * (load/yaml-subset.ts) never need it, so a lint of clean files does not evaluate its 72 modules.
 * In the CLI's bundles esbuild turns the `require` below into a call to the bundled copy, at this
 * place (the code stays in the bundle and its code cache); under Node's ES module loader (dist/
 * as tsc writes it) there is no `require`, and the package is required from node_modules.
 */
export function yamlLib(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require esbuild bundles in place, evaluated on first use
  loaded ??= typeof require === "function" ? (require("yaml") as typeof Yaml) : (requireFrom(import.meta.url)("yaml") as typeof Yaml);
  return loaded;
}
