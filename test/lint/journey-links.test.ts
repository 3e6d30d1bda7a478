import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkJourneyText } from "../../src/check.js";
import { defaultConfig, loadConfigFile } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { projectFiles } from "../../src/discover/project-files.js";
import { checkFiles } from "../../src/lint/run-files.js";
import { planRender } from "../../src/render/plan.js";
import { removeTempProjects, ROOT, RUN_META, runCli, tempProject } from "../helpers/index.js";

afterAll(removeTempProjects);

const CONFIG = "channels:\n  web: { name: Website, mode: async }\n";

/** A journey of `steps` (id and name alike), the goal the last; `next` per step id as written. */
function journey(id: string, title: string, steps: string[], next: Record<string, string> = {}): string {
  const lines = [
    `journey: 1`,
    `id: ${id}`,
    `title: ${title}`,
    `persona: { name: Shopper, goals: [Buy] }`,
    `goal: { steps: [${steps[steps.length - 1]}] }`,
    "stages:",
    "  - id: all",
    "    steps:",
  ];
  for (const step of steps) {
    lines.push(`      - id: ${step}`, `        name: ${step}`, `        channel: web`);
    if (step === steps[steps.length - 1]) lines.push("        collects: feedback");
    if (next[step] !== undefined) lines.push(`        next: ${next[step]}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * A generated project: buy continues in refund (a branch to `refund#asks`) and, from a step that
 * would otherwise be a dead end, in help; help links back to buy's goal. One file links a
 * misspelt journey and a misspelt step.
 */
function project(): string {
  return tempProject({
    "journey.config.yaml": CONFIG,
    "buy.journey.yaml": journey("buy", "Buy a fountain", ["browses", "stuck", "pays"], {
      browses: "[{ to: pays, when: in stock }, { to: stuck, when: sold out }, { to: refund#asks, when: changed mind }]",
      stuck: "[help#calls]",
      pays: "[]",
    }),
    "refund.journey.yaml": journey("refund", "Get a refund", ["asks", "refunded"], { refunded: "[]" }),
    "help.journey.yaml": journey("help", "Get help", ["calls", "helped"], { helped: "[buy#pays]" }),
    "typo.journey.yaml": journey("typo", "Typos", ["starts", "ends"], { starts: "[refnd#asks, refund#ask]", ends: "[]" }),
  });
}

async function lintProject(dir: string, files?: string[]) {
  const config = loadConfigFile(join(dir, "journey.config.yaml")).config!;
  const reports = await checkFiles(
    files ?? projectFiles([], config, config.dir).files,
    config,
    { lint: true, project: files === undefined, concurrency: 1 },
    dir,
  );
  return { config, byName: new Map(reports.map((report) => [report.filePath.slice(dir.length + 1), report.findings])) };
}

const brief = (findings: readonly { ruleId: string; line: number; column: number; message: string }[] | undefined) =>
  (findings ?? []).filter((f) => f.ruleId === "unknown-reference" || f.ruleId === "dead-end").map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

const TYPO_FINDINGS = [
  "12:16 unknown-reference `next` names journey `refnd`, which is not a journey of this project; did you mean `refund`?",
  "12:28 unknown-reference `next` names `ask`, which is not a step of journey `refund`; did you mean `refund#asks`?",
];

describe("links between journeys", () => {
  const dir = project();

  it("resolve against the whole project: known links pass, a missing journey or step is unknown-reference with a suggestion, and a link is no dead end", async () => {
    const { byName } = await lintProject(dir);
    expect(brief(byName.get("buy.journey.yaml"))).toEqual([]);
    expect(brief(byName.get("help.journey.yaml"))).toEqual([]);
    expect(brief(byName.get("typo.journey.yaml"))).toEqual(TYPO_FINDINGS);
  });

  it("resolve when one file is linted alone: the project is read for its links", async () => {
    const { byName } = await lintProject(dir, [join(dir, "typo.journey.yaml")]);
    expect(brief(byName.get("typo.journey.yaml"))).toEqual(TYPO_FINDINGS);
    const buy = await lintProject(dir, [join(dir, "buy.journey.yaml")]);
    expect(brief(buy.byName.get("buy.journey.yaml"))).toEqual([]);
  });

  it("journey lint one.journey.yaml from the command line reports the same, with exit 1", async () => {
    const result = await runCli(["lint", "-f", "json", "typo.journey.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(brief(report.messages)).toEqual(TYPO_FINDINGS);
  });

  it("journey render does not render a journey whose link names nothing, as lint reports it", async () => {
    const result = await runCli(["render", "-o", "out"], { cwd: dir });
    expect(result.stderr).toContain("typo.journey.yaml: not rendered: has structural errors");
    expect(readFileSync(join(dir, "out", "buy.html"), "utf8")).toContain('<a href="refund.html#asks" dir="auto">Get a refund</a>');
  });

  it("a link outside `next` and a branch's `to` is a schema error, and a malformed one names the form", () => {
    const config = defaultConfig("/virtual");
    const text = journey("j", "J", ["a", "b"], { b: "[]" }).replace("goal: { steps: [b] }", "goal: { steps: [other#b] }");
    const findings = checkJourneyText("/virtual/j.journey.yaml", text, config).findings.map((f) => `${f.ruleId} ${f.message}`);
    expect(findings).toEqual([expect.stringMatching(/^schema `other#b` is not a valid id/)]);
    const malformed = checkJourneyText("/virtual/j.journey.yaml", journey("j", "J", ["a", "b"], { a: "[Other#b]", b: "[]" }), config).findings;
    expect(malformed.map((f) => `${f.ruleId} ${f.message}`)).toEqual(["schema `next[0]` must look like `refund#requests-refund`, not text `Other#b`"]);
  });

  it("the dead-end rule still fires on a step without a link", () => {
    const config: ProjectConfig = { ...defaultConfig("/virtual"), channels: { web: { name: "Website", mode: "async" } } };
    const text = journey("j", "J", ["a", "b", "c"], { a: "[{ to: c, when: yes }, { to: b, when: no }]", b: "[]", c: "[]" });
    const checked = lintFile(checkJourneyText("/virtual/j.journey.yaml", text, config), config);
    expect(checked.findings.filter((f) => f.ruleId === "dead-end").map((f) => f.stepId)).toEqual(["b"]);
    const linked = lintFile(checkJourneyText("/virtual/j.journey.yaml", text.replace("next: []\n      - id: c", "next: [k#x]\n      - id: c"), config), config);
    expect(linked.findings.filter((f) => f.ruleId === "dead-end")).toEqual([]);
  });

  it("render: the map says where a step continues, linking the other journey's map at the step's anchor; the report links its report", () => {
    const config = loadConfigFile(join(dir, "journey.config.yaml")).config!;
    const entries = ["buy", "refund", "help"].map((name) => {
      const result = lintFile(checkJourneyText(join(dir, `${name}.journey.yaml`), journeyText(dir, name), config), config);
      return { result, config };
    });
    for (const [lang, labels] of Object.entries(LANGUAGES)) {
      const plan = planRender(entries, { labels, forceLabels: true, outDir: join(dir, "out"), projectRoot: dir, ...RUN_META });
      const file = (name: string) => plan.files.find((f) => f.name === name)!.content;
      const [before] = labels.continuesIn.split("{journey}");
      expect(file("buy.html"), lang).toContain(`${before}<a href="refund.html#asks" dir="auto">Get a refund</a>`);
      expect(file("buy.html"), lang).toContain(`<a href="help.html#calls" dir="auto">Get help</a>`);
      expect(file("refund.html"), lang).toContain(`id="asks"`);
      expect(file("help.html"), lang).toContain(`<a href="buy.html#pays" dir="auto">Buy a fountain</a>`);
      expect(file("buy.md"), lang).toContain("[Get a refund](refund.md)");
    }
  });
});

function journeyText(dir: string, name: string): string {
  return readFileSync(join(dir, `${name}.journey.yaml`), "utf8");
}

describe("project-level rules run when lint sees the whole project, and say nothing otherwise", () => {
  const fixture = join(ROOT, "test", "fixtures", "rules", "catalog-unused", "invalid-unused");
  const projectFindings = (stdout: string) =>
    (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((r) =>
      r.messages.filter((m) => m.ruleId === "catalog-unused" || m.ruleId === "journey-loop").map((m) => `${r.filePath} ${m.ruleId}`),
    );

  it("journey lint with no paths reports the unused catalog entries in the config; with a path, nothing", async () => {
    const whole = await runCli(["lint", "-f", "json"], { cwd: fixture });
    expect(projectFindings(whole.stdout)).toEqual([
      "journey.config.yaml catalog-unused",
      "journey.config.yaml catalog-unused",
      "journey.config.yaml catalog-unused",
    ]);
    const one = await runCli(["lint", "-f", "json", "buy.journey.yaml"], { cwd: fixture });
    expect(projectFindings(one.stdout)).toEqual([]);
    const off = await runCli(["lint", "-f", "json", "--rule", "catalog-unused=off"], { cwd: fixture });
    expect(projectFindings(off.stdout)).toEqual([]);
  });
});
