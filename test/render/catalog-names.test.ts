import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/i18n/index.js";
import { parseJson, ROOT, runCli, tempProject } from "../helpers/index.js";

/** Catalog names per report language (`name: { en: Live chat, da: Chat }`), end to end through the built CLI. */
const CONFIG = `channels:
  live-chat: { name: { en: Live chat, da: Chat }, mode: sync }
  web: { name: { bg: Уебсайт, pl: Strona }, mode: async }
  email: { name: Email, mode: async }
teams:
  support: { name: { en: Customer support, da: Kundeservice } }
personas:
  buyer: { name: { en: Business buyer, da: Erhvervskunde }, goals: [Pay by invoice] }
`;

const journey = (lang: string, persona = "buyer", extra = "") => `journey: 1
id: asks-${lang}
title: Asks about invoices
lang: ${lang}
persona: ${persona}
goal: { steps: [answer] }
${extra}stages:
  - id: purchase
    steps:
      - id: ask
        name: Asks
        type: contact
        emotion: -1
        channel: [live-chat, web, email]
      - id: answer
        name: Answers
        type: response
        answers: ask
        actor: support
        channel: live-chat
`;

async function render(files: Record<string, string>) {
  const dir = tempProject({ "journey.config.yaml": CONFIG, ...files });
  const result = await runCli(["render", ".", "-o", "out"], { cwd: dir });
  const read = (name: string) => readFileSync(join(dir, "out", name), "utf8");
  return { result, read };
}

describe("catalog names per report language", () => {
  it("a Danish report shows the Danish names, an English one the English names, in the report, map and diagrams", async () => {
    const { result, read } = await render({ "da.journey.yaml": journey("da"), "en.journey.yaml": journey("en") });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const da = read("asks-da.md");
    expect(da).toContain("## Persona: Erhvervskunde");
    // `web` has no Danish and no English name: the first given; `email` has one name for all.
    expect(da).toContain("| Kanaler | Chat, Уебсайт og Email |");
    expect(da).toContain("| Answers | Kundeservice | Chat |");
    expect(read("asks-da.flow.mmd")).toContain("<small>Chat#44; Уебсайт og Email</small>");
    expect(read("asks-da.journey.mmd")).toContain("Asks: 2: Erhvervskunde");
    const daMap = read("asks-da.html");
    expect(daMap).toContain('<p class="name" dir="auto">Erhvervskunde</p>');
    expect(daMap).toContain('<span dir="auto">Chat</span>');
    expect(daMap).not.toContain("Live chat");

    const en = read("asks-en.md");
    expect(en).toContain("## Persona: Business buyer");
    expect(en).toContain("| Channels | Live chat, Уебсайт, and Email |");
    expect(en).toContain("| Answers | Customer support | Live chat |");
    expect(read("asks-en.html")).not.toContain("Kundeservice");
    // The index is in the project's language (English by default), and so are its persona names.
    expect(read("index.md")).not.toContain("Erhvervskunde");
  });

  it("a Polish report takes the Polish name where one is given and the English one elsewhere", async () => {
    const { read } = await render({ "pl.journey.yaml": journey("pl") });
    expect(read("asks-pl.md")).toContain("| Kanały | Live chat, Strona i Email |");
  });

  it("a journey's own channels and inline persona may be named per language too", async () => {
    const inline = journey(
      "da",
      "{ name: { ar: عميل, da: Kunde }, goals: [Pay] }",
      "channels:\n  live-chat: { name: { en: Chat window, da: Chatvindue }, mode: sync }\n",
    );
    const { read } = await render({ "da.journey.yaml": inline });
    const da = read("asks-da.md");
    expect(da).toContain("## Persona: Kunde");
    expect(da).toContain("| Kanaler | Chatvindue, Уебсайт og Email |");
  });

  it("lint messages name a persona by its English name, or the first given, never the report's", async () => {
    const dir = tempProject({
      "journey.config.yaml": CONFIG,
      "a.journey.yaml": journey("da", "{ name: { da: Erhvervskunde, en: Business buyer } }"),
      "b.journey.yaml": journey("da", "{ name: { da: Erhvervskunde, pl: Klient } }").replace("id: asks-da", "id: asks-b"),
    });
    const result = await runCli(["lint", ".", "--format", "json"], { cwd: dir });
    const messages = parseJson<{ messages: { ruleId: string; message: string }[] }[]>(result.stdout)
      .flatMap((file) => file.messages)
      .filter((m) => m.ruleId === "persona-missing")
      .map((m) => m.message);
    expect(messages.sort()).toEqual([
      "persona `Business buyer` lists no `goals`: a journey map is built around what the customer wants",
      "persona `Erhvervskunde` lists no `goals`: a journey map is built around what the customer wants",
    ]);
  });

  const problems: [string, string, string][] = [
    [
      "a language reports are not written in, in the config",
      "  live-chat: { name: { en: Live chat, de: Chat }, mode: sync }",
      "journey.config.yaml:2:39  error  `de` is not a report language (en, bg, pl, ru, da, ar); did you mean `da`?  schema",
    ],
    [
      "an empty map of names, in the config",
      "  live-chat: { name: {}, mode: sync }",
      "journey.config.yaml:2:22  error  `name` must not be empty: give one name, or names by language such as `{ en: Live chat, da: Chat }`  schema",
    ],
  ];
  for (const [what, line, expected] of problems) {
    it(`${what}: a message with line and column, exit 2`, async () => {
      const dir = tempProject({ "journey.config.yaml": CONFIG.replace(/^ {2}live-chat:.*$/m, line), "a.journey.yaml": journey("en") });
      const result = await runCli(["render", ".", "-o", "out"], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stdout + result.stderr).toContain(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("a wrong language in a journey's inline persona is a schema error at its key", async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "a.journey.yaml": journey("en", "{ name: { en: Buyer, xx: Y }, goals: [Pay] }") });
    const result = await runCli(["lint", "."], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("a.journey.yaml:5:31  error  `xx` is not a report language (en, bg, pl, ru, da, ar)  schema");
  });
});

describe("the schema's report languages", () => {
  it("are the languages reports have labels for, in every place the schema names them", () => {
    const schema = parseJson<{ properties: { lang: { enum: string[] } }; $defs: { catalogName: { else: { properties: object } } } }>(
      readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8"),
    );
    const config = parseJson<{ properties: { render: { properties: { lang: { enum: string[] } } } } }>(
      readFileSync(join(ROOT, "schemas", "journey-config.schema.json"), "utf8"),
    );
    const languages = Object.keys(LANGUAGES);
    expect(Object.keys(schema.$defs.catalogName.else.properties)).toEqual(languages);
    expect(schema.properties.lang.enum).toEqual(languages);
    expect(config.properties.render.properties.lang.enum).toEqual(languages);
  });
});
