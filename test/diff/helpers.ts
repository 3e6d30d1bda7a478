import { defaultConfig } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { compareVersions } from "../../src/diff/compare.js";
import type { JourneyDiff } from "../../src/diff/types.js";

/** A journey with every feature the change kinds look at: stages, channels, emotions, notes, a contact answered after a handoff, a decision, metrics. */
export const ORDER = `journey: 1
id: order
title: Order
persona: { name: Buyer }
goal: { steps: [pays] }
channels:
  web: { name: Web, mode: async }
  chat: { name: Chat, mode: sync }
  phone: { name: Phone, mode: sync }
stages:
  - id: browse
    steps:
      - id: opens
        name: Opens the shop
        channel: web
        emotion: 1
        metrics: { reached: 1000 }
      - id: compares
        name: Compares offers
        channel: web
        emotion: 0
        pain_points: [Too many tabs]
        opportunities: [Comparison table]
      - id: asks
        name: Asks about delivery
        type: contact
        channel: chat
      - id: forwards
        name: Forwards to logistics
        type: handoff
        owner: support
      - id: answers
        name: Answers the question
        type: response
        answers: asks
        channel: chat
  - id: buy
    steps:
      - id: decides
        name: Decides
        type: decision
        channel: web
        next:
          - { to: pays, when: convinced }
          - { to: leaves, when: not convinced }
      - id: pays
        name: Pays
        channel: web
        emotion: 1
        metrics: { reached: 400 }
        next: []
      - id: leaves
        name: Leaves the shop
        type: end
        outcome: abandoned
`;

/** A shop where a size guide comes before adding to the cart: the neighbours that issue 22's user swapped. */
export const SHOP = `journey: 1
id: shop
title: Shop
persona: { name: Buyer }
goal: { steps: [pays] }
channels:
  web: { name: Web, mode: async }
stages:
  - id: choose
    steps:
      - id: views-product
        name: Views the product
        channel: web
      - id: size-guide
        name: Reads the size guide
        channel: web
        emotion: 1
      - id: add-to-cart
        name: Adds to the cart
        channel: web
      - id: decides
        name: Decides
        type: decision
        channel: web
        next:
          - { to: pays, when: convinced }
          - { to: leaves, when: not convinced }
  - id: buy
    steps:
      - id: pays
        name: Pays
        channel: web
        next: []
      - id: leaves
        name: Leaves the shop
        type: end
        outcome: abandoned
`;

export const SIZE_GUIDE = "      - id: size-guide\n        name: Reads the size guide\n        channel: web\n        emotion: 1\n";
export const ADD_TO_CART = "      - id: add-to-cart\n        name: Adds to the cart\n        channel: web\n";

/** SHOP with the size guide moved after adding to the cart. */
export const SHOP_SWAPPED = SHOP.replace(SIZE_GUIDE + ADD_TO_CART, ADD_TO_CART + SIZE_GUIDE);

/** Replaces one exact piece of text, failing loudly when the journey no longer has it. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the journey has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** Compares two versions of a journey held in memory, as `journey diff old new` does. */
export function diffTexts(baseText: string | undefined, headText: string | undefined, config: ProjectConfig = defaultConfig("/virtual")): JourneyDiff {
  const side = (folder: string, text: string | undefined) =>
    text === undefined ? undefined : { filePath: `/virtual/${folder}/order.journey.yaml`, source: { text }, config };
  const result = compareVersions({ name: "base", commit: null }, { name: "head", commit: null }, [
    { base: side("base", baseText), head: side("head", headText) },
  ]);
  return result.journeys[0];
}

/** A change as the matrix writes it: `kind severity line`, with `base:` before a line in the base file. */
export function brief(diff: JourneyDiff): string[] {
  return diff.changes.map((c) => `${c.kind}${c.rule ? `(${c.rule})` : ""} ${c.severity} ${c.side === "base" ? "base:" : ""}${c.line}`);
}
