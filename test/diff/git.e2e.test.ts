import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/index.js";
import { edit, ORDER, SHOP, SHOP_SWAPPED } from "./helpers.js";

/**
 * The CLI without FORCE_COLOR in its environment: execa (which runs git) asks Node whether the
 * terminal has colours when it loads, and Node warns on stderr when NO_COLOR and FORCE_COLOR are
 * both set, as runCli sets them.
 */
const cli = (args: string[], options: { cwd: string }) => runCli(args, { ...options, env: { FORCE_COLOR: undefined } });

/** A real git repository in a temporary folder, with one commit of `files`. */
function repository(files: Record<string, string>): string {
  const dir = tempProject();
  git(dir, "init", "-q", "-b", "main");
  write(dir, files);
  commit(dir, "first");
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
}

function write(dir: string, files: Record<string, string | null>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (content === null) rmSync(full);
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}

function commit(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--allow-empty", "-m", message);
}

interface JsonChange {
  kind: string;
  severity: string;
  rule?: string;
  step: string | null;
  file: string;
  side: "base" | "head";
  line: number;
  before: unknown;
  after: unknown;
  message: string;
}
interface JsonOutput {
  base: { name: string; commit: string | null };
  head: { name: string; commit: string | null };
  journeys: { id: string; file: string; base_file?: string; status: string; changes: JsonChange[] }[];
}

async function diffJson(dir: string, ...args: string[]) {
  const run = await cli(["diff", "--format", "json", ...args], { cwd: dir });
  return { run, json: run.stdout ? (JSON.parse(run.stdout) as JsonOutput) : undefined };
}

const kinds = (json: JsonOutput | undefined, id: string) =>
  json!.journeys.find((j) => j.id === id)!.changes.map((c) => `${c.kind}${c.rule ? `(${c.rule})` : ""} ${c.side === "base" ? "base:" : ""}${c.line}`);
const OTHER = ORDER.replace("id: order", "id: other").replace("title: Order", "title: Other");

describe("journey diff on real git repositories", () => {
  it("a step moved between stages in a renamed file: one move, matched through git's rename detection", async () => {
    const dir = repository({ "journeys/order.journey.yaml": ORDER });
    const block =
      "      - id: compares\n        name: Compares offers\n        channel: web\n        emotion: 0\n        pain_points: [Too many tabs]\n        opportunities: [Comparison table]\n";
    renameSync(join(dir, "journeys/order.journey.yaml"), join(dir, "journeys/ordering.journey.yaml"));
    write(dir, { "journeys/ordering.journey.yaml": edit(edit(ORDER, block, ""), "      - id: decides\n", block + "      - id: decides\n") });
    commit(dir, "move compares to buy");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(json!.journeys.map((j) => [j.id, j.file, j.base_file, j.status])).toEqual([
      ["order", "journeys/ordering.journey.yaml", "journeys/order.journey.yaml", "changed"],
    ]);
    // The transitions that follow from the move are part of it.
    expect(kinds(json, "order")).toEqual(["step-moved 33"]);
    expect(json!.journeys[0].changes.filter((c) => c.kind === "step-moved").map((c) => c.step)).toEqual(["compares"]);
  });

  it("journeys added and deleted, and a journey id changed", async () => {
    const dir = repository({ "a.journey.yaml": ORDER, "b.journey.yaml": OTHER });
    write(dir, {
      "a.journey.yaml": null,
      "c.journey.yaml": OTHER.replace("id: other", "id: third"),
      "b.journey.yaml": OTHER.replace("id: other", "id: renamed-other"),
    });
    commit(dir, "second");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    expect(json!.journeys.map((j) => [j.id, j.file, j.status])).toEqual([
      ["order", "a.journey.yaml", "removed"],
      ["renamed-other", "b.journey.yaml", "changed"],
      ["third", "c.journey.yaml", "added"],
    ]);
    expect(kinds(json, "order")).toEqual(["journey-removed base:2"]);
    expect(kinds(json, "renamed-other")).toEqual(["journey-id-changed 2"]);
    expect(kinds(json, "third")[0]).toBe("journey-added 2");
    // git sees c as a rename of a (the two journeys look alike), but the ids say otherwise.
    expect(git(dir, "diff", "--name-status", "-M", "HEAD~1", "HEAD")).toContain("a.journey.yaml\tc.journey.yaml");
    // The new journey brings lint findings, but no new error: exit 0 by default.
    expect(run.exitCode).toBe(0);
  });

  it("a YAML syntax error on one side is a new error; the other files are still compared", async () => {
    const dir = repository({ "a.journey.yaml": ORDER, "b.journey.yaml": OTHER });
    write(dir, { "a.journey.yaml": ORDER.replace("title: Order", "title: [Order"), "b.journey.yaml": OTHER.replace("emotion: 0\n", "emotion: -2\n") });
    commit(dir, "break a");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    // The unclosed bracket is reported where it opens (line 3), the place to change.
    expect(kinds(json, "order")).toEqual(["finding-new(syntax) 3"]);
    expect(json!.journeys.find((j) => j.id === "order")!.changes[0].severity).toBe("error");
    expect(kinds(json, "other")).toEqual(["emotion-worse 21"]);
    expect(run.exitCode).toBe(1);
    // And back: the syntax error is fixed.
    const back = await diffJson(dir, "HEAD", "HEAD~1");
    expect(kinds(back.json, "order")).toEqual(["finding-fixed(syntax) base:3"]);
    expect(back.run.exitCode).toBe(0);
  });

  it("links to other journeys added and removed, in JSON and in the Markdown of another language", async () => {
    const linked = edit(ORDER, "        metrics: { reached: 400 }\n        next: []\n", "        metrics: { reached: 400 }\n        next: [other#asks]\n");
    const dir = repository({ "a.journey.yaml": linked, "b.journey.yaml": OTHER });
    write(dir, {
      "a.journey.yaml": edit(
        ORDER,
        "          - { to: leaves, when: not convinced }\n",
        "          - { to: leaves, when: not convinced }\n          - { to: other#decides, when: wants another }\n",
      ),
    });
    commit(dir, "the customer who wants another goes to other; paying no longer does");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    expect(kinds(json, "order")).toEqual(["link-added 46", "link-removed base:51"]);
    const changes = json!.journeys[0].changes;
    expect(changes.map((c) => [c.step, c.before, c.after])).toEqual([
      ["decides", null, { from: "decides", to: "other#decides" }],
      ["pays", { from: "pays", to: "other#asks" }, null],
    ]);
    expect(run.exitCode).toBe(0);
    const markdown = await cli(["diff", "--format", "markdown", "--lang", "da", "HEAD~1", "HEAD"], { cwd: dir });
    expect(markdown.stdout).toContain("`decides` fortsætter nu i rejsen `other` ved `decides`");
    expect(markdown.stdout).toContain("`pays` fortsætter ikke længere i rejsen `other` ved `asks`");
  });

  it("identical journeys report nothing", async () => {
    const dir = repository({ "a.journey.yaml": ORDER, "README.md": "one\n" });
    write(dir, { "README.md": "two\n", "copy.journey.yaml": ORDER.replace("id: order", "id: copy") });
    commit(dir, "docs only, and an identical copy");
    write(dir, { "copy.journey.yaml": null });
    commit(dir, "remove the copy again");
    const { run, json } = await diffJson(dir, "HEAD~2", "HEAD");
    expect(json!.journeys).toEqual([]);
    expect(run.exitCode).toBe(0);
    const stylish = await cli(["diff", "HEAD~2"], { cwd: dir });
    expect(stylish.stdout).toBe("✔ 0 journey files compared (working tree against HEAD~2): no changes");
    // Two identical files compared directly.
    write(dir, { "same.journey.yaml": ORDER });
    const files = await diffJson(dir, "a.journey.yaml", "same.journey.yaml");
    expect(files.json!.journeys.map((j) => [j.status, j.changes.length])).toEqual([["unchanged", 0]]);
  });

  it("revisions that do not exist, that look like options, or try to inject: exit 2 with the reason, nothing run", async () => {
    const dir = repository({ "a.journey.yaml": ORDER });
    const unknown = await cli(["diff", "no-such-branch"], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^journey: unknown revision `no-such-branch` in .*; check the name/);
    expect(unknown.stdout).toBe("");
    const option = await cli(["diff", "--", "--output=pwned"], { cwd: dir });
    expect(option.exitCode).toBe(2);
    const dashed = await cli(["diff", "-c", "x", "--", "x"], { cwd: dir });
    expect(dashed.exitCode).toBe(2);
    const range = await cli(["diff", "--output=pwned..HEAD"], { cwd: dir });
    expect(range.exitCode).toBe(2);
    const injected = await cli(["diff", "HEAD;touch pwned", "$(touch pwned2)"], { cwd: dir });
    expect(injected.exitCode).toBe(2);
    expect(injected.stderr).toContain("unknown revision `HEAD;touch pwned`");
    expect(existsSync(join(dir, "pwned")) || existsSync(join(dir, "pwned2"))).toBe(false);
    const missingFile = await cli(["diff", "a.journey.yaml", "gone.journey.yaml"], { cwd: dir });
    expect(missingFile.exitCode).toBe(2);
    expect(missingFile.stderr).toBe("journey: file not found: gone.journey.yaml");
    const notRepo = await cli(["diff", "HEAD"], { cwd: tempProject() });
    expect(notRepo.exitCode).toBe(2);
    expect(notRepo.stderr).toContain("this folder is not in a git repository");
  });

  it("a revision missing from a shallow clone says that the history is missing", async () => {
    const dir = repository({ "a.journey.yaml": ORDER });
    write(dir, { "a.journey.yaml": ORDER.replace("emotion: 0\n", "emotion: 1\n") });
    commit(dir, "second");
    const clone = tempProject();
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${dir}`, clone]);
    const run = await cli(["diff", "HEAD~1"], { cwd: clone });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("this is a shallow clone, so older history is missing");
    expect(run.stderr).toContain("fetch-depth: 0");
  });

  it("A...B compares with the merge base: what main changed since the branch started is not reported as reverted", async () => {
    const dir = repository({ "a.journey.yaml": ORDER, "b.journey.yaml": OTHER });
    git(dir, "checkout", "-q", "-b", "feature");
    write(dir, { "b.journey.yaml": OTHER.replace("name: Compares offers", "name: Compares two offers") });
    commit(dir, "feature work");
    git(dir, "checkout", "-q", "main");
    write(dir, { "a.journey.yaml": ORDER.replace("emotion: 0\n", "emotion: 2\n") });
    commit(dir, "main moves on");
    const threeDots = await diffJson(dir, "main...feature");
    expect(threeDots.json!.journeys.map((j) => j.id)).toEqual(["other"]);
    expect(kinds(threeDots.json, "other")).toEqual(["step-renamed 19"]);
    expect(threeDots.json!.base.name).toBe("merge base of main and feature");
    const twoRevisions = await diffJson(dir, "main", "feature");
    expect(twoRevisions.json!.journeys.map((j) => j.id)).toEqual(["order", "other"]);
    expect(kinds(twoRevisions.json, "order")).toEqual(["emotion-worse 21"]);
  });

  it("the working tree by default (untracked files too), paths after --, --fail-on and the config of each revision", async () => {
    const dir = repository({ "docs/a.journey.yaml": ORDER, "other/b.journey.yaml": OTHER, "docs/journey.config.yaml": "diff:\n  step-renamed: error\n" });
    write(dir, {
      "docs/a.journey.yaml": ORDER.replace("name: Compares offers", "name: Compares two offers"),
      "other/b.journey.yaml": OTHER.replace("emotion: 0\n", "emotion: -1\n"),
      "docs/new.journey.yaml": ORDER.replace("id: order", "id: new"),
    });
    const all = await diffJson(dir, "HEAD");
    expect(all.json!.head).toEqual({ name: "working tree", commit: null });
    expect(all.json!.journeys.map((j) => [j.id, j.status])).toEqual([
      ["order", "changed"],
      ["new", "added"],
      ["other", "changed"],
    ]);
    // docs/ has a config that makes a renamed step an error.
    expect(all.json!.journeys[0].changes.map((c) => `${c.kind} ${c.severity}`)).toEqual(["step-renamed error"]);
    expect(all.run.exitCode).toBe(1);
    const onlyOther = await diffJson(dir, "HEAD", "--", "other");
    expect(onlyOther.json!.journeys.map((j) => j.id)).toEqual(["other"]);
    expect(onlyOther.run.exitCode).toBe(0);
    const pathAsRevision = await cli(["diff", "HEAD", "other"], { cwd: dir });
    expect(pathAsRevision.exitCode).toBe(2);
    expect(pathAsRevision.stderr).toContain("it is a path: paths go after `--`");
    expect((await cli(["diff", "HEAD", "--fail-on", "warning", "--", "other"], { cwd: dir })).exitCode).toBe(1);
    expect((await cli(["diff", "HEAD", "--fail-on", "never"], { cwd: dir })).exitCode).toBe(0);
    const bad = await cli(["diff", "HEAD", "--fail-on", "sometimes"], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("sometimes");
  });

  it("markdown and github formats", async () => {
    const dir = repository({ "a.journey.yaml": ORDER });
    write(dir, {
      "a.journey.yaml": ORDER.replace(
        "        type: contact\n        channel: chat\n",
        "        type: contact\n        channel: chat\n        next: decides\n",
      ),
    });
    const markdown = await cli(["diff", "HEAD", "--format", "markdown", "--lang", "pl"], { cwd: dir });
    expect(markdown.exitCode).toBe(1);
    expect(markdown.stdout).toContain("## Zmiany w ścieżkach klienta");
    expect(markdown.stdout).toContain("**zmienione ścieżki: 1 · nowe błędy: 1 · nowe ostrzeżenia: 2**");
    expect(markdown.stdout).toContain("```mermaid\nflowchart LR\n");
    const github = await cli(["diff", "HEAD", "--format", "github"], { cwd: dir });
    expect(github.stdout.split("\n")).toContain(
      "::error file=a.journey.yaml,line=24,col=13,title=journey diff%3A finding-new touchpoint-unanswered::order: new error: contact `asks` is answered by `answers`, but the flow never gets there from the contact",
    );
    expect(github.stdout.split("\n")).toContain(
      "::warning file=a.journey.yaml,title=journey diff%3A edge-removed::order: `asks` no longer leads to `forwards`",
    );
  });

  it("markdown quotes lint findings in the diff's language; the other formats stay English", async () => {
    const unanswered = edit(ORDER, "        answers: asks\n", "");
    const dir = repository({ "a.journey.yaml": unanswered });
    // The contact is answered again (a finding fixed) and the first step feels bad (a new one).
    write(dir, {
      "a.journey.yaml": edit(ORDER, "        emotion: 1\n        metrics: { reached: 1000 }", "        emotion: -2\n        metrics: { reached: 1000 }"),
    });
    const rows = async (lang: string) =>
      (await cli(["diff", "HEAD", "--format", "markdown", "--lang", lang], { cwd: dir })).stdout.split("\n").filter((line) => line.includes("| finding-"));
    const da = await rows("da");
    expect(da).toHaveLength(2);
    expect(da.find((row) => row.includes("finding-new (emotion-unaddressed)"))).toContain("| ny advarsel: kunden har det dårligt ved `opens` (følelse -2)");
    expect(da.find((row) => row.includes("finding-fixed (touchpoint-unanswered)"))).toContain(
      "| rettet: henvendelsen `asks` bliver aldrig besvaret: tilføj et trin med `type: response` og `answers: asks` |",
    );
    for (const row of da) expect(row.split(" | ").at(-1)).not.toMatch(/customer|contact|new |fixed:/);
    // Right to left: the code spans of the message isolated, as in the report's Findings.
    const ar = (await rows("ar")).find((row) => row.includes("finding-fixed"));
    expect(ar).toContain("| أُصلح: لا أحد يرد على التواصل \u2068`asks`\u2069: ");
    expect(await rows("en")).toContain(
      "| ℹ️ note | finding-fixed (touchpoint-unanswered) | base 24 | fixed: contact `asks` is never answered: add a step with `type: response` and `answers: asks` |",
    );
    const json = await cli(["diff", "HEAD", "--format", "json"], { cwd: dir });
    expect(json.stdout).toContain('"message": "fixed: contact `asks` is never answered');
    expect(json.stdout).not.toContain('"finding"');
    const github = await cli(["diff", "HEAD", "--format", "github"], { cwd: dir });
    expect(github.stdout).toContain("order: new warning: the customer feels bad at `opens`");
  });

  it("a swap of neighbours is one change: the step that moved, with its flow before and after; the diagram marks only it", async () => {
    const dir = repository({ "shop.journey.yaml": SHOP });
    write(dir, { "shop.journey.yaml": SHOP_SWAPPED });
    commit(dir, "the size guide after adding to the cart");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    expect(run.exitCode).toBe(0);
    const changes = json!.journeys[0].changes;
    expect(changes.map((c) => [c.kind, c.severity, c.step, c.line])).toEqual([["step-moved", "info", "size-guide", 17]]);
    expect(changes[0].before).toEqual({ stage: "choose", position: 2, predecessors: ["views-product"], successors: ["add-to-cart"] });
    expect(changes[0].after).toEqual({ stage: "choose", position: 3, predecessors: ["add-to-cart"], successors: ["decides"], swapped_with: "add-to-cart" });
    const stylish = await cli(["diff", "HEAD~1", "HEAD"], { cwd: dir });
    expect(stylish.stdout.split("\n")).toEqual([
      "shop.journey.yaml  shop (changed)",
      "  17:13  info     step `size-guide` moved from position 2 to 3 in stage `choose`, swapping places with `add-to-cart`; flow `views-product` -> `size-guide` -> `add-to-cart` before, `add-to-cart` -> `size-guide` -> `decides` now  step-moved",
      "",
      "● 1 change (1 info) in 1 of 1 journey file (HEAD against HEAD~1)",
    ]);
    const markdown = (await cli(["diff", "HEAD~1", "HEAD", "--format", "markdown"], { cwd: dir })).stdout;
    const diagram = markdown.slice(markdown.indexOf("```mermaid"));
    expect(diagram).toContain('  n3["Reads the size guide"]');
    expect(diagram).toContain("  class n3 changed\n");
    // No other step marked, no transition coloured or dashed.
    expect(diagram.split("\n").filter((line) => /^ {2}(class |linkStyle )|-\.->/.test(line))).toEqual(["  class n3 changed"]);
  });

  it("a move and a real rewire: the move, and the transitions that do not follow from it", async () => {
    const dir = repository({ "shop.journey.yaml": SHOP });
    const branches = "          - { to: leaves, when: not convinced }\n";
    write(dir, { "shop.journey.yaml": edit(SHOP_SWAPPED, branches, "          - { to: views-product, when: not convinced }\n") });
    const { json } = await diffJson(dir, "HEAD");
    expect(kinds(json, "shop").filter((k) => !k.startsWith("finding"))).toEqual(["step-moved 17", "edge-added 27", "edge-removed base:27"]);
    const changes = json!.journeys[0].changes;
    expect(changes.filter((c) => c.kind.startsWith("edge-")).map((c) => c.message)).toEqual([
      "decision `decides` has a new branch to `views-product` (when not convinced)",
      "decision `decides` lost its branch to `leaves`",
    ]);
  });

  it("a removed response is reported once: the new touchpoint-unanswered error, not contact-unanswered as well", async () => {
    const dir = repository({ "a.journey.yaml": ORDER });
    write(dir, {
      "a.journey.yaml": edit(
        ORDER,
        "      - id: answers\n        name: Answers the question\n        type: response\n        answers: asks\n        channel: chat\n",
        "",
      ),
    });
    commit(dir, "no more answers");
    const { run, json } = await diffJson(dir, "HEAD~1", "HEAD");
    const changes = json!.journeys[0].changes;
    expect(changes.filter((c) => c.step === "asks").map((c) => `${c.kind} ${c.rule} ${c.severity}`)).toEqual(["finding-new touchpoint-unanswered error"]);
    // The removed step, and the contact left unanswered; the transition that bypasses the step comes with it.
    expect(kinds(json, "order")).toEqual(["finding-new(touchpoint-unanswered) 24", "step-removed base:32"]);
    // The new lint error still fails the run.
    expect(run.exitCode).toBe(1);
  });

  it("the impact line says what a figure that did not exist was, instead of a dash", async () => {
    const dir = repository({ "shop.journey.yaml": SHOP });
    write(dir, { "shop.journey.yaml": edit(SHOP, "        name: Pays\n", "        name: Pays\n        metrics: { reached: 24 }\n") });
    const run = await cli(["diff", "HEAD"], { cwd: dir });
    expect(run.stdout).toContain("customers reaching `pays`: not measured before, 24 now  metrics-changed\n");
    expect(run.stdout.split("\n")).toContain("  impact: customers reaching the goal: not measured before, 24 now");
    write(dir, { "shop.journey.yaml": edit(SHOP_SWAPPED, "        emotion: 1\n", "        emotion: -1\n") });
    commit(dir, "worse");
    write(dir, { "shop.journey.yaml": edit(SHOP_SWAPPED, "        emotion: 1\n", "") });
    const gone = await cli(["diff", "HEAD"], { cwd: dir });
    expect(gone.stdout.split("\n")).toContain("  impact: lowest emotion: -1 before, no emotions now; average emotion: -1 before, no emotions now");
  });
});
