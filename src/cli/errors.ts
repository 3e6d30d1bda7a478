/** A problem with how journey was called or set up: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** What the operating system said, in words; the code stays in the message for searching. */
const SYSTEM_ERRORS = new Map([
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
  ["ENOSPC", "no space left on the disk"],
  ["EDQUOT", "disk quota exceeded"],
  ["EMFILE", "too many open files; raise the limit (ulimit -n) or use --concurrency off"],
  ["ENFILE", "too many open files on the system"],
  ["EROFS", "the file system is read-only"],
  ["EISDIR", "this is a folder"],
  ["EEXIST", "something of that name is already there"],
  ["ENOTDIR", "a part of the path is not a folder"],
  ["ENOENT", "no such file or folder"],
  ["ENAMETOOLONG", "the file name is too long"],
  ["EIO", "input/output error"],
  ["EBUSY", "the file is busy"],
  ["ENOMEM", "out of memory"],
]);

/**
 * An error of the environment (a full disk, a folder without write permission, too many open
 * files) as a sentence naming the file, or undefined for anything else: those are bugs, and
 * only they say "internal error".
 */
export function describeSystemError(error: unknown): string | undefined {
  const { code, syscall, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof code !== "string" || typeof syscall !== "string") return undefined;
  const reason = SYSTEM_ERRORS.get(code) ?? "the operating system refused";
  return `${path ? `${path}: ` : ""}${reason} (${code}, ${syscall})`;
}
