import { statSync } from "node:fs";

// Why: most runs of journey are short, one or a few files in a pre-commit hook or a pull
// request's check, and in such a run V8's optimising compiler costs more than it saves: the YAML
// lexer turns hot within a few kilobytes, and TurboFan's background threads then spend ~100 ms of
// CPU (on two cores, beside the main thread) compiling code that has little left to run, while
// the process waits for them before it may exit. So bin/journey.cjs holds TurboFan off at the
// start of a run, and the commands release it as soon as they see more than a short run. lint and
// validate hold it only once their files are known, and not for one file: the hold needs
// node:v8, which loads Node's stream modules, and since a lint's report no longer builds
// process.stdout (util/stdout.ts) that cost more than the hold saves on one small file
// (2026-12-07: 1-3% faster without it in 3 x 200 interleaved runs, 2.3% in the bench's group;
// 162 M instructions against 168 M).
//
// First measured by `npm run bench -- --only tiering` (with and without the hold, interleaved,
// 20 runs each, two cores, Node 20.20): one file 293 ms held against 366 ms without, 5 files 252
// against 316 ms, both 20% faster; earlier runs found 20 files 6% and 60 files 22% slower held,
// hence SHORT_RUN. Only Node 20 was measured, so the hold applies on Node 20 only (newer Node also has
// Maglev, which changes the trade); measure there before widening HOLD_ON_NODE.
//
// What it risks: Node documents changing V8 flags after start-up (v8.setFlagsFromString) as
// unsafe, with undefined behaviour. This module flips one boolean flag that V8 reads when it
// decides to optimise, and sets it back to V8's default before any code cache is written (V8
// stamps flags into caches; test/cli/code-cache.e2e.test.ts checks the cache is still accepted).
// V8 flags are process-wide: the hold is only ever taken by the CLI's own process entry.

/**
 * V8's flags, set through node:v8, taken when first needed: importing node:v8 loads Node's stream
 * modules (for heap snapshots), which a run that never holds the optimiser does not need.
 */
const setFlagsFromString = (flags: string): void => process.getBuiltinModule("node:v8").setFlagsFromString(flags);

/** Node major versions the hold was measured to win on. */
const HOLD_ON_NODE: readonly number[] = [20];

/** Whether this Node gets the hold at all. */
export const HOLD_APPLIES = HOLD_ON_NODE.includes(Number(process.versions.node.split(".")[0]));

/** V8's TurboFan, its optimising compiler (a plain switch: set back, V8's flags are as before). */
const TURBOFAN_OFF = "--no-turbofan";
const TURBOFAN_ON = "--turbofan";

/** A run over more than this many files, or bytes, is worth optimising. */
export const SHORT_RUN = { files: 8, bytes: 64 * 1024 } as const;

let held = false;
/** A hold asked for by the entry point, waiting for the run's files. */
let pending = false;
/** Whether the run turned out to be more than a short one. */
let long = false;

/**
 * Keeps TurboFan off until `releaseOptimizer`; for the process's own entry point only. With
 * `untilFilesKnown` (lint and validate), the hold waits for `settleOptimizerFor` to see the files.
 */
export function holdOptimizer(options: { untilFilesKnown?: boolean } = {}): void {
  if (held || !HOLD_APPLIES) return;
  if (options.untilFilesKnown) {
    pending = true;
    return;
  }
  setFlagsFromString(TURBOFAN_OFF);
  held = true;
}

/** Turns TurboFan back on, as by default (and drops a hold still waiting for files). */
export function releaseOptimizer(): void {
  pending = false;
  if (!held) return;
  setFlagsFromString(TURBOFAN_ON);
  held = false;
}

/**
 * Runs `compile` under V8's default flags: V8 accepts a code cache only under the flags it was
 * made with, and bin/journey.cjs saves every cache after the release, so a file first loaded
 * during a held run (a command, a formatter) is compiled with the hold lifted for that moment.
 */
export function withDefaultFlags<T>(compile: () => T): T {
  if (!held) return compile();
  releaseOptimizer();
  try {
    return compile();
  } finally {
    holdOptimizer();
  }
}

/** Whether TurboFan is being held off. */
export function optimizerHeld(): boolean {
  return held;
}

/**
 * Settles the hold for the files ahead: a hold that waited for them is taken for a short run of
 * more than one file; a hold already taken is released when they are more than a short run.
 */
export function settleOptimizerFor(files: readonly string[]): void {
  if (!isShortRun(files)) longRunAhead();
  else if (pending) {
    pending = false;
    if (files.length > 1) holdOptimizer();
  }
}

/**
 * The work ahead is more than a short run: V8 may optimise, and bin/journey.cjs writes no code
 * cache from this run. A cache holds the bytecode a run still has when it ends; a long run has
 * dropped much of what ran at its start (V8 flushes the bytecode of functions that stop running),
 * so every short run after it would compile that again: a one-file lint with the caches of a lint
 * of the 161 example files took 179 M instructions against 168 M with its own.
 */
export function longRunAhead(): void {
  long = true;
  releaseOptimizer();
}

/** Whether no part of this run was found to be more than a short run (bin/journey.cjs then keeps its caches). */
export function wasShortRun(): boolean {
  return !long;
}

function isShortRun(files: readonly string[]): boolean {
  return files.length <= SHORT_RUN.files && totalSize(files) <= SHORT_RUN.bytes;
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
