#!/usr/bin/env node
// Runs the CLI that `npm run build` (run by `npm ci` through `prepare`) bundles into
// dist/cli/journey.cjs. A short run such as `journey lint` on one file is mostly start-up, so
// V8's compiled code is kept between runs: Node 22.1+ does it itself (module.enableCompileCache);
// on older Node the bundle is compiled with the code cache kept beside it, when that folder is
// writable (a read-only install simply runs without it).
// CommonJS, not an ES module, because starting Node's ES module loader costs a run ~6 ms.
"use strict";
const Module = require("node:module");
const { createHash } = require("node:crypto");
const { readFileSync, renameSync, unlinkSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

const bundle = join(__dirname, "..", "dist", "cli", "journey.cjs");

/** Runs the bundle as CommonJS; `save` keeps its compiled code (with what ran) for next time. */
function loadWithCodeCache(file) {
  const source = readFileSync(file, "latin1"); // the build makes it ASCII: no decoding needed
  // Named after a hash of the bundle's content (0.5 ms): a rebuilt bundle never meets an old
  // cache, even one of the same size and time (V8 itself checks little more than the length).
  const hash = createHash("sha256").update(source, "latin1").digest("hex").slice(0, 16);
  const cacheFile = `${file}.${hash}-${process.version}-${process.arch}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext()(loaded.exports, Module.createRequire(file), loaded, file, dirname(file));
  const save = () => {
    if (cachedData && !script.cachedDataRejected) return;
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
  };
  return { exports: loaded.exports, save };
}

let cli;
let saveCache = () => {};
if (Module.enableCompileCache) {
  // Kept in journey's own folder, as on older Node (docs/security.md), not in the shared temporary
  // folder Node picks by default; NODE_COMPILE_CACHE still chooses another. Never throws.
  Module.enableCompileCache(process.env.NODE_COMPILE_CACHE ? undefined : join(__dirname, "..", "dist", "cli", "compile-cache"));
  cli = require(bundle);
} else {
  const loaded = loadWithCodeCache(bundle);
  cli = loaded.exports;
  saveCache = loaded.save;
}

runCli();

function runCli() {
  // A reader that goes away (`journey lint | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  // A short run is done before V8's optimising compilers would pay off (src/util/tiering.ts);
  // V8's default is back before any code cache is written (Node 22 writes its own at exit).
  cli.holdOptimizer();
  process.once("exit", cli.releaseOptimizer);

  cli.main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      cli.releaseOptimizer();
      saveCache();
    },
    (error) => {
      process.stderr.write(`journey: internal error: ${error?.message ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
