import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson, ROOT, runCli, tempProject, type JsonReport } from "../helpers/index.js";

/**
 * Issue 14, "Crashes on valid input": user strings that are also names on Object.prototype, as
 * ids, options and config keys, and ids that look the same but are different code points.
 */
const GOOD = readFileSync(join(ROOT, "test", "fixtures", "hostile", "good.journey.yaml"), "utf8");
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
/** The ones a journey id may be (lowercase words): the others are schema errors, never crashes. */
const AS_ID = PROTOTYPE_NAMES.filter((name) => /^[a-z]+$/.test(name));

function noCrash(result: Awaited<ReturnType<typeof runCli>>): void {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  expect(result.stdout).not.toMatch(/internal error/);
}

/** A journey using `name` as its id, a stage id, a step id, a channel id and a team id. */
function journeyNaming(name: string): string {
  return `journey: 1
id: ${name}
title: Named ${name}
persona: { name: Visitor, goals: [Find out] }
channels: { ${name}: { name: Channel ${name}, mode: async } }
goal: { steps: [done] }
stages:
  - id: ${name}
    steps:
      - { id: ${name}, name: Starts, channel: ${name}, actor: ${name} }
      - { id: done, name: Done, channel: ${name}, collects: feedback }
`;
}

describe("Object.prototype names never reach a prototype", () => {
  it("includes constructor among the names a journey id may take", () => expect(AS_ID).toContain("constructor"));

  for (const name of PROTOTYPE_NAMES) {
    it(`\`${name}\` as journey, stage, step, channel and team id: lint and render report it, never crash`, async () => {
      const dir = tempProject({
        "j.journey.yaml": journeyNaming(JSON.stringify(name)),
        "journey.config.yaml": `teams: { ${JSON.stringify(name)}: { name: Team } }\n`,
      });
      const lint = await runCli(["lint", "-f", "json", "j.journey.yaml"], { cwd: dir });
      noCrash(lint);
      const render = await runCli(["render", "-o", "out", "j.journey.yaml"], { cwd: dir });
      noCrash(render);
      if (AS_ID.includes(name)) {
        expect(lint.exitCode, lint.stdout).toBe(0);
        expect(render.exitCode, render.stderr).toBe(0);
        const report = readFileSync(join(dir, "out", `${name}.md`), "utf8");
        expect(report).toContain(`## ${name}`); // the stage id is its heading: no label of that name exists
        expect(report).toContain("Team");
      } else {
        // Not a valid id: the config and the journey say so, with exit 2 (config) or 1 (journey).
        expect([1, 2]).toContain(lint.exitCode);
      }
    });

    it(`\`${name}\` as --lang, --rule, --format and config keys is a usage or config error (exit 2)`, async () => {
      const dir = tempProject({ "good.journey.yaml": GOOD });
      for (const args of [
        ["render", "--lang", name, "-o", "out", "good.journey.yaml"],
        ["lint", "--rule", `${name}=off`, "good.journey.yaml"],
        ["lint", "--rule", `${name}=["warning",{"max":1}]`, "good.journey.yaml"],
        ["lint", "--format", name, "good.journey.yaml"],
      ]) {
        const result = await runCli(args, { cwd: dir });
        noCrash(result);
        expect(result.exitCode, args.join(" ")).toBe(2);
      }
      for (const config of [
        `rules: { ${JSON.stringify(name)}: off }`,
        `limits: { ${JSON.stringify(name)}: 1 }`,
        `render: { lang: ${JSON.stringify(name)} }`,
        `${JSON.stringify(name)}: 1`,
      ]) {
        const configured = tempProject({ "good.journey.yaml": GOOD, "journey.config.yaml": config + "\n" });
        for (const command of ["lint", "render"]) {
          const result = await runCli([command, "good.journey.yaml"], { cwd: configured });
          noCrash(result);
          expect(result.exitCode, `${command} with ${config}`).toBe(2);
        }
      }
    });
  }
});

describe("look-alike ids", () => {
  it("step ids café in NFC and in NFD are one id after loading: a duplicate-id error", async () => {
    const nfc = "caf\u00e9";
    const nfd = "cafe\u0301";
    const text = GOOD.replace(
      "- { id: start, name: Starts, channel: web }",
      `- { id: ${nfc}, name: Starts, channel: web }\n      - { id: ${nfd}, name: Starts again, channel: web }`,
    );
    const dir = tempProject({ "j.journey.yaml": text });
    const result = await runCli(["lint", "-f", "json", "j.journey.yaml"], { cwd: dir });
    noCrash(result);
    const messages = parseJson<JsonReport>(result.stdout)[0].messages;
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: "duplicate-id", line: 11 }));
    expect(result.exitCode).toBe(1);
  });
});
