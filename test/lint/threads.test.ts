import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { FILES_PER_THREAD, threadsFor } from "../../src/lint/run-files.js";

describe("threadsFor: how many threads check the files", () => {
  const cores = availableParallelism();

  it("auto: one thread until each one would get FILES_PER_THREAD files, then one per core at most", () => {
    expect(threadsFor(1)).toBe(1);
    expect(threadsFor(2 * FILES_PER_THREAD - 1)).toBe(1);
    expect(threadsFor(2 * FILES_PER_THREAD)).toBe(Math.min(2, cores));
    expect(threadsFor(1000 * FILES_PER_THREAD)).toBe(cores);
  });

  it("a number is taken as asked, but never more threads than files or cores", () => {
    expect(threadsFor(60, 1)).toBe(1);
    expect(threadsFor(60, 3)).toBe(Math.min(3, cores));
    expect(threadsFor(2, 8)).toBe(Math.min(2, cores));
    expect(threadsFor(1_000_000, 99_999)).toBe(cores);
  });
});
