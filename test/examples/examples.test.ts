import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/config/load.js";
import { projectFiles } from "../../src/discover/project-files.js";
import { buildPortfolio, projectCatalogs } from "../../src/portfolio/portfolio.js";
import { loadProject } from "../../src/project/load.js";
import { EXAMPLES, ROOT, runCli } from "../helpers/index.js";

const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".journey.yaml")).sort();

describe("bundled examples", () => {
  it("there are at least six, at least three of them in the articles' languages", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const nonLatin = /[\u0400-\u04FF\u0600-\u06FF]|[ąęłńśźżøæå]/i;
    const translated = files.filter((f) => nonLatin.test(readFileSync(join(EXAMPLES, f), "utf8").split("\n").find((l) => l.startsWith("title:")) ?? ""));
    expect(translated.length).toBeGreaterThanOrEqual(3);
  });

  it("validate and lint without errors or warnings with their shared config", async () => {
    const validate = await runCli(["validate", "--config", "examples/journey.config.yaml", "examples"]);
    expect(validate.stdout).toBe(`✔ ${files.length} files checked: no problems`);
    expect(validate.exitCode).toBe(0);
    const lint = await runCli(["lint", "--config", "examples/journey.config.yaml", "examples", "--max-warnings", "0"]);
    expect(lint.stdout).toBe(`✔ ${files.length} files checked: no problems`);
    expect(lint.exitCode).toBe(0);
  });

  it("show the portfolio's features: a link between two journeys, review dates, the stage catalog, every catalog entry used", async () => {
    const config = loadConfigFile(join(EXAMPLES, "journey.config.yaml")).config!;
    const load = await loadProject(projectFiles([EXAMPLES], config, ROOT).files, { cwd: ROOT, fixed: config, lint: false });
    const journeys = load.project!.journeys.map((journey) => ({ summary: journey.summary!, file: journey.file }));
    const portfolio = buildPortfolio(journeys, projectCatalogs(config, load.project!.configs));
    // The cat fountain arrives cracked for some: they continue in the complaint journey.
    expect(portfolio.links).toEqual([
      { from: { journey: "cat-fountain-purchase", step: "packs-order" }, to: { journey: "reklamacia-s-predavania", step: "получава-повреден-продукт" } },
    ]);
    expect(portfolio.journeys.filter((journey) => journey.summary.reviewed !== null).length).toBeGreaterThanOrEqual(3);
    expect(portfolio.stages.map((stage) => stage.id)).toEqual(["awareness", "consideration", "purchase", "retention", "advocacy"]);
    expect(portfolio.unusedChannels).toEqual([]);
    // Every persona of the catalog is some journey's: none has a row of empty stages.
    expect(portfolio.personas.filter((persona) => Object.values(persona.stages).every((ids) => ids.length === 0))).toEqual([]);
  });

  it("are accepted by the published schema used alone with ajv", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addSchema(JSON.parse(readFileSync(join(ROOT, "schemas", "journey.schema.json"), "utf8")) as object);
    ajv.addSchema(JSON.parse(readFileSync(join(ROOT, "schemas", "journey-config.schema.json"), "utf8")) as object);
    const journey = ajv.getSchema("https://journey.dev/schemas/journey.schema.json")!;
    const config = ajv.getSchema("https://journey.dev/schemas/journey-config.schema.json")!;
    for (const file of files) expect(journey(parse(readFileSync(join(EXAMPLES, file), "utf8"))), `${file}: ${JSON.stringify(journey.errors)}`).toBe(true);
    expect(config(parse(readFileSync(join(EXAMPLES, "journey.config.yaml"), "utf8"))), JSON.stringify(config.errors)).toBe(true);
  });

  it("the rendered example docs in examples/docs are current", async () => {
    const result = await runCli(["render", "--config", "examples/journey.config.yaml", "examples", "--check"]);
    expect(result.stdout).toMatch(/^✔ \d+ rendered files in examples\/docs are up to date$/);
    expect(result.exitCode).toBe(0);
  });
});
