// Build step after `tsc` and the schemas: bundles the CLI into one CommonJS file,
// dist/cli/journey.cjs, which bin/journey.cjs loads with a V8 code cache.
// Why: most of a short run (`journey lint` on one file) was spent resolving and compiling about
// a hundred ES modules; one script is read once, and on Node 20 only a classic script can reuse
// V8's compiled code between runs (Node 22's module.enableCompileCache covers ES modules too).
// The bundle sits in dist/cli/ so that the paths it resolves relative to itself (package.json,
// schemas/, the generated validator) are the same as for dist/cli/main.js. The lint's worker
// threads get a bundle of their own, dist/cli/lint-worker.cjs.
// Puppeteer and Mermaid, loaded only to draw images, stay outside it, and so does the generated
// validator: it is loaded through createRequire, which esbuild leaves alone (bundling it too was
// measured no faster).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "cli");

// Code caches of earlier bundles (bin/journey.cjs names them after the bundle) are dead weight
// (as is Node 22's compile cache of them, which bin/journey.cjs keeps in compile-cache/).
for (const name of readdirSync(out)) if (name.endsWith(".v8cache") || name === "compile-cache") rmSync(join(out, name), { recursive: true, force: true });

/**
 * One CommonJS bundle. execa, which `journey diff` runs git with, is bundled on its own into
 * dist/cli/execa.cjs and required only by that command: a quarter of a megabyte that every
 * `journey lint` would otherwise read and deserialize (measured: +17 ms cold start).
 */
async function bundleFile(entry, outfile) {
  const result = await build({
    ...entry,
    outfile: join(out, outfile),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // saxes reads XES logs for analyze only: a dependency, loaded with createRequire when an XES log is read.
    external: ["puppeteer-core", "mermaid", "@duckdb/node-api", "@clickhouse/client", "saxes"],
    // import.meta does not exist in CommonJS; the bundle's own URL stands in for it.
    define: { "import.meta.url": "__journeyModuleUrl" },
    banner: { js: 'const __journeyModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    legalComments: "none",
    logLevel: "warning",
    write: false,
  });
  // bin/journey.cjs runs the bundle through vm.Script, where import() has no loader: fail the build
  // rather than the user's render.
  const [bundle] = result.outputFiles;
  if (/\bimport\(/.test(bundle.text)) throw new Error(`scripts/bundle.mjs: ${outfile} still has a dynamic import(); load that module with require`);
  // esbuild writes ASCII (it escapes other characters), so bin/journey.cjs reads the bundle as
  // Latin-1, which skips UTF-8 decoding; make sure that stays true.
  if (bundle.contents.some((byte) => byte > 0x7f)) throw new Error(`scripts/bundle.mjs: ${outfile} is not ASCII; bin/journey.cjs reads it as Latin-1`);
  writeFileSync(bundle.path, bundle.contents);
}

await bundleFile({ entryPoints: [join(root, "dist", "cli", "main.js")] }, "journey.cjs");
// The lint's worker threads start from their own, smaller bundle: the checking stages only.
await bundleFile({ entryPoints: [join(root, "dist", "lint", "worker.js")] }, "lint-worker.cjs");
// journey lsp's server, with vscode-languageserver: required by that command alone, so lint's
// cold start does not read it.
await bundleFile({ entryPoints: [join(root, "dist", "lsp", "server.js")] }, "lsp.cjs");
await bundleFile({ stdin: { contents: 'export { execa } from "execa";', resolveDir: root, sourcefile: "execa-entry.js" } }, "execa.cjs");

// One lint of the examples leaves a code cache that covers loading, checking and reporting, so
// the first real run is already fast.
if (existsSync(join(root, "examples", "journey.config.yaml"))) {
  try {
    execFileSync(process.execPath, [join(root, "bin", "journey.cjs"), "lint", "--config", "examples/journey.config.yaml", "examples"], {
      cwd: root,
      stdio: "ignore",
    });
  } catch {
    // findings or a read-only folder: the cache is an optimisation, never a build failure
  }
}
