#!/usr/bin/env node
// Runs the CLI that `npm run build` (run by `npm ci` through `prepare`) bundles into
// dist/cli/journey.cjs. A short run such as `journey lint` on one file is mostly start-up, so
// V8's compiled code is kept between runs, beside the bundle, when that folder is writable (a
// read-only install simply runs without it). On every Node version: Node 22's own
// module.enableCompileCache, which this file used there until 2026-12, made a one-file lint on
// Node 22.23 take 62-64 ms against 41 ms this way (node -e 0: 23 ms; bench/profiles.md).
// CommonJS, not an ES module, because starting Node's ES module loader costs a run ~6 ms.
"use strict";
const { accessSync, constants, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require("node:fs");
const { dirname, join, sep } = require("node:path");
const vm = require("node:vm");

const bundle = join(__dirname, "..", "dist", "cli", "journey.cjs");
/** A file of the split CLI named after a hash of its content by esbuild (scripts/bundle.mjs). */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.cjs$/;
/** The first line of the build's other files (journey.cjs, lsp.cjs, ...): a hash of the rest (scripts/bundle.mjs). */
const CONTENT_HASH = /^\/\/ journey-content-hash ([0-9a-f]{16})\n/;
/**
 * `lint` and `validate`: the commands that check files and are done when main resolves. They have
 * a code cache each, apart from every other command's (a cache holds the code compiled by the run
 * that wrote it, and is written only when missing or rejected; with one for all commands, the
 * first run after an install, `journey init` or `--help`, decided it for every lint after, which
 * then compiled the rest of its code on each run: bench/profiles.md), and they hold TurboFan only
 * once their files are known.
 */
const CHECKS_FILES = process.argv[2] === "lint" || process.argv[2] === "validate";
const CACHE_KIND = CHECKS_FILES ? process.argv[2] : "other";
/**
 * A cache that has served for this long is written again by the next short run that uses it. A
 * cache holds what the run that wrote it compiled, and a run that needs more (a file with errors
 * after a clean one, another formatter) compiles the rest on every run: caches written by a lint
 * of a file with errors made each later lint of a clean file count 174 M instructions against 159
 * M (bench/profiles.md). Written again, a cache keeps what it held, which that run loaded, and
 * adds what it compiled: once an hour, 5 ms after the run's output is written.
 */
const REFRESH_AFTER_MS = 60 * 60 * 1000;

/**
 * Loads the CLI's files (scripts/bundle.mjs splits it: dist/cli/journey.cjs requires the others
 * when a command, a formatter or a language is first used), each once, each with its code cache.
 * `save` keeps the compiled code of every file loaded (with what ran) for next time.
 */
function bundleLoader() {
  const loaded = new Map();
  // The scripts compiled without a cache (written when the run ends), and with one.
  const unsaved = [];
  const cached = [];
  // V8 accepts a cache only under the flags it was made with; set by runCli for the files loaded
  // while the optimiser is held (src/util/tiering.ts).
  let compiling = (compile) => compile();
  let nodeRequire;
  // Files of the CLI already compiled in the pack (`preload`), by path: each is the function Node's
  // module wrapper would make of the file.
  const packed = new Map();
  const compile = (file) => {
    const source = readFileSync(file, "latin1"); // the build makes it ASCII: no decoding needed
    // Named after the file's content: a rebuilt bundle never meets an old cache, even one of the
    // same size and time (V8 itself checks little more than the length). The build names its files
    // after their content (`<name>-<hash>.cjs`) or writes the hash on their first line
    // (scripts/bundle.mjs), so nothing is hashed here (sha256 of journey.cjs, with node:crypto
    // loaded for it, was 4 ms of a one-file lint). A file with neither runs without a cache.
    const hash = CONTENT_NAMED.test(file) ? "" : CONTENT_HASH.exec(source.slice(0, 48))?.[1];
    const cacheFile = hash === undefined ? undefined : `${file}${hash && `.${hash}`}-${process.version}-${process.arch}.${CACHE_KIND}.v8cache`;
    let cachedData;
    try {
      if (cacheFile) cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
    // The build makes each file its own module wrapper (scripts/bundle.mjs): the script's value.
    const script = compiling(() => new vm.Script(source, { filename: file, cachedData }));
    if (cacheFile) (!cachedData || script.cachedDataRejected ? unsaved : cached).push({ script, cacheFile });
    return script.runInThisContext();
  };
  const load = (file) => {
    const known = loaded.get(file);
    if (known) return known.exports;
    const wrapper = packed.get(file) ?? compile(file);
    const module = { exports: {}, filename: file, loaded: false };
    loaded.set(file, module); // before it runs, as require does: a cycle gets the exports so far
    // The CLI's own files (`./<name>.cjs` beside it) through this loader, Node's own modules as
    // they are, packages through a require made for dist/cli/ when one is first asked for (making it
    // loads node:module, which a lint needs for nothing else). (`dir` is normalised, and `id` a
    // plain name: joined without path.join's normalising.)
    const dir = dirname(file);
    const packages = () => (nodeRequire ??= require("node:module").createRequire(file)); // every file of the CLI is in dist/cli/
    const requireFrom = (id) =>
      id.startsWith("./") && id.endsWith(".cjs") && !id.includes("/", 2)
        ? load(`${dir}${sep}${id.slice(2)}`)
        : (process.getBuiltinModule(id) ?? packages()(id));
    requireFrom.resolve = (request, options) => packages().resolve(request, options);
    wrapper(module.exports, requireFrom, module, file, dir);
    module.loaded = true;
    return module.exports;
  };
  /**
   * Compiles the pack, dist/cli/lint-pack.cjs: the small files every run loads, in one file with
   * one cache (scripts/bundle.mjs); `load` then runs each from there when it is first required.
   */
  const preload = (pack) => {
    let files;
    try {
      files = load(pack);
    } catch (error) {
      if (error.code === "ENOENT") return; // a build without one: each file is read on its own
      throw error;
    }
    for (const [name, wrapper] of Object.entries(files)) packed.set(join(dirname(pack), name), wrapper);
  };
  const save = () => {
    const saving = [...unsaved.splice(0), ...(cached.length > 0 && servedLong(cached[0].cacheFile) ? cached.splice(0) : [])];
    // Where journey may not write (a read-only install, one built by another user), no cache is
    // made: making one takes longer than a short run's own work, on every run.
    if (saving.length === 0 || !writable(dirname(saving[0].cacheFile))) return;
    for (const { script, cacheFile } of saving) {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        try {
          unlinkSync(temporary);
        } catch {
          // read-only install: run without a cache
        }
      }
    }
  };
  return { load, preload, save, compileWith: (wrap) => (compiling = wrap) };
}

function writable(dir) {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether the cache was written over REFRESH_AFTER_MS ago (the first one the run loaded stands for all). */
function servedLong(cacheFile) {
  try {
    return Date.now() - statSync(cacheFile).mtimeMs > REFRESH_AFTER_MS;
  } catch {
    return false;
  }
}

const loader = bundleLoader();
loader.preload(join(__dirname, "..", "dist", "cli", "lint-pack.cjs"));
const cli = loader.load(bundle);
// A file first needed during the run (a command, a formatter) is compiled, and its cache
// checked, under V8's default flags, which its cache was saved with.
loader.compileWith((compile) => cli.withDefaultFlags(compile));

runCli();

function runCli() {
  // A reader that goes away (`journey lint | head`) is not an error worth a stack trace. Each
  // stream gets the handler when first used: creating process.stderr (in CI a pipe, for which
  // Node loads its net and stream modules) for a run that writes nothing there was 1 ms.
  const streams = [];
  for (const name of ["stdout", "stderr"]) {
    onFirstUse(name, (stream) => {
      streams.push(stream);
      stream.on("error", (error) => {
        if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
        throw error;
      });
    });
  }

  // A short run is done before V8's optimising compilers would pay off (src/util/tiering.ts);
  // V8's default is back before any code cache is written.
  cli.holdOptimizer({ untilFilesKnown: CHECKS_FILES });
  process.once("exit", cli.releaseOptimizer);

  cli.main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      cli.releaseOptimizer();
      // A long run keeps too little of what ran at its start for a good cache (src/util/tiering.ts):
      // the next short run writes them.
      if (cli.wasShortRun()) loader.save();
      // lint and validate are over when main resolves (their worker threads have ended): exit
      // without Node's tear-down of the heap (2 ms of a one-file lint), once stdout and stderr
      // have handed all they were given to the system; a pipe whose reader is slow still holds
      // writes, and Node then exits as usual when they are done.
      if (CHECKS_FILES && streams.every((stream) => stream.writableLength === 0)) process.exit();
    },
    (error) => {
      process.stderr.write(`journey: internal error: ${error?.message ?? error}\n`);
      process.exitCode = 2;
    },
  );
}

/** Calls `use` with process[name] (stdout, stderr) when Node first creates that stream. */
function onFirstUse(name, use) {
  const lazy = Object.getOwnPropertyDescriptor(process, name);
  if (!lazy?.get || !lazy.configurable) {
    use(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: lazy.enumerable,
    get() {
      Object.defineProperty(process, name, lazy); // Node's own getter again, which keeps the stream
      const stream = process[name];
      use(stream);
      return stream;
    },
  });
}
