/** Files written by `journey init`. `{{schemas}}` becomes the path of the published schemas, `{{journey}}` the command that runs journey there. */

export const CONFIG_TEMPLATE = `# yaml-language-server: $schema={{schemas}}/journey-config.schema.json
# journey project config: shared catalogs, rule settings and render defaults.
# Format reference: docs/format.md in the journey-maps package (\`npm ls journey-maps\` shows where it is installed).

# Rule preset: recommended (default), strict (every rule an error) or none.
extends: recommended

# What \`journey validate\` and \`journey lint\` check when given no paths.
include: ["**/*.journey.yaml"]
ignore: ["**/drafts/**"]

# Override single rules: off | info | warning | error, or [severity, { options }].
rules: {}

# Channels every journey may use, by id.
channels:
  website: { name: Website, mode: async, kind: digital }
  email: { name: Email, mode: async, kind: digital }
  live-chat: { name: Live chat, mode: sync, kind: human }
  faq: { name: FAQ page, mode: async, self_service: true, kind: digital }

# Personas journeys name with \`persona: <id>\`.
personas:
  first-time-buyer:
    name: First-time buyer
    goals: [Buy without surprises]

# Teams named in \`actor\`, \`owner\`, \`from\` and \`to\`.
teams:
  support: { name: Customer support }
`;

export const JOURNEY_TEMPLATE = `# yaml-language-server: $schema={{schemas}}/journey.schema.json
# A customer journey: a persona working towards a goal, stage by stage.
# Check it with \`{{journey}} lint\`; the format is described in docs/format.md.
journey: 1                         # format version
id: first-purchase                 # lowercase words joined by hyphens; unique in the project
title: First purchase on the website
persona: first-time-buyer          # an id from journey.config.yaml, or an inline persona
goal:
  description: The customer places an order
  steps: [places-order]            # the step(s) that count as reaching the goal

stages:
  - id: awareness
    steps:
      - id: finds-shop
        name: Finds the shop through a search
        channel: website           # every step the customer sees happens on a channel
        emotion: 1                 # -2 very negative .. 2 very positive
        thoughts: "This looks like what I need"

  - id: consideration
    steps:
      - id: asks-about-delivery
        name: Asks in the chat when the order would arrive
        type: contact              # the customer reaches out...
        channel: [live-chat, email]  # alternatives the customer may use
        emotion: -1
        pain_points: [Delivery times are not on the product page]
        opportunities: [Show delivery dates next to the price]
      - id: agent-answers
        name: An agent answers with the delivery date
        type: response             # ...and gets an answer
        answers: asks-about-delivery
        actor: support
        channel: live-chat
        emotion: 1
      - id: reads-faq
        name: Reads the returns policy in the FAQ
        channel: faq

  - id: purchase
    steps:
      - id: places-order
        name: Places the order
        channel: website
        emotion: 2

  - id: retention
    steps:
      - id: rates-purchase
        name: Rates the purchase in a follow-up email
        channel: email
        collects: feedback         # a survey, review request or interview
        type: end
        outcome: success
`;
