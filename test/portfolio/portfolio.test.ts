import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/i18n/index.js";
import { portfolioJson } from "../../src/portfolio/formatters/json.js";
import { portfolioMarkdown } from "../../src/portfolio/formatters/markdown.js";
import { formatStylish } from "../../src/portfolio/formatters/stylish.js";
import { dayNumber } from "../../src/portfolio/freshness.js";
import { buildPortfolio, projectCatalogs } from "../../src/portfolio/portfolio.js";
import type { Portfolio } from "../../src/portfolio/types.js";
import { projectFiles } from "../../src/discover/project-files.js";
import { loadProject } from "../../src/project/load.js";
import { loadConfigFile, loadConfigText } from "../../src/config/load.js";
import { check, parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { expectedJson, generatedFiles, JOURNEYS, TODAY } from "./generated-project.js";

afterAll(removeTempProjects);

let dir: string;
let portfolio: Portfolio;

beforeAll(async () => {
  dir = tempProject(generatedFiles());
  const config = loadConfigFile(`${dir}/journey.config.yaml`).config!;
  const files = projectFiles([], config, dir).files;
  const load = await loadProject(files, { cwd: dir, lint: false });
  const journeys = load.project!.journeys.map((journey) => ({ summary: journey.summary!, file: journey.file }));
  portfolio = buildPortfolio(journeys, projectCatalogs(config, load.project!.configs), { day: dayNumber(TODAY)!, text: TODAY });
});

describe("journey portfolio over a generated project", () => {
  it("prints every field of the JSON contract exactly (one CLI run)", async () => {
    const result = await runCli(["portfolio", "--format", "json", "--today", TODAY], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(parseJson(result.stdout)).toEqual(expectedJson());
  });

  it("computes the same portfolio in process, every journey checked once", () => {
    expect(portfolio.journeys).toHaveLength(JOURNEYS);
    expect(portfolioJson(portfolio)).toEqual(expectedJson());
  });

  it("groups identical backlog texts with their places in the human formats", () => {
    const markdown = portfolioMarkdown(portfolio, { labels: LANGUAGES.en });
    const slow = markdown.split("\n").filter((line) => line.includes("| Slow page |"));
    expect(slow).toHaveLength(1);
    // 6 measured places lost 10 + i customers each: 10 + 16 + 22 + 28 + 34 + 40.
    expect(slow[0]).toContain("| 150 |");
    const stylish = formatStylish(portfolio);
    expect(stylish.match(/pain {2}Slow page/g)).toHaveLength(1);
    expect(stylish).toContain("j30#discover-s, j24#discover-s, j18#discover-s, j12#discover-s, j06#discover-s and 31 more");
  });

  it("names stages from the catalog in the report's language and lists uncovered ones", () => {
    const markdown = portfolioMarkdown(portfolio, { labels: LANGUAGES.da });
    expect(markdown).toContain("| Persona | Use | Opdag | Buy | Advocate | leave |");
    const personaC = markdown.split("\n").find((line) => line.startsWith("| Persona C |"));
    expect(personaC).toBe("| Persona C | — | — | — | — | — |");
    expect(markdown).toContain("## Aktualitet");
    expect(formatStylish(portfolio)).toContain("    Advocate: not mapped");
  });
});

describe("links between journeys in the portfolio, from journey files", () => {
  /** A journey of two steps `a` and `b`; `a` goes on to `next` when given (as a list, or as branches of a decision). */
  const file = (id: string, next?: string) =>
    [
      "journey: 1",
      `id: ${id}`,
      `title: Title ${id}`,
      "goal: { steps: [b] }",
      "stages:",
      "  - id: s",
      "    steps:",
      `      - id: a\n        name: A${next ? `\n        ${next}` : ""}`,
      "      - id: b\n        name: B",
      "",
    ].join("\n");

  it("lists every link as written in next and in branches, and the journeys no link leaves or reaches", async () => {
    const dir = tempProject({
      "journey.config.yaml": "include: ['**/*.journey.yaml']\n",
      "buy.journey.yaml": file("buy", "next: [b, refund#start, help#ask]"),
      "refund.journey.yaml": file("refund"),
      // A branch's `to`; a journey nobody maps (`help-b`) is listed too: whether a link resolves is lint's check.
      "help.journey.yaml": file("help", "type: decision\n        next:\n          - { to: b, when: solved }\n          - { to: help-b#x, when: not solved }"),
      "alone.journey.yaml": file("alone"),
    });
    const config = loadConfigFile(`${dir}/journey.config.yaml`).config!;
    const load = await loadProject(projectFiles([], config, dir).files, { cwd: dir, lint: false });
    const journeys = load.project!.journeys.map((journey) => ({ summary: journey.summary!, file: journey.file }));
    expect(journeys.map((journey) => journey.summary?.id).sort()).toEqual(["alone", "buy", "help", "refund"]);
    const result = buildPortfolio(journeys, projectCatalogs(config, load.project!.configs));
    // By the linking journey's id, then its steps' order, then as written.
    expect(portfolioJson(result).links).toEqual([
      { from: { journey: "buy", step: "a" }, to: { journey: "refund", step: "start" } },
      { from: { journey: "buy", step: "a" }, to: { journey: "help", step: "ask" } },
      { from: { journey: "help", step: "a" }, to: { journey: "help-b", step: "x" } },
    ]);
    expect(result.unlinked).toEqual(["alone"]);
    const markdown = portfolioMarkdown(result, { labels: LANGUAGES.en });
    expect(markdown).toContain("```mermaid\nflowchart LR");
    expect(markdown).toMatch(/j0 --> j1/);
  });
});

describe("journey portfolio's input problems", () => {
  it("names a journey with errors on stderr, leaves it out and exits 1; the others are still shown", async () => {
    const small = tempProject({
      "good.journey.yaml": "journey: 1\nid: good\ntitle: Good\ngoal: { steps: [a] }\nstages:\n  - id: s\n    steps:\n      - { id: a, name: A }\n",
      "bad.journey.yaml": "journey: 1\nid: bad\ntitle: Bad\ngoal: { steps: [missing] }\nstages:\n  - id: s\n    steps:\n      - { id: a, name: A }\n",
    });
    const result = await runCli(["portfolio", "--format", "json", "--today", "2026-13-01"], { cwd: small });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--today takes a day as YYYY-MM-DD");
    const run = await runCli(["portfolio", "--format", "json", "--today", TODAY], { cwd: small });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/bad\.journey\.yaml[\s\S]*4:\d+[\s\S]*1 journey file has errors and is left out of the portfolio/);
    expect(parseJson<{ journeys: { id: string }[] }>(run.stdout).journeys.map((j) => j.id)).toEqual(["good"]);
  });

  it("validates the stages catalog and portfolio.stale_after like the other catalogs, with line and column", () => {
    const load = loadConfigText("/virtual/journey.config.yaml", "stages:\n  discover: { title: Discover }\nportfolio:\n  stale_after: 0\n");
    expect(load.problems?.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["2:3 schema", "2:15 schema", "4:16 schema"]);
  });

  it("takes reviewed: as a day", () => {
    const text = (reviewed: string) =>
      `journey: 1\nid: j\ntitle: J\nreviewed: ${reviewed}\ngoal: { steps: [a] }\nstages:\n  - id: s\n    steps:\n      - { id: a, name: A }\n`;
    expect(check(text("2026-11-02")).model?.journey.reviewed).toBe("2026-11-02");
    expect(check(text("2026-11-32")).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["4:11 schema"]);
  });
});
