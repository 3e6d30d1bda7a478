import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.js";
import { plural } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import type { Labels } from "../../src/i18n/types.js";
import { planRender } from "../../src/render/plan.js";
import { lint, RUN_META } from "../helpers/index.js";

/**
 * Labels left equal to the English one on purpose, by language and key path, each with the reason.
 * Anything else equal to English is a label nobody translated.
 */
const SAME_AS_ENGLISH: Record<string, string> = {
  "*:dir": "a writing direction, not text",
  "*:lists.type": "a CLDR list type (Intl.ListFormat), not text",
  "*:breakdown.scope.line": "placeholders and punctuation only; Arabic has its own semicolon",
  "*:map.previewTitle": "the command's name, `journey preview`, typed as it is in every language",
  "pl:persona": "Polish UX writing uses the loanword Persona",
  "da:persona": "Danish UX writing uses the loanword Persona",
  "pl:actors.system": "the same word in Polish",
  "da:actors.system": "the same word in Danish",
  "pl:measured.units.d": "Polish abbreviates dni as d",
  "da:measured.units.d": "Danish abbreviates dage as d",
  "pl:measured.units.min": "minuta: min, as in English",
  "da:measured.units.min": "minut: min, as in English",
  "pl:measured.units.s": "sekunda: s, as in English",
  "da:measured.units.s": "sekund: s, as in English",
};

const PLURAL_CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);

/** Every text label of `labels` by its key path; a plural's forms as `path[category]`. */
function texts(labels: object, path = ""): [string, string][] {
  return Object.entries(labels as Record<string, unknown>).flatMap(([key, value]): [string, string][] => {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === "string") return [[at, value]];
    if (value && typeof value === "object") {
      const forms = Object.keys(value);
      if (forms.every((form) => PLURAL_CATEGORIES.has(form)))
        return Object.entries(value as Record<string, string>).map(([form, text]): [string, string] => [`${at}[${form}]`, text]);
      return texts(value, at);
    }
    return [[at, String(value)]];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const { en } = LANGUAGES;
const english = new Map(texts(en));
/** A plural's English form for a category English does not have (Polish `few`) is its `other`. */
const englishFor = (path: string) => english.get(path) ?? english.get(path.replace(/\[\w+\]$/, "[other]"));

describe("labels of every report language", () => {
  for (const [lang, labels] of Object.entries(LANGUAGES)) {
    const own = texts(labels);
    const paths = new Set(own.map(([path]) => path.replace(/\[\w+\]$/, "")));

    it(`${lang}: defines every English label, none empty, with the same placeholders`, () => {
      const missing = [...english.keys()].map((path) => path.replace(/\[\w+\]$/, "")).filter((path) => !paths.has(path));
      expect(missing).toEqual([]);
      expect(own.filter(([, text]) => text.trim() === "").map(([path]) => path)).toEqual([]);
      const wrong = own.flatMap(([path, text]) => {
        const expected = englishFor(path);
        if (expected === undefined) return [`${path}: not an English label`];
        const mine = placeholders(text);
        // A plural form may leave the number out where the word says it ("خطوة واحدة", one step).
        const ok = path.endsWith("]") ? mine.every((name) => placeholders(expected).includes(name)) : mine.join() === placeholders(expected).join();
        return ok ? [] : [`${path}: {${mine.join("}, {")}} where English has {${placeholders(expected).join("}, {")}}`];
      });
      expect(wrong).toEqual([]);
      for (const form of Object.keys(labels.shortestPathSteps)) expect(new Intl.PluralRules(lang).resolvedOptions().pluralCategories).toContain(form);
    });

    if (lang === "en") continue;
    it(`${lang}: no label is left in English unless listed with its reason`, () => {
      const untranslated = own
        .filter(([path, text]) => english.get(path) === text && !SAME_AS_ENGLISH[`${lang}:${path}`] && !SAME_AS_ENGLISH[`*:${path}`])
        .map(([path, text]) => `${path} = ${text}`);
      expect(untranslated).toEqual([]);
    });
  }

  it("lists no allowed English label that has since been translated (the list stays true)", () => {
    const stale = Object.keys(SAME_AS_ENGLISH).filter((entry) => {
      const [lang, path] = entry.split(":");
      const langs = lang === "*" ? Object.keys(LANGUAGES).filter((l) => l !== "en") : [lang];
      return langs.every((l) => new Map(texts(LANGUAGES[l])).get(path) !== english.get(path));
    });
    expect(stale).toEqual([]);
  });
});

describe("a heading before one item is in the singular", () => {
  const ONE_EACH = `journey: 1
id: one-each
title: One of each
goal: { steps: [pays] }
stages:
  - id: purchase
    steps:
      - id: pays
        name: Pays
        channel: web
        pain_points: [Only one card accepted]
        opportunities: [Accept invoices]
`;
  const config = { ...defaultConfig("/virtual"), channels: { web: { name: "Website", mode: "async" as const } } };
  const report = (labels: Labels) =>
    planRender([{ result: lint(ONE_EACH, config), config }], { labels, outDir: "/virtual/out", projectRoot: "/virtual", ...RUN_META }).files.find(
      (f) => f.name === "one-each.md",
    )!.content;

  for (const [lang, labels] of Object.entries(LANGUAGES)) {
    it(`${lang}: "${labels.painPoint}: ...", "${labels.opportunity}: ..." and the goal's one step`, () => {
      // Right-to-left reports isolate user text (FSI/PDI); the words around it are what is tested here.
      const text = report(labels).replace(/[\u2068\u2069]/g, "");
      expect(text).toContain(`- ${labels.painPoint}: Only one card accepted`);
      expect(text).toContain(`- ${labels.opportunity}: Accept invoices`);
      expect(text).toContain(`${plural(labels, labels.goalReachedAt, 1)}: Pays`);
      expect(labels.painPoint).not.toBe(labels.painPoints);
    });
  }
});
