#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs through `prepare`).
import module from "node:module";

// Node 22.1+ keeps compiled code between runs (faster start-up); older Node has no such cache.
module.enableCompileCache?.();
const { main } = await import("../dist/cli/main.js");

// A reader that goes away (`journey lint | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`journey: internal error: ${error?.message ?? error}\n`);
    process.exitCode = 2;
  },
);
