import { edit, ORDER } from "./helpers.js";

const OPENS = "      - id: opens\n        name: Opens the shop\n        channel: web\n        emotion: 1\n        metrics: { reached: 1000 }\n";

/** The journey's own rule settings switching touchpoint-unanswered off (replaces ORDER's first line). */
const RULE_OFF = "journey: 1\nrules: { touchpoint-unanswered: off }\n";

const ANSWERS_BLOCK = `      - id: forwards
        name: Forwards to logistics
        type: handoff
        owner: support
`;

/**
 * One case per change kind (some cases show a kind and its opposite): the two versions, and every
 * change expected, as `kind severity line` (`base:` marks a line in the base file).
 */
export const CASES: { name: string; kinds: string[]; base?: string; head?: string; expected: string[] }[] = [
  {
    name: "a new journey file",
    kinds: ["journey-added"],
    base: undefined,
    head: ORDER,
    expected: [
      "journey-added info 2",
      "finding-new(persona-missing) warning 4",
      "finding-new(feedback-missing) info 5",
      "finding-new(channel-unused) info 9",
      "finding-new(self-service-missing) warning 24",
      "finding-new(single-support-channel) warning 24",
    ],
  },
  { name: "a deleted journey file", kinds: ["journey-removed"], base: ORDER, head: undefined, expected: ["journey-removed warning base:2"] },
  {
    name: "the journey's id changed",
    kinds: ["journey-id-changed"],
    head: edit(ORDER, "id: order", "id: purchase-order"),
    expected: ["journey-id-changed info 2"],
  },
  {
    name: "a step inserted",
    kinds: ["step-added"],
    head: edit(ORDER, "      - id: asks\n", "      - id: reads-faq\n        name: Reads the FAQ\n        channel: web\n      - id: asks\n"),
    // `compares` -> `asks`, which the new step now stands in, comes with it.
    expected: ["step-added info 24"],
  },
  {
    name: "a step deleted",
    kinds: ["step-removed"],
    head: edit(
      ORDER,
      "      - id: compares\n        name: Compares offers\n        channel: web\n        emotion: 0\n        pain_points: [Too many tabs]\n        opportunities: [Comparison table]\n",
      "",
    ),
    // `opens` -> `asks`, which closes the gap, comes with the removal.
    expected: ["step-removed warning base:18"],
  },
  {
    name: "a step moved to another stage",
    kinds: ["step-moved"],
    head: edit(edit(ORDER, OPENS, ""), "      - id: decides\n", OPENS + "      - id: decides\n"),
    // The transitions around `opens`, and `answers` -> `decides` that it now stands in, are part of the move.
    expected: ["entry-changed warning 13", "step-moved info 34"],
  },
  {
    name: "a step renamed",
    kinds: ["step-renamed"],
    head: edit(ORDER, "name: Compares offers", "name: Compares three offers"),
    expected: ["step-renamed info 19"],
  },
  {
    name: "a step's type changed",
    kinds: ["step-type-changed"],
    head: edit(ORDER, "        name: Pays\n", "        name: Pays\n        type: end\n        outcome: success\n"),
    expected: ["step-type-changed info 48"],
  },
  {
    name: "a stage added",
    kinds: ["stage-added"],
    head: ORDER + "  - id: after\n    steps:\n      - id: reviews\n        name: Writes a review\n        channel: web\n",
    expected: ["stage-added info 56", "finding-new(dead-end) error 58", "finding-new(unreachable-step) warning 58", "step-added info 58"],
  },
  {
    name: "a stage's steps merged into the stage before",
    kinds: ["stage-removed"],
    head: edit(ORDER, "  - id: buy\n    steps:\n", ""),
    expected: ["step-moved info 37", "step-moved info 44", "step-moved info 50", "stage-removed info base:37"],
  },
  {
    name: "stages swapped",
    kinds: ["stage-reordered"],
    head: (() => {
      const [head, rest] = ORDER.split("stages:\n");
      const at = rest.indexOf("  - id: buy");
      return `${head}stages:\n${rest.slice(at)}${rest.slice(0, at)}`;
    })(),
    // Either stage could be said to have moved: the one that went towards the end is reported.
    expected: [
      "entry-changed warning 13",
      "stage-reordered info 30",
      "finding-new(unreachable-step) warning 32",
      "finding-new(unreachable-step) warning 37",
      "finding-new(unreachable-step) warning 43",
      "finding-new(unreachable-step) warning 47",
      "finding-new(dead-end) error 51",
      "finding-new(unreachable-step) warning 51",
      "edge-removed warning base:32",
    ],
  },
  {
    name: "the journey starts elsewhere",
    kinds: ["entry-changed"],
    head: edit(ORDER, "goal: { steps: [pays] }", "entry: compares\ngoal: { steps: [pays] }"),
    expected: ["entry-changed warning 5", "finding-new(unreachable-step) warning 14"],
  },
  {
    name: "the goal changed",
    kinds: ["goal-changed"],
    head: edit(ORDER, "goal: { steps: [pays] }", "goal: { steps: [pays, leaves] }"),
    expected: ["goal-changed warning 5"],
  },
  {
    name: "a decision branch added",
    kinds: ["edge-added"],
    head: edit(
      ORDER,
      "          - { to: leaves, when: not convinced }\n",
      "          - { to: leaves, when: not convinced }\n          - { to: asks, when: has a question }\n",
    ),
    expected: ["finding-new(back-and-forth) warning 24", "edge-added info 46"],
  },
  {
    name: "a decision branch removed",
    kinds: ["edge-removed"],
    head: edit(ORDER, "          - { to: leaves, when: not convinced }\n", ""),
    expected: ["finding-new(decision-single-branch) warning 44", "finding-new(unreachable-step) warning 51", "edge-removed warning base:45"],
  },
  {
    name: "a branch to another journey added",
    kinds: ["link-added"],
    head: edit(
      ORDER,
      "          - { to: leaves, when: not convinced }\n",
      "          - { to: leaves, when: not convinced }\n          - { to: refund#asks, when: wants a refund }\n",
    ),
    expected: ["link-added info 46"],
  },
  {
    name: "a link to another journey removed",
    kinds: ["link-removed"],
    base: edit(ORDER, "        metrics: { reached: 400 }\n        next: []\n", "        metrics: { reached: 400 }\n        next: [delivery#tracks]\n"),
    head: ORDER,
    expected: ["link-removed warning base:51"],
  },
  { name: "emotion up", kinds: ["emotion-better"], head: edit(ORDER, "        emotion: 0\n", "        emotion: 2\n"), expected: ["emotion-better info 21"] },
  {
    name: "emotion down",
    kinds: ["emotion-worse"],
    head: edit(ORDER, "        emotion: 0\n", "        emotion: -2\n"),
    expected: ["emotion-worse warning 21"],
  },
  {
    name: "a pain point added",
    kinds: ["pain-point-added"],
    head: edit(ORDER, "[Too many tabs]", "[Too many tabs, Slow page]"),
    expected: ["pain-point-added warning 22"],
  },
  {
    name: "a pain point removed",
    kinds: ["pain-point-removed"],
    head: edit(ORDER, "        pain_points: [Too many tabs]\n", ""),
    expected: ["pain-point-removed info base:22"],
  },
  {
    name: "an opportunity added",
    kinds: ["opportunity-added"],
    head: edit(ORDER, "[Comparison table]", "[Comparison table, Filters]"),
    expected: ["opportunity-added info 23"],
  },
  {
    name: "an opportunity removed",
    kinds: ["opportunity-removed"],
    head: edit(ORDER, "        opportunities: [Comparison table]\n", ""),
    expected: ["opportunity-removed info base:23"],
  },
  {
    name: "a channel replaced",
    kinds: ["channel-changed"],
    head: edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: phone\n"),
    expected: ["channel-changed info 27", "finding-fixed(channel-unused) info base:9"],
  },
  {
    // Reported once: the new touchpoint-unanswered finding absorbs contact-unanswered.
    name: "a contact loses its answer",
    kinds: ["finding-new"],
    head: edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n"),
    expected: [
      "finding-new(touchpoint-unanswered) error 24",
      "edge-added info 28",
      "finding-new(unreachable-step) warning 29",
      "finding-new(unreachable-step) warning 33",
      "edge-removed warning base:24",
    ],
  },
  {
    // Reported once: the fixed touchpoint-unanswered finding absorbs contact-answered.
    name: "a contact gets its answer",
    kinds: ["finding-fixed"],
    base: edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n"),
    head: ORDER,
    expected: [
      "edge-added info 24",
      "finding-fixed(touchpoint-unanswered) info base:24",
      "edge-removed warning base:28",
      "finding-fixed(unreachable-step) info base:29",
      "finding-fixed(unreachable-step) info base:33",
    ],
  },
  {
    // With touchpoint-unanswered off there is no finding to absorb it: contact-unanswered is reported.
    name: "a contact loses its answer, the rule off",
    kinds: ["contact-unanswered"],
    base: RULE_OFF + ORDER.slice("journey: 1\n".length),
    head:
      RULE_OFF +
      edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n").slice(
        "journey: 1\n".length,
      ),
    expected: [
      "contact-unanswered warning 25",
      "edge-added info 29",
      "finding-new(unreachable-step) warning 30",
      "finding-new(unreachable-step) warning 34",
      "edge-removed warning base:25",
    ],
  },
  {
    name: "a contact gets its answer, the rule off",
    kinds: ["contact-answered"],
    base:
      RULE_OFF +
      edit(ORDER, "        type: contact\n        channel: chat\n", "        type: contact\n        channel: chat\n        next: decides\n").slice(
        "journey: 1\n".length,
      ),
    head: RULE_OFF + ORDER.slice("journey: 1\n".length),
    expected: [
      "contact-answered info 25",
      "edge-added info 25",
      "edge-removed warning base:29",
      "finding-fixed(unreachable-step) info base:30",
      "finding-fixed(unreachable-step) info base:34",
    ],
  },
  {
    name: "a second handoff",
    kinds: ["handoff-added"],
    head: edit(
      ORDER,
      ANSWERS_BLOCK,
      ANSWERS_BLOCK + "      - id: escalates\n        name: Escalates to the carrier\n        type: handoff\n        owner: logistics\n",
    ),
    expected: ["handoff-added warning 24", "handoff-added warning 32", "step-added info 32"],
  },
  {
    name: "the handoff removed",
    kinds: ["handoff-removed"],
    head: edit(ORDER, ANSWERS_BLOCK, ""),
    expected: ["handoff-removed info 24", "handoff-removed info base:28", "step-removed warning base:28"],
  },
  {
    name: "measured reach changed",
    kinds: ["metrics-changed"],
    head: edit(ORDER, "{ reached: 400 }", "{ reached: 350 }"),
    expected: ["metrics-changed info 50"],
  },
];
