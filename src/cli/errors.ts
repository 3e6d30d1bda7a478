/** A problem with how journey was called or set up: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * Whether an error is a UsageError, also one thrown by `journey diff`'s own bundle
 * (dist/cli/journey-diff.cjs), which has its own copy of the class.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError || (error instanceof Error && error.name === "UsageError");
}
