import { fstatSync, statSync, writeSync } from "node:fs";

// Why: process.stdout is a stream Node builds when it is first used, and for a pipe or a file it
// loads and runs Node's stream modules to build it: 9.8 M instructions for the first line a script
// prints to /dev/null, ~4 M of a one-file `journey lint` (bench/profiles.md). A report goes out in
// one piece once every file is checked, so a stdout that Node itself writes synchronously gets the
// bytes straight from writeSync instead, in the same order and with the same blocking: a regular
// file or /dev/null everywhere, and a pipe or socket on Linux (Node's stdout is synchronous there
// too). A terminal (colours, the tty module), an asynchronous pipe (macOS) and Windows keep
// process.stdout.

/** How stdout is written: straight to fd 1, through process.stdout, or not at all (its reader is gone). */
type Way = "direct" | "stream" | "closed";

let way: Way | undefined;

function decide(): Way {
  if (process.platform === "win32") return "stream";
  try {
    const stat = fstatSync(1);
    if (stat.isFile()) return "direct";
    if (stat.isFIFO() || stat.isSocket()) return process.platform === "linux" ? "direct" : "stream";
    // A character device is a terminal or /dev/null; only the latter is known without the tty module.
    if (stat.isCharacterDevice() && stat.rdev === statSync("/dev/null").rdev) return "direct";
  } catch {
    // fd 1 is closed or cannot be looked at: Node's stream does what Node does
  }
  return "stream";
}

/** Whether stdout is a terminal (for colour), without building process.stdout when it is not. */
export function stdoutIsTTY(): boolean {
  way ??= decide();
  return way === "stream" && Boolean(process.stdout.isTTY);
}

/**
 * Writes `text` to stdout. A reader that goes away (`journey lint | head`) ends the output without
 * an error, as bin/journey.cjs does for the stream's EPIPE; the run's exit code stays its own. A
 * stdout left non-blocking by whoever started journey can refuse a write (EAGAIN): the rest, and
 * every write after it, then goes through process.stdout, which waits for the reader.
 */
export function writeStdout(text: string): void {
  way ??= decide();
  if (way === "closed" || text === "") return;
  if (way === "stream") {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") {
      way = "closed";
      return;
    }
    if (code !== "EAGAIN") throw error;
    way = "stream";
    process.stdout.write(bytes.subarray(written));
  }
}
