import { chmodSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { toPosix } from "./paths.js";

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
  handleInterrupts();
  pending.add(temporary);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    // Replacing a user's file keeps its permissions (the umask would otherwise decide them).
    if (options.mode !== undefined) chmodSync(temporary, options.mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // The message names the file asked for, not the temporary one (a read-only folder: EACCES).
    const failed = error as NodeJS.ErrnoException;
    if (failed.path === temporary) failed.path = path;
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/**
 * Writes a file the user named (`--output-file`): atomically when it is a regular file or does
 * not exist yet; straight into a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named
 * pipe), which a temporary file renamed over it would replace with a plain file; and through a
 * symbolic link to a file, as a shell's `>` writes, so that the link stays a link.
 */
export function writeOutputFile(path: string, data: string | Uint8Array): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat && (stat.isCharacterDevice() || stat.isFIFO())) writeFileSync(path, data);
  else writeFileAtomic(stat?.isFile() && lstatSync(path).isSymbolicLink() ? realpathSync(path) : path, data);
}

/** The first of `files` that is the same file as `path` (same device and inode: links and `./a/../a` too), if any. */
export function sameFileAmong(path: string, files: readonly string[]): string | undefined {
  const target = statSync(path, { throwIfNoEntry: false });
  if (!target?.isFile()) return undefined;
  return files.find((file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && stat.dev === target.dev && stat.ino === target.ino;
  });
}

/** Work to stop before the process exits on SIGINT or SIGTERM (a running query, a temporary folder). */
const interruptHooks = new Set<() => Promise<void> | void>();
/** How long the hooks may take before the process exits anyway. */
const INTERRUPT_GRACE_MS = 3_000;

/**
 * Why `--output-file` must be refused, or undefined: it names one of `inputs` (by any path or
 * link: the same device and inode), which writing the output would replace. Every command that
 * takes `-o` asks this before anything runs (`what` says what the inputs are, for the message).
 */
export function outputOverInput(outputFile: string | undefined, inputs: readonly string[], cwd: string, what: string): string | undefined {
  if (outputFile === undefined) return undefined;
  const input = sameFileAmong(resolve(cwd, outputFile), inputs);
  if (input === undefined) return undefined;
  return `--output-file ${outputFile} is ${toPosix(relative(cwd, input)) || input}, ${what}; write the report to another file`;
}

/**
 * Registers `hook` to run when SIGINT or SIGTERM arrives, before the process exits (at most
 * 3 s for all hooks together); returns the function that unregisters it.
 */
export function onInterrupt(hook: () => Promise<void> | void): () => void {
  handleInterrupts();
  interruptHooks.add(hook);
  return () => interruptHooks.delete(hook);
}

let handling = false;

/**
 * From the first file written or the first `onInterrupt` hook on: on SIGINT or SIGTERM, runs the
 * hooks, removes any temporary file being written and exits with the usual code (130, 143).
 * Files already renamed into place are complete; the others were never touched. A second signal
 * while the hooks run ends the process at once.
 *
 * Before that, Node's default stands: the signal ends the process at once, with nothing to clean
 * up. A handler runs only when the main thread is free, so one set at the start made a command
 * busy for minutes (a huge file parsed, a walk matched against a pattern) ignore SIGTERM from
 * `timeout` or a CI job's time limit until it was done (review round 3).
 */
function handleInterrupts(): void {
  if (handling) return;
  handling = true;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      const exit = () => {
        for (const temporary of pending) rmSync(temporary, { force: true });
        process.exit(code);
      };
      if (interruptHooks.size === 0) return exit();
      const hooks = [...interruptHooks].map(async (hook) => hook());
      const grace = new Promise((resolve) => setTimeout(resolve, INTERRUPT_GRACE_MS));
      void Promise.race([Promise.allSettled(hooks), grace]).then(exit);
    });
  }
}
