import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatList, formatPercent, formatSigned } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { ROOT } from "../helpers/index.js";

const FSI = "\u2068";
const PDI = "\u2069";
const LRM = "\u200e";
const doc = (name: string) => readFileSync(join(ROOT, "examples", "docs", name), "utf8");

describe("lists as each language writes them (Intl.ListFormat)", () => {
  it.each([
    ["en", "a, b, and c"],
    ["da", "a, b og c"],
    ["pl", "a, b i c"],
    ["ru", "a, b и c"],
    ["bg", "a, b и c"],
    ["ar", "a، وb، وc"],
  ])("%s: %s", (lang, expected) => expect(formatList(LANGUAGES[lang], ["a", "b", "c"])).toBe(expected));

  it("the Danish example's channels and the Arabic example's figures", () => {
    expect(doc("fitnesscenter-besoegende.md")).toContain("| Kanaler | Søgemaskine, Hjemmeside, FAQ-side, App og Butik |");
    const ar = doc("saas-trial.md");
    // No findings is said in words, not as three zeros joined like a list.
    expect(ar).toContain(`| ${LANGUAGES.ar.findings} | ${LANGUAGES.ar.healthy} |`);
    expect(ar).toContain(`| ${LANGUAGES.ar.channels} | ${FSI}محرك البحث${PDI}، و${FSI}الموقع الإلكتروني${PDI}، و`);
  });
});

describe("the Arabic example's report, right to left", () => {
  const ar = doc("saas-trial.md");
  const lines = ar.split("\n");
  const mermaid = ar.match(/```mermaid[\s\S]*?```/g) ?? [];

  it("isolates user text where it meets labels: persona, goal, lists, outcomes, pain points", () => {
    expect(ar).toContain(`## ${LANGUAGES.ar.persona}: ${FSI}قائدة فريق في تجربة مجانية${PDI}`);
    expect(ar).toContain(`${LANGUAGES.ar.goalReachedAt.one}: ${FSI}`);
    expect(ar).toContain(`${PDI} (${LANGUAGES.ar.outcomes.abandoned})`);
    expect(ar).toContain(`- ${LANGUAGES.ar.painPoint}: ${FSI}`);
  });

  it("pairs every isolate on its line, and never puts one in a link target or a diagram", () => {
    for (const line of lines) expect(line.split(FSI).length, line).toBe(line.split(PDI).length);
    expect(ar).not.toMatch(/\]\([^)]*[\u2068\u2069]/);
    expect(mermaid.length).toBeGreaterThan(0);
    for (const block of mermaid) expect(block).not.toMatch(/[\u2068\u2069]/);
  });

  it("keeps the sign of an emotion on the number's left: the locale's signed format, LRM before the sign", () => {
    expect(formatSigned(LANGUAGES.ar, -2)).toBe(`${LRM}-2`);
    expect(formatSigned(LANGUAGES.da, -2)).toBe("-2");
    // A share that went the other way (more customers after a step than at it) likewise.
    expect(formatPercent(LANGUAGES.ar, -0.1)).toBe(`${LRM}-10${LRM}%${LRM}`);
    const table = lines.filter((line) => line.startsWith("| "));
    expect(table.some((line) => line.includes(`${LRM}-1 ${LANGUAGES.ar.emotions["-1"]}`))).toBe(true);
    for (const line of table) expect(line).not.toMatch(/(?<![\u200e\w])[-+][12] /);
  });

  it("left-to-right reports carry no isolates or marks", () => {
    for (const name of ["cat-fountain-purchase.md", "fitnesscenter-besoegende.md", "porzucony-koszyk.md"])
      expect(doc(name)).not.toMatch(/[\u2068\u2069\u200e]/);
  });
});
