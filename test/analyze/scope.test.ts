import { describe, expect, it } from "vitest";
import { parseInstant, parseWindow } from "../../src/analyze/scope.js";

describe("--window and --since/--until values", () => {
  it("reads durations in s, m, h and d", () => {
    expect([parseWindow("90s"), parseWindow("30m"), parseWindow("2h"), parseWindow("7d")]).toEqual([90_000, 1_800_000, 7_200_000, 604_800_000]);
    for (const bad of ["0s", "2x", "1.5h", "h", "-1d", "10 m"]) expect(parseWindow(bad), bad).toBeUndefined();
  });

  it("reads ISO times as the logs' timestamps are read (no zone: UTC; a date alone: midnight)", () => {
    expect(parseInstant("2026-03-01")).toBe(Date.UTC(2026, 2, 1));
    expect(parseInstant("2026-03-01T10:00:00Z")).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseInstant("2026-03-01T12:00:00+02:00")).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseInstant("2026-03-01 10:00:00.5")).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 500));
    expect(parseInstant("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant("0001-01-01")).toBe(-62135596800000);
    for (const bad of ["2023-02-29", "2026-04-31", "2026-13-01", "yesterday", "2026-03-01T25:00"]) expect(parseInstant(bad), bad).toBeUndefined();
  });
});
