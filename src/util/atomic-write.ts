import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Temporary files being written right now, removed if the process is interrupted. */
const pending = new Set<string>();

/**
 * Writes a file so that readers see either the old content or the new, never a part: the data
 * goes to a temporary file in the same folder, which is then renamed over the target (a rename
 * within one file system is atomic). `mode` sets the new file's permission bits.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pending.add(temporary);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    // Replacing a user's file keeps its permissions (the umask would otherwise decide them).
    if (options.mode !== undefined) chmodSync(temporary, options.mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/**
 * On SIGINT or SIGTERM, removes any temporary file being written and exits with the usual code
 * (130, 143). Files already renamed into place are complete; the others were never touched.
 */
export function cleanUpOnInterrupt(): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      for (const temporary of pending) rmSync(temporary, { force: true });
      process.exit(code);
    });
  }
}
