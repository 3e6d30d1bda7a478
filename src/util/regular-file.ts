import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** What `readRegularFile` gives: the bytes, or why there are none (a sentence for the user). */
export type RegularFileRead = { bytes: Buffer; problem?: undefined; tooLarge?: undefined } | { bytes?: undefined; problem: string; tooLarge?: number };

/** Windows has no O_NONBLOCK (and no FIFOs that a plain open would wait on). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file that is a regular file, and nothing else, at most `maxBytes`. The one rule for
 * every file journey reads on a user's behalf (journeys, configs, event logs, analyses):
 * - opened without blocking, because a plain open of a FIFO waits for a writer forever;
 * - checked with `fstat` on the descriptor just opened (no second lookup by name, which a
 *   rename between the two could change): devices (`/dev/zero`), FIFOs and sockets are refused;
 * - read from that descriptor up to `maxBytes + 1` bytes, whatever the size says: files in
 *   `/proc` report size 0 and a file can grow while it is read.
 * A symbolic link named on the command line is followed (the user named it); walks decide
 * about links before they get here (discover/files.ts). Never throws for I/O problems.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { problem: describeIoError(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { problem: "this is a folder, not a file" };
    if (!stat.isFile()) return { problem: `not a regular file (${fileKind(stat)}): journey reads only regular files` };
    if (stat.size > maxBytes) return { problem: "too large", tooLarge: stat.size };
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: "too large", tooLarge: length };
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { problem: "too large", tooLarge: length };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { problem: describeIoError(error) };
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not a regular file is, as a phrase ("a named pipe"); from its Stats or its directory entry. */
export function fileKind(stat: Pick<import("node:fs").Stats, "isFIFO" | "isCharacterDevice" | "isBlockDevice" | "isSocket">): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

/** A file system error as a sentence for the user (the error code, where no sentence fits). */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "file not found";
    case "EACCES":
    case "EPERM":
      return "permission denied: the file cannot be read";
    case "EISDIR":
      return "this is a folder, not a file";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EAGAIN":
      return "the file is not ready to be read (a pipe or a device?)";
    case "EMFILE":
    case "ENFILE":
      return "too many files open at once; raise the limit (ulimit -n) or run with fewer threads";
    case "EIO":
      return "input/output error while reading the file";
    default:
      return `cannot read file (${code ?? String(error)})`;
  }
}
