/** A small workspace: a config with a channel and team catalog, and two journeys that use it. */
export const CONFIG = `channels:
  email: { name: Email, mode: async }
  live-chat: { name: Live chat, mode: sync }
  faq: { name: FAQ page, mode: async, self_service: true }
personas:
  shopper: { name: Shopper }
teams:
  support: { name: Support }
`;

export const CHECKOUT = `journey: 1
id: checkout
title: Checkout
persona: shopper
goal:
  steps: [paid]
stages:
  - id: buy
    name: Buy
    steps:
      - id: asks
        name: Asks about delivery
        type: contact
        channel: emial
        emotion: -1
        next: [answer]
      - id: answer
        name: Support answers
        type: response
        answers: asks
        actor: support
        channel: [email, live-chat]
        next:
          - { to: paid, when: happy }
          - { to: gives-up, when: unhappy }
      - id: paid
        name: Pays
        channel: email
      - id: gives-up
        name: Gives up
        type: end
        outcome: abandoned
`;

export const RETURNS = `journey: 1
id: returns
title: Returns
goal:
  steps: [sends-back]
stages:
  - id: after
    name: After
    steps:
      - id: reads-faq
        name: Reads the FAQ
        channel: faq
        next: [sends-back]
      - id: sends-back
        name: Sends the parcel back
        channel: email
`;
