import { describe, expect, it } from "vitest";
import { diffFlowDiagram } from "../../src/diff/diagram.js";
import { brief, diffTexts, edit, ORDER, SHOP, SHOP_SWAPPED, SIZE_GUIDE } from "./helpers.js";

/** The Mermaid lines that colour something: classes of steps and styles of transitions. */
const marks = (diagram: string) => diagram.split("\n").filter((line) => /^ {2}(class |linkStyle )|-\.->/.test(line));

describe("a step that moved is one change, with the flow before and after", () => {
  it("a swap of neighbours: one step-moved naming the step that went after the other, no transition changes", () => {
    const diff = diffTexts(SHOP, SHOP_SWAPPED);
    expect(brief(diff)).toEqual(["step-moved info 17"]);
    const [change] = diff.changes;
    expect(change.step).toBe("size-guide");
    expect(change.before).toEqual({ stage: "choose", position: 2, predecessors: ["views-product"], successors: ["add-to-cart"] });
    expect(change.after).toEqual({ stage: "choose", position: 3, predecessors: ["add-to-cart"], successors: ["decides"], swapped_with: "add-to-cart" });
    expect(change.message).toBe(
      "step `size-guide` moved from position 2 to 3 in stage `choose`, swapping places with `add-to-cart`; " +
        "flow `views-product` -> `size-guide` -> `add-to-cart` before, `add-to-cart` -> `size-guide` -> `decides` now",
    );
    // The diagram marks the moved step only (n3 at its new place); the transitions around it are plain.
    expect(marks(diffFlowDiagram(diff)!)).toEqual(["  class n3 changed"]);
  });

  it("the swap undone names the other step, by the same rule", () => {
    const diff = diffTexts(SHOP_SWAPPED, SHOP);
    expect(diff.changes.map((c) => [c.kind, c.step, (c.after as { swapped_with?: string }).swapped_with])).toEqual([
      ["step-moved", "add-to-cart", "size-guide"],
    ]);
  });

  it("explicit next: rewired to keep the flow in the new order, the rewiring is part of the move", () => {
    const explicit = (text: string, order: string[]) =>
      order.reduce(
        (yaml, id, i) => (i + 1 < order.length ? edit(yaml, `      - id: ${id}\n`, `      - id: ${id}\n        next: ${order[i + 1]}\n`) : yaml),
        text,
      );
    const base = explicit(SHOP, ["views-product", "size-guide", "add-to-cart", "decides"]);
    const head = explicit(SHOP_SWAPPED, ["views-product", "add-to-cart", "size-guide", "decides"]);
    const diff = diffTexts(base, head);
    expect(diff.changes.map((c) => `${c.kind} ${c.step}`)).toEqual(["step-moved size-guide"]);
    expect(marks(diffFlowDiagram(diff)!)).toEqual(["  class n3 changed"]);
    // Moved in the file while every next stays: the flow did not change, and the message says so.
    const unchanged = diffTexts(base, explicit(SHOP_SWAPPED, ["views-product", "size-guide", "add-to-cart", "decides"]));
    expect(unchanged.changes.map((c) => `${c.kind} ${c.step}`)).toEqual(["step-moved size-guide"]);
    expect(unchanged.changes[0].message).toContain("; its flow is unchanged (`views-product` -> `size-guide` -> `add-to-cart`)");
  });

  it("a step moved over several others: one change, the gap it left and the one it opened are part of it", () => {
    const views = "      - id: views-product\n        name: Views the product\n        channel: web\n";
    const head = edit(edit(SHOP, views, ""), "      - id: decides\n", views + "      - id: decides\n");
    const diff = diffTexts(SHOP, head);
    // views-product was the entry: the journey now starts at the size guide.
    expect(brief(diff)).toEqual(["entry-changed warning 11", "step-moved info 18"]);
    expect(diff.changes[1].message).toBe(
      "step `views-product` moved from position 1 to 3 in stage `choose`; flow `views-product` -> `size-guide` before, `add-to-cart` -> `views-product` -> `decides` now",
    );
  });

  it("two neighbours moved together past two others: two moves, and still no transition changes", () => {
    const step = (id: string) => `      - id: ${id}\n        name: ${id}\n        channel: web\n`;
    const pair = step("compares") + step("checks-stock");
    const base = edit(SHOP, "      - id: decides\n", pair + "      - id: decides\n");
    const head = edit(edit(base, pair, ""), SIZE_GUIDE, pair + SIZE_GUIDE);
    const diff = diffTexts(base, head);
    // Either pair could be said to have moved: the one that went towards the end is reported.
    expect(diff.changes.map((c) => `${c.kind} ${c.step}`)).toEqual(["step-moved size-guide", "step-moved add-to-cart"]);
    expect(diff.changes.map((c) => (c.after as { swapped_with?: string }).swapped_with)).toEqual([undefined, undefined]);
    expect(marks(diffFlowDiagram(diff)!)).toEqual(["  class n4,n5 changed"]);
  });

  it("a move and a real rewire: the move, and the transitions that are not part of it", () => {
    const branches = "          - { to: leaves, when: not convinced }\n";
    const head = edit(
      SHOP_SWAPPED,
      branches,
      branches + "          - { to: size-guide, when: unsure of the size }\n          - { to: views-product, when: wants another }\n",
    );
    const diff = diffTexts(SHOP, head);
    expect(diff.changes.filter((c) => !c.kind.startsWith("finding")).map((c) => `${c.kind} ${c.message}`)).toEqual([
      "step-moved step `size-guide` moved from position 2 to 3 in stage `choose`, swapping places with `add-to-cart`; flow `views-product` -> `size-guide` -> `add-to-cart` before, `add-to-cart`, `decides` -> `size-guide` -> `decides` now",
      "edge-added decision `decides` has a new branch to `size-guide` (when unsure of the size)",
      "edge-added decision `decides` has a new branch to `views-product` (when wants another)",
    ]);
    const diagram = diffFlowDiagram(diff)!;
    const links = diagram.split("\n").filter((line) => / (-->|-\.->)/.test(line));
    expect(marks(diagram)).toEqual([
      `  linkStyle ${links.indexOf('  n4 -->|"unsure of the size"| n3')} stroke:#2e7d32,stroke-width:3px`,
      `  linkStyle ${links.indexOf('  n4 -->|"wants another"| n1')} stroke:#2e7d32,stroke-width:3px`,
      // The moved step, the decision with its new branches, and the two steps with new lint findings (they loop now).
      "  class n1,n2,n3,n4 changed",
    ]);
    expect(diff.changes.filter((c) => c.kind === "finding-new").map((c) => c.step)).toEqual(["views-product", "add-to-cart"]);
  });

  it("a transition removed next to a move is reported", () => {
    const head = edit(SHOP_SWAPPED, "          - { to: leaves, when: not convinced }\n", "          - { to: views-product, when: not convinced }\n");
    const diff = diffTexts(SHOP, head);
    expect(diff.changes.filter((c) => c.kind.startsWith("edge") || c.kind === "step-moved").map((c) => `${c.kind} ${c.step}`)).toEqual([
      "step-moved size-guide",
      "edge-added decides",
      "edge-removed decides",
    ]);
  });
});

describe("an added or removed step brings the transitions that only follow from it", () => {
  const faq = "      - id: reads-faq\n        name: Reads the FAQ\n        channel: web\n";

  it("inserted where a transition was: one step-added; sent elsewhere: the transition it broke is reported too", () => {
    expect(brief(diffTexts(ORDER, edit(ORDER, "      - id: asks\n", faq + "      - id: asks\n")))).toEqual(["step-added info 24"]);
    const elsewhere = diffTexts(ORDER, edit(ORDER, "      - id: asks\n", faq + "        next: decides\n      - id: asks\n"));
    expect(elsewhere.changes.filter((c) => c.kind.startsWith("edge-") || c.kind.startsWith("step-")).map((c) => c.message)).toEqual([
      "step `reads-faq` (Reads the FAQ) added to stage `browse`",
      "`compares` no longer leads to `asks`",
    ]);
  });

  it("removed, with the flow closing the gap: one step-removed; with the flow going elsewhere, that transition too", () => {
    const compares =
      "      - id: compares\n        name: Compares offers\n        channel: web\n        emotion: 0\n        pain_points: [Too many tabs]\n        opportunities: [Comparison table]\n";
    expect(brief(diffTexts(ORDER, edit(ORDER, compares, "")))).toEqual(["step-removed warning base:18"]);
    const elsewhere = diffTexts(
      ORDER,
      edit(edit(ORDER, compares, ""), "        metrics: { reached: 1000 }\n", "        metrics: { reached: 1000 }\n        next: decides\n"),
    );
    expect(elsewhere.changes.filter((c) => c.kind.startsWith("edge-") || c.kind.startsWith("step-")).map((c) => c.message)).toEqual([
      "`opens` now leads to `decides`",
      "step `compares` (Compares offers) removed from stage `browse`",
    ]);
  });
});
