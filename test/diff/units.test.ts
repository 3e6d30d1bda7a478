import { describe, expect, it } from "vitest";
import { parseNameStatus } from "../../src/diff/git.js";
import { outOfOrder } from "../../src/diff/structure.js";

describe("outOfOrder: the fewest items that moved between two orders", () => {
  it.each([
    { sequence: [], moved: [] },
    { sequence: [0, 1, 2, 3], moved: [] },
    { sequence: [1, 2, 3, 0], moved: [3] }, // the first item moved to the end: one move
    { sequence: [3, 0, 1, 2], moved: [0] }, // the last item moved to the front
    { sequence: [0, 2, 1, 3], moved: [1] }, // two neighbours swapped: one of them moved (ties keep the later)
    { sequence: [3, 2, 1, 0], moved: [0, 1, 2] }, // reversed: all but one
  ])("$sequence", ({ sequence, moved }) => {
    expect([...outOfOrder(sequence)].sort()).toEqual(moved);
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
