/** The two-step journey the analyze hardening tests measure: `a` leads to the goal `b`. */
export const TWO_STEP_JOURNEY = `journey: 1
id: shop
title: Shop
goal: { steps: [b] }
stages:
  - id: s
    steps:
      - id: a
        name: A
        next: [b]
      - id: b
        name: B
`;
