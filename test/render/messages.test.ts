import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/finding.js";
import { markdownCellIsolated } from "../../src/escape/markdown.js";
import { findingMessage, findingMessageParts } from "../../src/i18n/finding-message.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { MESSAGES } from "../../src/i18n/messages/index.js";
import { RULES } from "../../src/rules/registry.js";
import { placeholdersOf, pluralFormsOf } from "../../src/util/message-template.js";
import { lint, MINIMAL, runCli, tempProject } from "../helpers/index.js";

const FSI = "\u2068";
const PDI = "\u2069";
const ENGLISH = new Map(RULES.flatMap((rule) => Object.entries(rule.meta.messages).map(([id, text]) => [`${rule.meta.id}/${id}`, text] as const)));

describe("rule messages in every report language", () => {
  it("every report language but English has a message catalog, and English has none (findings carry it)", () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(
      Object.keys(LANGUAGES)
        .filter((lang) => lang !== "en")
        .sort(),
    );
  });

  for (const [lang, catalog] of Object.entries(MESSAGES)) {
    it(`${lang}: every rule message, no other, with the English placeholders, translated, with a word for each plural category`, () => {
      expect(Object.keys(catalog).sort()).toEqual([...ENGLISH.keys()].sort());
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort();
      for (const [key, english] of ENGLISH) {
        const text = catalog[key];
        expect(placeholdersOf(text), `${lang} ${key}: the same placeholders as English`).toEqual(placeholdersOf(english));
        expect(text, `${lang} ${key}: translated`).not.toBe(english);
        for (const [name, forms] of pluralFormsOf(text))
          expect(forms.sort(), `${lang} ${key}: {{${name}|...}} gives every plural category`).toEqual(categories);
      }
    });
  }

  it("English plural words give English's categories", () => {
    for (const [key, english] of ENGLISH) for (const [, forms] of pluralFormsOf(english)) expect(forms.sort(), key).toEqual(["one", "other"]);
  });
});

describe("findingMessage: a finding in the report's language", () => {
  const loop = (ids: string[]): Finding => ({
    ruleId: "back-and-forth",
    messageId: "loop",
    severity: "warning",
    message: "english",
    data: { steps: ids },
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
  });

  it("joins lists of ids as the language does, and counts what a long list leaves out", () => {
    expect(findingMessage(loop(["a", "b", "c"]), LANGUAGES.da)).toBe(
      "kunden kan gå i ring her: trinnene `a`, `b` og `c` fører tilbage til hinanden uden at nå målet",
    );
    expect(findingMessage(loop(["a", "b", "c", "d", "e", "f", "g"]), LANGUAGES.ru)).toContain("`a`, `b`, `c`, `d`, `e` и ещё 2 ведут");
    expect(findingMessage(loop(["a", "b"]), LANGUAGES.en)).toBe("english");
  });

  it("in Arabic: CLDR's list with the Arabic comma, every code span isolated, negative numbers with the sign on the left", () => {
    const text = findingMessage(loop(["a", "b", "c"]), LANGUAGES.ar);
    expect(text).toContain("`a`، و`b`، و`c`");
    expect(text).not.toContain(", ");
    // Isolated in the report's cell after escaping, code spans kept as code: the isolates are the renderer's.
    expect(markdownCellIsolated(findingMessageParts(loop(["a", "b"]), LANGUAGES.ar))).toContain(`${FSI}\`a\`${PDI} و${FSI}\`b\`${PDI}`);
    expect(markdownCellIsolated(findingMessageParts(loop(["a\u2069b"]), LANGUAGES.ar))).toContain(`${FSI}\`a\\u2069b\`${PDI}`);
    const emotion = lint(MINIMAL.replace("channel: web", "channel: web\n        emotion: -2")).findings.find((f) => f.ruleId === "emotion-unaddressed")!;
    expect(findingMessage(emotion, LANGUAGES.ar)).toContain("(الشعور \u200e-2)");
    expect(findingMessage(emotion, LANGUAGES.da)).toContain("(følelse -2)");
  });

  it("writes numbers with the locale's grouping and plural words in its forms", () => {
    const finding = (count: number): Finding => ({ ...loop([]), ruleId: "too-many-handoffs", messageId: "tooMany", data: { step: "asks", count, max: 3 } });
    expect(findingMessage(finding(4), LANGUAGES.pl)).toContain("przez 4 przekazania,");
    expect(findingMessage(finding(5), LANGUAGES.pl)).toContain("przez 5 przekazań,");
    expect(findingMessage(finding(12345), LANGUAGES.ru)).toContain("через 12\u00a0345 передач,");
  });

  it("keeps an untranslated finding in English, isolated whole in a right-to-left report", () => {
    const other: Finding = { ...loop([]), ruleId: "unused-disable-directive", messageId: undefined, message: "unused comment" };
    expect(findingMessage(other, LANGUAGES.da)).toBe("unused comment");
    expect(markdownCellIsolated(findingMessageParts(other, LANGUAGES.ar))).toBe(`${FSI}unused comment${PDI}`);
  });
});

describe("render through the built CLI: the Findings section in the report's language", () => {
  const journey = (lang: string) =>
    MINIMAL.replace("id: minimal", `id: minimal-${lang}\nlang: ${lang}`).replace(
      "        channel: web\n",
      "        channel: web\n      - { id: asks, name: Asks, type: contact, channel: email }\n      - { id: waits, name: Waits, channel: web, emotion: -2, next: [asks] }\n",
    );

  it("a Danish and an Arabic journey with findings", async () => {
    const dir = tempProject({ "da.journey.yaml": journey("da"), "ar.journey.yaml": journey("ar") });
    const result = await runCli(["render", "-o", "out", "."], { cwd: dir });
    expect(result.stderr).toBe("");
    // Code spans stay code spans in the report, as the lint's Markdown writes them.
    const read = (name: string) => readFileSync(join(dir, "out", name), "utf8");
    const da = read("minimal-da.md");
    expect(da).toContain("henvendelsen `asks` bliver aldrig besvaret: tilføj et trin med `type: response` og `answers: asks`");
    expect(da).toContain("kunden har det dårligt ved `waits` (følelse -2)");
    expect(da).not.toContain("is never answered");
    // The journey map lists the same findings, in the same words.
    expect(readFileSync(join(dir, "out", "minimal-da.html"), "utf8")).toContain("henvendelsen `asks` bliver aldrig besvaret");
    const ar = read("minimal-ar.md");
    expect(ar).toContain(`لا أحد يرد على التواصل ${FSI}\`asks\`${PDI}: أضف خطوة فيها ${FSI}\`type: response\`${PDI} و${FSI}\`answers: asks\`${PDI}`);
    expect(ar).toContain("(الشعور \u200e-2)");
    expect(ar).not.toContain("is never answered");
    // The terminal stays English.
    const lintRun = await runCli(["lint", "."], { cwd: dir });
    expect(lintRun.stdout).toContain("contact `asks` is never answered");
  });

  // Step ids are checked against the id pattern before anything renders; the user text that does
  // reach a message is an inline persona's name.
  it("keeps hostile text in a message to one row of the Findings table, with no HTML outside code spans", async () => {
    const hostile = "a`b|c<script>alert(1)</script>` d | e `<img src=x onerror=alert(1)>`\\";
    const withPersona = (lang: string) => journey(lang).replace("title:", `persona: { name: ${JSON.stringify(hostile)} }\ntitle:`);
    const dir = tempProject({ "en.journey.yaml": withPersona("en"), "ar.journey.yaml": withPersona("ar") });
    expect((await runCli(["render", "-o", "out", "."], { cwd: dir })).stderr).toBe("");
    const lintRun = await runCli(["lint", "--format", "json", "en.journey.yaml"], { cwd: dir });
    const findings = (JSON.parse(lintRun.stdout) as { messages: unknown[] }[])[0].messages.length;
    for (const lang of ["en", "ar"]) {
      const report = readFileSync(join(dir, "out", `minimal-${lang}.md`), "utf8");
      const rows = report
        .slice(report.lastIndexOf("\n## "))
        .split("\n")
        .filter((line) => line.startsWith("| ["));
      expect(rows, lang).toHaveLength(findings);
      const persona = rows.filter((row) => row.includes("[persona-missing]"));
      expect(persona, lang).toHaveLength(1);
      expect(persona[0].replace(/\\\|/g, "").split("|").length - 1, lang).toBe(5);
      const outsideCode = persona[0].replace(/\\`/g, "").replace(/`[^`]*`/g, "");
      expect(outsideCode, lang).not.toMatch(/<(?!br>)/);
      expect(outsideCode, lang).toContain("&lt;script&gt;");
      expect(persona[0], lang).toContain("`goals`");
      for (const row of rows) expect(row.split(FSI).length, row).toBe(row.split(PDI).length);
    }
  });
});
