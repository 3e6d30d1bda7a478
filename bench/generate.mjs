// Seeded generator of the benchmark corpora (docs: bench/README.md).
// (a) `count` journeys of about 30 steps with decisions, contacts, handoffs and metrics, in a
//     folder tree under one config; (b) single journeys of N steps with 60 chained decisions.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small, fast, seeded PRNG, so every run measures the same files. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = {
  website: "{ name: Website, mode: async, kind: digital }",
  email: "{ name: Email, mode: async }",
  "live-chat": "{ name: Live chat, mode: sync, kind: human }",
  phone: "{ name: Phone, mode: sync, kind: human }",
  faq: "{ name: FAQ page, mode: async, self_service: true }",
  store: "{ name: Store, mode: sync, kind: physical }",
};
const TEAMS = ["support", "billing", "logistics", "sales", "tech"];
const STAGES = ["awareness", "consideration", "purchase", "retention", "advocacy"];
const WORDS =
  "customer opens compares asks waits pays receives returns shares reads checks chooses order parcel invoice delivery refund account basket review discount app store chat".split(
    " ",
  );

export function configText() {
  return [
    "extends: recommended",
    'include: ["**/*.journey.yaml"]',
    "channels:",
    ...Object.entries(CHANNELS).map(([id, spec]) => `  ${id}: ${spec}`),
    "personas:",
    "  shopper: { name: Shopper, goals: [Buy quickly, Know the delivery date] }",
    "teams:",
    ...TEAMS.map((t) => `  ${t}: { name: ${t[0].toUpperCase()}${t.slice(1)} }`),
    "",
  ].join("\n");
}

/** One realistic journey of about `size` steps. */
export function journeyText(index, rand, size = 30) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const phrase = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const lines = [
    "journey: 1",
    `id: journey-${index}`,
    `title: "Journey ${index}: ${phrase(4)}"`,
    "persona: shopper",
    "rules: { path-too-long: [warning, { max: 40 }] }",
    "goal:",
    `  description: ${phrase(3)}`,
    "  steps: [goal-step]",
    "stages:",
  ];
  let step = 0;
  const perStage = Math.ceil(size / STAGES.length);
  for (const stage of STAGES) {
    lines.push(`  - id: ${stage}`, "    steps:");
    for (let i = 0; i < perStage && step < size; i++, step++) {
      const id = step === size - 3 ? "goal-step" : `s${step}`;
      const kind = step % 10;
      const reached = Math.max(0, 10000 - step * 250 - Math.floor(rand() * 100));
      lines.push(`      - id: ${id}`, `        name: ${phrase(5)}`);
      if (kind === 3) {
        lines.push("        type: contact", "        channel: [live-chat, email]", `        emotion: -1`, `        pain_points: [${phrase(4)}]`);
      } else if (kind === 4) {
        lines.push("        type: handoff", `        from: ${pick(TEAMS)}`, `        to: ${pick(TEAMS)}`);
      } else if (kind === 5) {
        lines.push("        type: response", `        answers: s${step - 2}`, "        actor: support", "        channel: email", "        emotion: 1");
      } else if (kind === 7 && step + 2 < size - 3) {
        lines.push(
          "        type: decision",
          "        channel: website",
          "        next:",
          `          - { to: s${step + 1}, when: ${phrase(2)} }`,
          `          - { to: s${step + 2}, when: ${phrase(2)} }`,
        );
      } else {
        const emotion = Math.floor(rand() * 4) - 1;
        lines.push(
          `        channel: ${step === 0 ? "faq" : pick(["website", "faq", "store", "email"])}`,
          `        emotion: ${emotion}`,
          `        thoughts: "${phrase(6)}"`,
        );
        if (emotion < 0 || rand() < 0.3) lines.push(`        opportunities: [${phrase(4)}]`);
      }
      lines.push(`        metrics: { reached: ${reached} }`);
      if (step === size - 1) lines.push("        collects: feedback", "        type: end", "        outcome: success");
    }
  }
  return lines.join("\n") + "\n";
}

/** Corpus (a): `count` journeys in a tree teams/<team>/<area>/, with the config at the top. */
export function writeCorpusA(dir, count, seed = 42) {
  const rand = random(seed);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "journey.config.yaml"), configText());
  const files = [];
  for (let i = 0; i < count; i++) {
    const folder = join(dir, "teams", TEAMS[i % TEAMS.length], `area-${Math.floor(i / 25)}`);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `journey-${i}.journey.yaml`);
    writeFileSync(file, journeyText(i, rand));
    files.push(file);
  }
  return files;
}

/** Corpus (b): one journey of `steps` steps with 60 chained decisions (2^60 paths). */
export function writeLongJourney(file, steps, seed = 7) {
  const rand = random(seed);
  const lines = [
    "journey: 1",
    `id: long-${steps}`,
    "title: A very long journey",
    "persona: shopper",
    `goal: { steps: [s${steps - 1}] }`,
    "rules: { path-too-long: [warning, { max: 1000000 }] }",
    "stages:",
    "  - id: all",
    "    steps:",
  ];
  const every = Math.floor(steps / 61);
  for (let i = 0; i < steps; i++) {
    const decision = i > 0 && i % every === 0 && i / every <= 60 && i + 2 < steps;
    let line = `      - { id: s${i}, name: "step ${i} ${WORDS[Math.floor(rand() * WORDS.length)]}", channel: [website, email]`;
    if (decision) line += `, type: decision, next: [{ to: s${i + 1}, when: yes }, { to: s${i + 2}, when: no }]`;
    if (i === steps - 1) line += ", collects: feedback";
    lines.push(line + " }");
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

/**
 * The next version of a generated journey, changed as a pull request would change it: one
 * emotion worse, one step renamed, one step inserted (which moves the implicit flow), one pain
 * point added. Every journey of the corpus changes, so `journey diff` compares them all.
 */
export function changedJourneyText(text) {
  return text
    .replace("        emotion: -1\n", "        emotion: -2\n")
    .replace(/( {6}- id: s1\n {8}name: )/, "$1renamed ")
    .replace(
      "      - id: s2\n",
      "      - id: s2-new\n        name: a new step\n        channel: website\n        pain_points: [waits for the page]\n      - id: s2\n",
    );
}

/**
 * The growth cases of issue 14, each linear since: (1) one decision with `branches` branches, all
 * joining again (render); (2) `steps` steps, each silenced by a `journey-disable-next-line`
 * comment (lint); (3) `steps` steps with one finding each (lint --format junit).
 */
export function writeGrowthJourney(file, kind, size) {
  const head = [
    "journey: 1",
    `id: ${kind}-${size}`,
    "title: Growth",
    "persona: { name: Visitor, goals: [Find out] }",
    "channels: { web: { name: Web, mode: async } }",
    `goal: { steps: [${kind === "branches" ? "done" : `s${size - 1}`}] }`,
    "stages:",
    "  - id: all",
    "    steps:",
  ];
  const lines = [];
  if (kind === "branches") {
    lines.push(
      `      - { id: start, name: Starts, channel: web, type: decision, next: [${Array.from({ length: size }, (_, i) => `{ to: b${i}, when: case ${i} }`).join(", ")}] }`,
    );
    for (let i = 0; i < size; i++) lines.push(`      - { id: b${i}, name: Branch ${i}, channel: web, next: [done] }`);
    lines.push("      - { id: done, name: Done, channel: web, collects: feedback }");
  } else {
    for (let i = 0; i < size; i++) {
      if (kind === "directives") lines.push("      # journey-disable-next-line emotion-unaddressed");
      lines.push(`      - { id: s${i}, name: Step ${i}, channel: web, emotion: -2${i + 1 < size ? `, next: [s${i + 1}]` : ", collects: feedback"} }`);
    }
  }
  writeFileSync(file, [...head, ...lines].join("\n") + "\n");
}
