// Build step after `tsc` and the schemas: bundles the CLI into CommonJS files in dist/cli/, which
// bin/journey.cjs loads with a V8 code cache.
// Why bundles: most of a short run (`journey lint` on one file) was spent resolving and compiling
// about a hundred ES modules; a few scripts are read at once, and bin/journey.cjs keeps V8's
// compiled code of each between runs (on Node 20 only a classic script can have it; on Node 22 too
// this was faster than Node's own compile cache: bench/profiles.md).
// Why split: a one-file lint must not read, hash and deserialize the code of commands it does not
// run (render, the map, diff, preview, analyze, five message catalogs: 0.7 MB of 1.1). Every
// `await import()` in src/ is a split point: esbuild bundles the CLI as ES modules with code
// splitting, so each dynamically imported module becomes a file of its own (`render-<hash>.cjs`,
// `json-<hash>.cjs`, ...) and code that two of them share goes into a chunk (`chunk-<hash>.cjs`)
// that both require; then each file is turned into CommonJS. Every module is in exactly one file,
// so a class (UsageError and `instanceof`) or a cache exists once, however many files are loaded.
// A new command wired in src/cli/main.ts with `await import()` is outside lint's files by
// construction; test/cli/load-allowlist.e2e.test.ts fails when a static import pulls one in.
// The files sit in dist/cli/ so that the paths they resolve relative to themselves (package.json,
// schemas/, the generated validator) are the same as for dist/cli/main.js. The lint's worker
// threads get a bundle of their own, dist/cli/lint-worker.cjs.
// Puppeteer and Mermaid, loaded only to draw images, stay outside it. The generated validator is
// bundled with the checking stages, so its 300 KB are in the code cache rather than parsed by V8
// on every run (measured with callgrind: 6% of a one-file lint's instructions).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build, transform } from "esbuild";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "cli");

// Earlier bundles (their names change with their content) and their code caches (bin/journey.cjs
// names them after the bundle; builds before 2026-12 let Node 22 keep its own in compile-cache/)
// are dead weight. Every .cjs file in dist/cli/ is this script's: tsc writes .js.
for (const name of readdirSync(out))
  if (name.endsWith(".cjs") || name.endsWith(".v8cache") || name === "compile-cache" || name === "bundles.json")
    rmSync(join(out, name), { recursive: true, force: true });

/**
 * yaml's parser asks `process.env.LOG_TOKENS` (a debugging switch) for every token it reads, and
 * Node answers each read with a call into C++ (getenv): 17.6% of the samples of a one-thread lint
 * of corpus (a) were that line. In our bundles the variable is read once, when yaml's parser
 * module loads; setting LOG_TOKENS still logs every token. The build fails if a new yaml no
 * longer has the line, so that this is looked at again rather than silently kept.
 */
const yamlEnvOnce = {
  name: "yaml-env-once",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async ({ path }) => {
      const text = readFileSync(path, "utf8");
      const declaration = "var node_process = require('process');";
      if (!text.includes(declaration) || !text.includes("node_process.env.LOG_TOKENS"))
        throw new Error(`scripts/bundle.mjs: ${path} no longer reads process.env.LOG_TOKENS as expected; check yamlEnvOnce`);
      const contents = text
        .replaceAll("node_process.env.LOG_TOKENS", "logTokens")
        .replace(declaration, `${declaration}\nconst logTokens = node_process.env.LOG_TOKENS;`);
      return { contents, loader: "js" };
    });
  },
};

/**
 * commander requires `child_process` when it loads, for executable subcommands (`git-foo`
 * style), which journey does not have: loading it (with `net`, `dgram` and the stream modules it
 * pulls in) was about 1.3 ms of every run. In our bundles it is required on first use instead.
 * The build fails if commander no longer requires it as expected or uses more of it than `spawn`.
 */
const commanderLazyChildProcess = {
  name: "commander-lazy-child-process",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async ({ path }) => {
      const text = readFileSync(path, "utf8");
      const declaration = "const childProcess = require('node:child_process');";
      const uses = new Set([...text.matchAll(/childProcess\.(\w+)/g)].map((match) => match[1]));
      if (!text.includes(declaration) || uses.size !== 1 || !uses.has("spawn"))
        throw new Error(`scripts/bundle.mjs: ${path} no longer uses child_process as expected; check commanderLazyChildProcess`);
      const contents = text.replace(declaration, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
      return { contents, loader: "js" };
    });
  },
};

/**
 * chalk detects the terminal's colour support when it loads (its vendored supports-color:
 * `tty.isatty`, `os.release`, the environment), for its default instance; journey never uses that
 * instance: every `Chalk` is made with the level src/report/color.ts decides (--no-color,
 * NO_COLOR, FORCE_COLOR, a TTY), and eslint.config.js forbids importing chalk's default instance
 * and its `supportsColor`. So in our bundles the detection is left out (loading `tty` and `net`
 * was about 0.5 ms of every run). The build fails if chalk no longer imports it by that name.
 */
const chalkWithoutDetection = {
  name: "chalk-without-detection",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]chalk[\\/]source[\\/]vendor[\\/]supports-color[\\/]index\.js$/ }, async ({ path }) => {
      const index = readFileSync(join(dirname(path), "..", "..", "index.js"), "utf8");
      const text = readFileSync(path, "utf8");
      if (!index.includes("import supportsColor from '#supports-color';") || !text.includes("export default supportsColor;"))
        throw new Error(`scripts/bundle.mjs: chalk no longer imports ${path} as expected; check chalkWithoutDetection`);
      return { contents: "export default { stdout: false, stderr: false };", loader: "js" };
    });
  },
};

/**
 * src/cli/version.ts reads package.json when it loads; in our bundles the two fields it reads are
 * written in by the build (the bundles are rebuilt whenever the package is: `prepack`), which
 * saves every run a file read, a JSON parse and a URL (0.2 ms). The build fails if the module no
 * longer reads package.json as expected.
 */
const versionFromBuild = {
  name: "version-from-build",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]dist[\\/]cli[\\/]version\.js$/ }, async ({ path }) => {
      const text = readFileSync(path, "utf8");
      const read = /JSON\.parse\(readFileSync\(new URL\("\.\.\/\.\.\/package\.json", import\.meta\.url\), "utf8"\)\)/;
      if (!read.test(text)) throw new Error(`scripts/bundle.mjs: ${path} no longer reads package.json as expected; check versionFromBuild`);
      const { version, homepage } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      return { contents: text.replace(read, JSON.stringify({ version, homepage })), loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  plugins: [yamlEnvOnce, commanderLazyChildProcess, chalkWithoutDetection, versionFromBuild],
  platform: "node",
  target: "node20",
  // saxes reads XES logs for analyze only: a dependency, loaded with createRequire when an XES log is read.
  external: ["puppeteer-core", "mermaid", "@duckdb/node-api", "@clickhouse/client", "saxes"],
  legalComments: "none",
  logLevel: "warning",
  write: false,
  absWorkingDir: root,
};
// import.meta does not exist in CommonJS; each file's own URL stands in for it, worked out when
// first read: a file that needs it only for a worker or a package (lint's threads, an optional
// package) does not load node:url in a run that needs neither.
const cjs = {
  define: { "import.meta.url": "__journeyModule.url" },
  banner: {
    js: 'let __journeyModuleUrl; const __journeyModule = { get url() { return (__journeyModuleUrl ??= require("node:url").pathToFileURL(__filename).href); } };',
  },
};

/** The banner is kept only in the files that use import.meta.url. */
function withoutUnusedBanner(text) {
  const banner = `${cjs.banner.js}\n`;
  return text.startsWith(banner) && !text.includes("__journeyModule.url", banner.length) ? text.slice(banner.length) : text;
}

/** Checks and writes one CommonJS file. */
function write(path, text) {
  // bin/journey.cjs runs the bundles through vm.Script, where import() has no loader: fail the
  // build rather than the user's render.
  if (/\bimport\(/.test(text)) throw new Error(`scripts/bundle.mjs: ${basename(path)} still has a dynamic import(); load that module with require`);
  // esbuild writes ASCII (it escapes other characters), so bin/journey.cjs reads the bundle as
  // Latin-1, which skips UTF-8 decoding; make sure that stays true.
  if (/[\u0080-\uffff]/.test(text)) throw new Error(`scripts/bundle.mjs: ${basename(path)} is not ASCII; bin/journey.cjs reads it as Latin-1`);
  const module = selfWrapped(text);
  writeFileSync(path, CONTENT_NAMED.test(basename(path)) ? module : withContentHash(module), "latin1");
}

/**
 * Each file is its own module wrapper: a function of (exports, require, module, __filename,
 * __dirname), which the file calls itself when Node's require runs it (the worker
 * threads) and is the value of the script when bin/journey.cjs runs it with vm.Script. So
 * bin/journey.cjs compiles the text as read, not Node's wrapper joined around it, which V8
 * copied into one more string the size of the file (a megabyte per run, in the young generation).
 */
function selfWrapped(text) {
  return (
    '((wrapper) => (typeof module === "undefined" ? wrapper : void wrapper.call(exports, exports, require, module, __filename, __dirname)))(' +
    `function (exports, require, module, __filename, __dirname) {\n${text}\n});\n`
  );
}

/** A file esbuild names after its content (`<name>-<hash>.cjs`); bin/journey.cjs has the same pattern. */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.cjs$/;

/**
 * The other files (journey.cjs, lint-worker.cjs, lsp.cjs, execa.cjs) carry a hash of their
 * content on their first line, which bin/journey.cjs names their code cache after: hashing the
 * entry at run time (and loading node:crypto to do it) was about 4 ms of every run.
 */
function withContentHash(text) {
  return `// journey-content-hash ${createHash("sha256").update(text, "latin1").digest("hex").slice(0, 16)}\n${text}`;
}

/**
 * One CommonJS bundle without split points. execa, which `journey diff` runs git with, is bundled
 * on its own into dist/cli/execa.cjs and required only by that command: a quarter of a megabyte
 * that every `journey lint` would otherwise read and deserialize (measured: +17 ms cold start).
 */
async function bundleFile(entry, outfile) {
  const result = await build({ ...common, ...cjs, ...entry, outfile: join(out, outfile), format: "cjs" });
  write(result.outputFiles[0].path, withoutUnusedBanner(result.outputFiles[0].text));
}

/**
 * The CLI, split at every dynamic import(): dist/cli/journey.cjs and the files it requires when a
 * command, a formatter or a language is first used. Writes dist/cli/bundles.json: each file's
 * source modules (what test/cli/load-allowlist.e2e.test.ts checks a one-file lint against).
 */
async function bundleSplit(entry, outfile) {
  const result = await build({
    ...common,
    entryPoints: [entry],
    format: "esm",
    splitting: true,
    outdir: out,
    entryNames: "[name]-[hash]",
    chunkNames: "[name]-[hash]",
    outExtension: { ".js": ".cjs" },
    metafile: true,
  });
  const entryOutput = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === relative(root, entry))?.[0];
  if (!entryOutput) throw new Error(`scripts/bundle.mjs: no output for ${entry}`);
  const rename = (name) => (name === basename(entryOutput) ? outfile : name);
  const manifest = {};
  const code = new Map();
  for (const file of result.outputFiles) {
    const name = rename(basename(file.path));
    // Requires of the entry's file by another, under its final name (in practice there are none).
    const esm = file.text.replaceAll(`"./${basename(entryOutput)}"`, `"./${outfile}"`);
    // ES module to CommonJS: import() becomes a promise of require(), which bin/journey.cjs
    // answers from its own loader (with the code cache); exports become live getters.
    const converted = await transform(esm, {
      define: cjs.define,
      banner: cjs.banner.js,
      format: "cjs",
      platform: "node",
      target: "node20",
      supported: { "dynamic-import": false },
      sourcefile: name,
    });
    const text = withoutUnusedBanner(converted.code);
    write(join(out, name), text);
    code.set(name, text);
    const meta = result.metafile.outputs[relative(root, file.path)];
    manifest[name] = {
      bytes: text.length,
      entryPoint: meta.entryPoint,
      imports: [...new Set(meta.imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => rename(basename(i.path))))],
      dynamicImports: meta.imports.filter((i) => i.kind === "dynamic-import").map((i) => rename(basename(i.path))),
      inputs: Object.keys(meta.inputs).map((input) => toPackagePath(input)),
    };
  }
  writePack(outfile, manifest, code);
  writeFileSync(join(out, "bundles.json"), JSON.stringify(manifest, null, 1) + "\n");
}

/** The files of the pack are those the entry requires at once (so every run loads them) up to this size. */
const PACK_MAX_BYTES = 64 * 1024;

/**
 * dist/cli/lint-pack.cjs: the small files that every run loads (the entry requires them at once)
 * in one file, each as the function Node's module wrapper would make of it, so that
 * bin/journey.cjs reads, and deserializes the code cache of, one file instead of a dozen
 * (each file read, its cache read and its compile cost a one-file lint about 0.1 ms). The files
 * stay in dist/cli/ too, for the files loaded later, which require them by name; bin/journey.cjs
 * runs each file once either way. bundles.json lists the pack with the modules of its files.
 */
function writePack(entry, manifest, code) {
  const members = [];
  const seen = new Set([entry]);
  const queue = [...manifest[entry].imports];
  while (queue.length > 0) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...manifest[name].imports);
    if (manifest[name].bytes <= PACK_MAX_BYTES) members.push(name);
  }
  members.sort();
  const text = `module.exports = {\n${members.map((name) => `${JSON.stringify(name)}: function (exports, require, module, __filename, __dirname) {\n${code.get(name)}\n},\n`).join("")}};\n`;
  write(join(out, PACK), text);
  manifest[PACK] = {
    bytes: text.length,
    entryPoint: undefined,
    imports: [],
    dynamicImports: [],
    inputs: [...new Set(members.flatMap((name) => manifest[name].inputs))],
    files: members,
  };
}

/** The name bin/journey.cjs loads the pack by. */
const PACK = "lint-pack.cjs";

/** A module's path as the package knows it: `dist/...` or `node_modules/<package>/...` (node_modules may be a link). */
function toPackagePath(input) {
  const at = input.lastIndexOf("node_modules/");
  return at >= 0 ? input.slice(at) : input;
}

await bundleSplit(join(root, "dist", "cli", "main.js"), "journey.cjs");
// The lint's worker threads start from their own, smaller bundle: the checking stages only.
await bundleFile({ entryPoints: [join(root, "dist", "lint", "worker.js")] }, "lint-worker.cjs");
// journey lsp's server, with vscode-languageserver: required by that command alone, so lint's
// cold start does not read it.
await bundleFile({ entryPoints: [join(root, "dist", "lsp", "server.js")] }, "lsp.cjs");
await bundleFile({ stdin: { contents: 'export { execa } from "execa";', resolveDir: root, sourcefile: "execa-entry.js" } }, "execa.cjs");

// One lint of an example leaves a code cache that covers loading, checking and reporting, so the
// first real run is already fast. Run from their folder, without --config, as a user's lint is,
// so that the cache also covers finding the config (which a run with --config never does). One
// file, a short run: a long run writes no cache (src/util/tiering.ts, `longRunAhead`).
if (existsSync(join(root, "examples", "journey.config.yaml"))) {
  try {
    execFileSync(process.execPath, [join(root, "bin", "journey.cjs"), "lint", "saas-trial.journey.yaml"], {
      cwd: join(root, "examples"),
      stdio: "ignore",
    });
  } catch {
    // findings or a read-only folder: the cache is an optimisation, never a build failure
  }
}
