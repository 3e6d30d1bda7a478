import { statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// Most runs of journey are short: one or a few files in a pre-commit hook or a pull request's
// check. In such a run V8's optimising compilers cost more than they save: the YAML lexer turns
// hot within a few kilobytes, and the background threads then spend ~100 ms of CPU (on two cores,
// beside the main thread) compiling code that has little left to run, while the process waits for
// them before it may exit. So bin/journey.cjs turns TurboFan off for the start of a run, and the
// commands turn it back on as soon as they see more than a short run. Measured on two cores with
// TurboFan held off: one file 10% faster, 5 files 13% faster, 20 files 6% slower, 60 files 22%
// slower; hence the limits below. (Node 22 and later also have Maglev, which this leaves on.)
//
// V8 flags are process-wide, and V8 stamps them into code caches: the flag is held only around
// the CLI in its own process, and set back to V8's default before the code cache is saved, so the
// cache written under the hold is accepted by the next run (test/cli/code-cache.e2e.test.ts).

/** V8's TurboFan, its optimising compiler (a plain switch: set back, V8's flags are as before). */
const TURBOFAN_OFF = "--no-turbofan";
const TURBOFAN_ON = "--turbofan";

/** A run over more than this many files, or bytes, is worth optimising. */
export const SHORT_RUN = { files: 8, bytes: 64 * 1024 } as const;

let held = false;

/** Keeps TurboFan off until `releaseOptimizer`; for the process's own entry point only. */
export function holdOptimizer(): void {
  if (held) return;
  setFlagsFromString(TURBOFAN_OFF);
  held = true;
}

/** Turns TurboFan back on, as by default. */
export function releaseOptimizer(): void {
  if (!held) return;
  setFlagsFromString(TURBOFAN_ON);
  held = false;
}

/** Whether TurboFan is being held off. */
export function optimizerHeld(): boolean {
  return held;
}

/** Releases the optimiser when the files ahead are more than a short run. */
export function releaseOptimizerFor(files: readonly string[]): void {
  if (!held) return;
  if (files.length > SHORT_RUN.files || totalSize(files) > SHORT_RUN.bytes) releaseOptimizer();
}

function totalSize(files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file).size;
    } catch {
      // unreadable: reading it will say so
    }
  }
  return bytes;
}
