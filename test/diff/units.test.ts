import { describe, expect, it } from "vitest";
import { parseNameStatus } from "../../src/diff/git.js";
import { outOfOrder } from "../../src/diff/moves.js";

describe("outOfOrder: the fewest items that moved between two orders", () => {
  it.each([
    { sequence: [], moved: [] },
    { sequence: [0, 1, 2, 3], moved: [] },
    { sequence: [1, 2, 3, 0], moved: [3] }, // the first item moved to the end: one move
    { sequence: [3, 0, 1, 2], moved: [0] }, // the last item moved to the front
    { sequence: [0, 2, 1, 3], moved: [2] }, // two neighbours swapped: one of them moved, the one that went towards the end
    { sequence: [0, 3, 4, 1, 2, 5], moved: [3, 4] }, // two blocks of two swapped: the earlier block moved after the other
    { sequence: [3, 2, 1, 0], moved: [1, 2, 3] }, // reversed: all but one, the first moved after the last
    { sequence: [2, 0, 3, 1], moved: [1, 3] }, // two moves needed: of the three ways, the one keeping 2 and 3
  ])("$sequence", ({ sequence, moved }) => {
    expect([...outOfOrder(sequence)].sort()).toEqual(moved);
  });
});

describe("outOfOrder against every order of up to seven items", () => {
  /** The longest increasing subsequence, by trying every subset. */
  const longest = (sequence: readonly number[]) => {
    let best = 0;
    for (let mask = 0; mask < 1 << sequence.length; mask++) {
      const kept = sequence.filter((_, i) => mask & (1 << i));
      if (kept.every((value, i) => i === 0 || kept[i - 1] < value)) best = Math.max(best, kept.length);
    }
    return best;
  };
  const permutations = (items: number[]): number[][] =>
    items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

  it("moves the fewest items, and what stays is in order", () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      for (const sequence of permutations([...Array(n).keys()])) {
        const moved = outOfOrder(sequence);
        const kept = sequence.filter((_, i) => !moved.has(i));
        expect(
          kept.every((value, i) => i === 0 || kept[i - 1] < value),
          String(sequence),
        ).toBe(true);
        expect(kept.length, String(sequence)).toBe(longest(sequence));
      }
    }
  });
});

describe("parseNameStatus: git diff --name-status -z", () => {
  it("reads additions, deletions, changes, renames and copies, with any character in a path", () => {
    const output = [
      "A",
      "new.journey.yaml",
      "D",
      "old.journey.yaml",
      "M",
      "tab\there.journey.yaml",
      "R087",
      "a b.journey.yaml",
      "c\nd.journey.yaml",
      "C100",
      "x.journey.yaml",
      "y.journey.yaml",
      "",
    ].join("\0");
    expect(parseNameStatus(output)).toEqual([
      { status: "added", headPath: "new.journey.yaml" },
      { status: "removed", basePath: "old.journey.yaml" },
      { status: "modified", basePath: "tab\there.journey.yaml", headPath: "tab\there.journey.yaml" },
      { status: "renamed", basePath: "a b.journey.yaml", headPath: "c\nd.journey.yaml" },
      { status: "added", headPath: "y.journey.yaml" },
    ]);
    expect(parseNameStatus("")).toEqual([]);
  });
});
