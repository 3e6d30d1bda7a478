import { describe, expect, it } from "vitest";
import { parseJourneyLink } from "../../src/model/journey-link.js";
import { check } from "../helpers/index.js";

/**
 * The id pattern (`$defs/id`: lowercase words of any script joined by single hyphens) is checked
 * by the generated validator with a lowercase-ASCII pattern first and the Unicode pattern only
 * when that fails (scripts/build-schemas.mjs, lazyRegExp), and journey links build their Unicode
 * pattern only for a target with `#`: both must answer exactly as the pattern as written.
 */
const IDS: { id: string; valid: boolean }[] = [
  { id: "buys", valid: true },
  { id: "step-2-pays", valid: true },
  { id: "2fa", valid: true },
  { id: "купує-квиток", valid: true }, // Cyrillic: only the Unicode pattern
  { id: "يقرأ-مقالة", valid: true }, // Arabic letters (Lo)
  { id: "café-visit", valid: true }, // ASCII with one other letter: falls through to the Unicode pattern
  { id: "Buys", valid: false },
  { id: "Купує", valid: false }, // an uppercase Cyrillic letter fails both
  { id: "buys--pays", valid: false },
  { id: "buys-", valid: false },
  { id: "-buys", valid: false },
  { id: "buys_pays", valid: false },
  { id: "buys pays", valid: false },
];

const journey = (id: string) => `journey: 1
id: ids
title: Ids
goal: { steps: ["${id}"] }
stages:
  - id: s
    steps:
      - { id: "${id}", name: Step, channel: web }
`;

describe("ids: the fast ASCII check agrees with the Unicode pattern", () => {
  it.each(IDS)("`$id` is valid: $valid", ({ id, valid }) => {
    const patternFindings = check(journey(id)).findings.filter((f) => f.ruleId === "schema" && f.messageId === "pattern");
    // A bad id is reported where the step names it and where the goal does.
    expect(patternFindings.length).toBe(valid ? 0 : 2);
    expect(valid).toBe(/^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+)*$/u.test(id));
  });

  it.each(IDS)("a link to `$id`#`$id` is a link: $valid", ({ id, valid }) => {
    expect(parseJourneyLink(`${id}#${id}`)).toEqual(valid ? { journey: id, step: id } : undefined);
    expect(parseJourneyLink(id)).toBeUndefined();
  });
});
