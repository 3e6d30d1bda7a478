// The entry of a lint worker thread: scripts/bundle.mjs bundles it into dist/cli/lint-worker.cjs,
// which checkFiles (run-files.ts) starts for each thread beside the main one.
import { runLintWorker } from "./run-files.js";

runLintWorker();
