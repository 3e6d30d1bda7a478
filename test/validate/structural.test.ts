import { describe, expect, it } from "vitest";
import { check } from "../helpers/index.js";

const HEADER = `journey: 1
id: refs
title: References
`;

/** Every structural finding kind, with the exact place it is reported. */
const cases: {
  name: string;
  text: string;
  config?: object;
  /** `related`: the other place a finding points to (Finding.related), where it has one. */
  expected: { ruleId: string; messageId: string; line: number; column: number; message: RegExp; related?: { line: number; column: number; message: string } }[];
}[] = [
  {
    name: "duplicate step ids are reported at every later occurrence",
    text: `${HEADER}goal: { steps: [a] }
stages:
  - id: s
    steps:
      - { id: a, name: A }
      - { id: a, name: A again }
      - { id: a, name: A thrice }
`,
    expected: [
      {
        ruleId: "duplicate-id",
        messageId: "step",
        line: 9,
        column: 15,
        message: /step id `a` is already used at line 8/,
        related: { line: 8, column: 15, message: "step id `a` first declared here" },
      },
      {
        ruleId: "duplicate-id",
        messageId: "step",
        line: 10,
        column: 15,
        message: /step id `a` is already used at line 8/,
        related: { line: 8, column: 15, message: "step id `a` first declared here" },
      },
    ],
  },
  {
    name: "duplicate stage ids",
    text: `${HEADER}goal: { steps: [a] }
stages:
  - { id: s, steps: [{ id: a, name: A }] }
  - { id: s }
`,
    expected: [
      {
        ruleId: "duplicate-id",
        messageId: "stage",
        line: 7,
        column: 11,
        message: /stage id `s` is already used by stage 1/,
        related: { line: 6, column: 11, message: "stage id `s` first declared here" },
      },
    ],
  },
  {
    name: "next to an unknown step, with a suggestion",
    text: `${HEADER}goal: { steps: [pays] }
stages:
  - id: s
    steps:
      - { id: adds-to-cart, name: Adds, next: [pay] }
      - { id: pays, name: Pays }
`,
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "step",
        line: 8,
        column: 48,
        message: /`next` names `pay`, which is not a step of this journey; did you mean `pays`\?/,
      },
    ],
  },
  {
    name: "a labelled branch to an unknown step",
    text: `${HEADER}goal: { steps: [b] }
stages:
  - id: s
    steps:
      - id: a
        name: A
        type: decision
        next:
          - { to: b, when: yes }
          - { to: nowhere, when: no }
      - { id: b, name: B }
`,
    expected: [{ ruleId: "unknown-reference", messageId: "step", line: 13, column: 19, message: /`nowhere`/ }],
  },
  {
    name: "answers naming a missing step, and one that is not a contact",
    text: `${HEADER}goal: { steps: [c] }
stages:
  - id: s
    steps:
      - { id: a, name: A }
      - { id: b, name: B, type: response, answers: a }
      - { id: c, name: C, type: response, answers: ghost }
`,
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "not-a-contact",
        line: 9,
        column: 52,
        message: /^`answers` names `a`, which is not a contact \(`type: contact`\); this journey has no contacts \(steps with `type: contact`\)$/,
        related: { line: 8, column: 15, message: "step `a` is declared here, without `type: contact`" },
      },
      {
        ruleId: "unknown-reference",
        messageId: "step",
        line: 10,
        column: 52,
        message: /^`answers` names `ghost`, which is not a step of this journey; this journey has no contacts/,
      },
    ],
  },
  {
    name: "answers naming a step that is not a contact lists the contacts; a near miss gets the contact",
    text: `${HEADER}goal: { steps: [d] }
stages:
  - id: s
    steps:
      - { id: asks, name: A, type: contact, channel: web }
      - { id: calls, name: B, type: contact, channel: web }
      - { id: c, name: C, type: response, answers: asks }
      - { id: d, name: D, type: response, answers: c }
      - { id: e, name: E, type: response, answers: ask }
`,
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "not-a-contact",
        line: 11,
        column: 52,
        message: /^`answers` names `c`, which is not a contact \(`type: contact`\); the contacts here are `asks` and `calls`$/,
        related: { line: 10, column: 15, message: "step `c` is declared here, without `type: contact`" },
      },
      {
        ruleId: "unknown-reference",
        messageId: "step",
        line: 12,
        column: 52,
        message: /^`answers` names `ask`, which is not a step of this journey; did you mean `asks`\?$/,
      },
    ],
  },
  {
    name: "entry and goal naming missing steps",
    text: `${HEADER}entry: [a, start]
goal: { steps: [a, finish] }
stages: [{ id: s, steps: [{ id: a, name: A }] }]
`,
    expected: [
      { ruleId: "unknown-reference", messageId: "step", line: 4, column: 12, message: /`entry` names `start`/ },
      { ruleId: "unknown-reference", messageId: "step", line: 5, column: 20, message: /`goal.steps` names `finish`/ },
    ],
  },
  {
    name: "a persona id missing from the catalog",
    text: `${HEADER}persona: gym-regular
goal: { steps: [a] }
stages: [{ id: s, steps: [{ id: a, name: A }] }]
`,
    config: { personas: { "gym-regulars": { name: "Regulars" } } },
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "persona",
        line: 4,
        column: 10,
        message: /^persona `gym-regular` is not in the config's persona catalog, which has `gym-regulars`; did you mean `gym-regulars`\?$/,
      },
    ],
  },
  {
    name: "a persona id with no catalog says where to declare one",
    text: `${HEADER}persona: gym-regular
goal: { steps: [a] }
stages: [{ id: s, steps: [{ id: a, name: A }] }]
`,
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "persona",
        line: 4,
        column: 10,
        message: /: the config has no personas; declare it under `personas:` in journey.config.yaml, or write the persona inline/,
      },
    ],
  },
  {
    name: "a large catalog: the first ten ids and how many more",
    text: `${HEADER}persona: nobody-close
goal: { steps: [a] }
stages: [{ id: s, steps: [{ id: a, name: A }] }]
`,
    config: { personas: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`p${i + 1}`, { name: `P${i + 1}` }])) },
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "persona",
        line: 4,
        column: 10,
        message:
          /^persona `nobody-close` is not in the config's persona catalog, which has `p1`, `p2`, `p3`, `p4`, `p5`, `p6`, `p7`, `p8`, `p9`, `p10` and 3 more$/,
      },
    ],
  },
  {
    name: "team names, only when the config keeps a team catalog",
    text: `${HEADER}owner: cx
goal: { steps: [a] }
stages: [{ id: s, steps: [{ id: a, name: A, actor: suport, owner: support }] }]
`,
    config: { teams: { support: { name: "Support" }, "cx-team": { name: "CX" } } },
    expected: [
      {
        ruleId: "unknown-reference",
        messageId: "team",
        line: 4,
        column: 8,
        message: /^team `cx` is not in the config's team catalog, which has `support` and `cx-team`$/,
      },
      {
        ruleId: "unknown-reference",
        messageId: "team",
        line: 6,
        column: 52,
        message:
          /^team `suport` is not in the config's team catalog, which has `support` and `cx-team` \(an `actor` may also be `customer`, `agent` and `system`\); did you mean `support`\?$/,
      },
    ],
  },
  {
    name: "schema and reference problems are reported together, a node the schema rejects only once",
    text: `${HEADER}goal: { steps: [pays] }
stages:
  - id: s
    steps:
      - { id: looks, name: Looks, chanel: web, next: [pay] }
      - { id: pays, name: Pays, next: [Not An Id] }
`,
    expected: [
      { ruleId: "schema", messageId: "additionalProperties", line: 8, column: 35, message: /unknown key `chanel`/ },
      {
        ruleId: "unknown-reference",
        messageId: "step",
        line: 8,
        column: 55,
        message: /`next` names `pay`, which is not a step of this journey; did you mean `pays`\?/,
      },
      { ruleId: "schema", messageId: "pattern", line: 9, column: 40, message: /`Not An Id` is not a valid id/ },
    ],
  },
  {
    name: "an activity mapped to two steps, at both places (a step id and another step's events)",
    text: `${HEADER}goal: { steps: [pays] }
stages:
  - id: s
    steps:
      - { id: cart, name: Cart, events: [cart_viewed] }
      - { id: pays, name: Pays, events: [payment, cart] }
      - { id: done, name: Done, events: [cart_viewed, done] }
`,
    expected: [
      {
        ruleId: "duplicate-event-mapping",
        messageId: "activity",
        line: 8,
        column: 15,
        message: /activity `cart` is mapped to step `cart` and to step `pays` \(line 9\)/,
      },
      {
        ruleId: "duplicate-event-mapping",
        messageId: "activity",
        line: 8,
        column: 42,
        message: /activity `cart_viewed` is mapped to step `cart` and to step `done` \(line 10\)/,
      },
      {
        ruleId: "duplicate-event-mapping",
        messageId: "activity",
        line: 9,
        column: 51,
        message: /activity `cart` is mapped to step `pays` and to step `cart` \(line 8\)/,
      },
      {
        ruleId: "duplicate-event-mapping",
        messageId: "activity",
        line: 10,
        column: 42,
        message: /activity `cart_viewed` is mapped to step `done` and to step `cart` \(line 8\)/,
      },
    ],
  },
  {
    name: "a step naming its own id among its events is no duplicate; equal step ids are duplicate-id alone",
    text: `${HEADER}goal: { steps: [a] }
stages:
  - id: s
    steps:
      - { id: a, name: A, events: [a, x] }
      - { id: a, name: A again }
`,
    expected: [
      {
        ruleId: "duplicate-id",
        messageId: "step",
        line: 9,
        column: 15,
        message: /step id `a` is already used at line 8/,
        related: { line: 8, column: 15, message: "step id `a` first declared here" },
      },
    ],
  },
];

describe("structural findings", () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { findings } = check(testCase.text, testCase.config);
      expect(findings.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column }))).toEqual(
        testCase.expected.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column })),
      );
      testCase.expected.forEach((expected, i) => {
        expect(findings[i].message).toMatch(expected.message);
        expect(findings[i].severity).toBe("error");
        expect(findings[i].related?.map(({ line, column, message }) => ({ line, column, message }))).toEqual(expected.related && [expected.related]);
      });
    });
  }

  it("does not check team names when there is no catalog", () => {
    const text = `${HEADER}goal: { steps: [a] }\nstages: [{ id: s, steps: [{ id: a, name: A, actor: anyone }] }]\n`;
    expect(check(text).findings).toEqual([]);
  });
});
