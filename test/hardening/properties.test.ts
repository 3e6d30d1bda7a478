import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { mermaidLabel, mermaidText } from "../../src/escape/mermaid.js";
import { defaultConfig } from "../../src/config/load.js";
import { formatGithub } from "../../src/report/formatters/github.js";
import { formatJson } from "../../src/report/formatters/json.js";
import { formatJunit } from "../../src/report/formatters/junit.js";
import { formatSarif } from "../../src/report/formatters/sarif.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { findBrowser, MermaidRenderer } from "../../src/render/images.js";
import { planRender } from "../../src/render/plan.js";
import { execa } from "execa";
import { BIN, chromiumAvailable, lint, RUN_META, formatContext, parseJson, tempProject, type JsonReport, type SarifLog } from "../helpers/index.js";

const TYPES = ["action", "contact", "response", "handoff", "decision", "end"] as const;
const CHANNELS = {
  web: { name: "Web", mode: "async" },
  chat: { name: "Chat", mode: "sync" },
  phone: { name: "Phone", mode: "sync" },
  faq: { name: "FAQ", mode: "async", self_service: true },
};

/** Any text, including everything Mermaid, Markdown, XML and YAML give a meaning to. */
const hostileText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(..."':;#,\"<>&%{}\\`|[]()=*_~!\n\r\t -ax1🐱кع".split("")), minLength: 1, maxLength: 40 }),
    fc.constantFrom("title x", "section y", "end", "accTitle: z", "%% comment", "<script>alert(1)</script>", "click n1 call x()", "graph TD", "```mermaid"),
  )
  .filter((s) => s.trim().length > 0);

/** A structurally valid journey: ids by position, references to steps that exist. */
const journeyArb = (text: fc.Arbitrary<string>) =>
  fc
    .record({
      title: text,
      persona: fc.option(fc.record({ name: text, goals: fc.array(text, { maxLength: 2 }) }), { nil: undefined }),
      stages: fc.array(
        fc.record({
          name: fc.option(text, { nil: undefined }),
          steps: fc.array(
            fc.record({
              name: text,
              type: fc.constantFrom(...TYPES),
              channel: fc.option(fc.subarray(Object.keys(CHANNELS), { minLength: 1 }), { nil: undefined }),
              emotion: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
              thoughts: fc.option(text, { nil: undefined }),
              pain_points: fc.array(text, { maxLength: 2 }),
              next: fc.option(fc.array(fc.record({ target: fc.nat(), when: fc.option(text, { nil: undefined }) }), { maxLength: 3 }), { nil: undefined }),
              reached: fc.option(fc.nat(5000), { nil: undefined }),
              feedback: fc.boolean(),
            }),
            { maxLength: 6 },
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      goalPick: fc.nat(),
    })
    .map(({ title, persona, stages, goalPick }) => {
      let count = 0;
      const ids: string[] = [];
      for (const stage of stages) for (const _ of stage.steps) ids.push(`s${count++}`);
      const contacts = new Set<string>();
      let n = 0;
      const built = stages.map((stage, si) => ({
        id: `stage-${si}`,
        ...(stage.name ? { name: stage.name } : {}),
        steps: stage.steps.map((step) => {
          const id = ids[n++];
          let type: string = step.type;
          const answered = [...contacts][0];
          if (type === "response" && !answered) type = "action";
          if (type === "contact") contacts.add(id);
          const out: Record<string, unknown> = { id, name: step.name, type };
          if (type === "response") out.answers = answered;
          if (step.channel) out.channel = step.channel.length === 1 ? step.channel[0] : step.channel;
          if (step.emotion !== undefined) out.emotion = step.emotion;
          if (step.thoughts) out.thoughts = step.thoughts;
          if (step.pain_points.length > 0) out.pain_points = step.pain_points;
          if (step.next && ids.length > 0)
            out.next = step.next.map((t) => (t.when ? { to: ids[t.target % ids.length], when: t.when } : ids[t.target % ids.length]));
          if (step.reached !== undefined) out.metrics = { reached: step.reached };
          if (step.feedback) out.collects = "feedback";
          if (type === "end") out.outcome = "other";
          return out;
        }),
      }));
      const doc: Record<string, unknown> = {
        journey: 1,
        id: "prop",
        title,
        channels: CHANNELS,
        goal: { steps: ids.length > 0 ? [ids[goalPick % ids.length]] : [] },
        stages: built,
      };
      if (persona) doc.persona = persona;
      if (ids.length === 0) doc.goal = { steps: ["none"] };
      return { doc, hasSteps: ids.length > 0 };
    })
    .filter(({ hasSteps }) => hasSteps)
    .map(({ doc }) => stringify(doc, { lineWidth: 0 }));

const context = formatContext({ version: "0.0.0" });
const config = defaultConfig("/virtual");

describe("property: random valid journeys", () => {
  it("lint never throws, and json, sarif, junit and github carry the same findings", () => {
    fc.assert(
      fc.property(journeyArb(hostileText), (text) => {
        const result = lint(text);
        expect(result.findings.filter((f) => ["syntax", "schema", "unknown-reference", "duplicate-id", "internal"].includes(f.ruleId))).toEqual([]);
        const key = (rule: string, line: number, column: number) => `${rule}@${line}:${column}`;
        const fromJson = parseJson<JsonReport>(formatJson([result], context))[0]
          .messages.map((m) => key(m.ruleId, m.line, m.column))
          .sort();
        const fromSarif = parseJson<SarifLog>(formatSarif([result], context))
          .runs[0].results.map((r) => key(r.ruleId, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn))
          .sort();
        const fromGithub = formatGithub([result], context)
          .split("\n")
          .filter(Boolean)
          .map((line) => {
            const m = /line=(\d+),endLine=\d+,col=(\d+),endColumn=\d+,title=([^:]+)::/.exec(line)!;
            return key(m[3], Number(m[1]), Number(m[2]));
          })
          .sort();
        const junit = formatJunit([result], context);
        const fromJunit = [...junit.matchAll(/<testcase name="([^"]+)"[^>]*>\n\s*<failure[^>]*>([^<]*)<\/failure>/g)]
          .flatMap(([, rule, body]) =>
            body
              .split("\n")
              .map((line) => /:(\d+):(\d+) /.exec(line)!)
              .map((m) => key(rule, Number(m[1]), Number(m[2]))),
          )
          .sort();
        expect(fromSarif).toEqual(fromJson);
        expect(fromGithub).toEqual(fromJson);
        expect(fromJunit).toEqual(fromJson);
      }),
      { numRuns: 150 },
    );
  });

  it("render is deterministic: the same journey twice gives byte-identical files", () => {
    fc.assert(
      fc.property(journeyArb(hostileText), fc.constantFrom(...Object.keys(LANGUAGES)), (text, lang) => {
        const plan = () =>
          planRender([{ result: lint(text), config }], { labels: LANGUAGES[lang], outDir: "/out", projectRoot: "/virtual", ...RUN_META }).files;
        expect(plan()).toEqual(plan());
      }),
      { numRuns: 60 },
    );
  });
});

/** User text in a diagram: plain characters Mermaid gives no meaning to, or entity codes. */
const SAFE = String.raw`(?:[^:;#,"'<>&%{}\\\x60|\[\]()=\n\r]|#\d+;)*`;
/** Wrapped text: lines of safe text joined by line breaks. */
const LINES = `${SAFE}(?:<br/>${SAFE})*`;
const LABEL = `(?:⚠ )?${LINES}(?:<br/><small>${LINES}</small>)?`;
const JOURNEY_LINE = new RegExp(
  // The init directive is journey's own text, with the task height the only figure in it.
  String.raw`^(?:%% generated by journey render from [^\n]*|%%\{init: \{"theme":"default","themeCSS":"text\.task, text\.journey-section \{ fill: #333; \}","journey":\{"textPlacement":"tspan","height":\d+\}\}\}%%|journey|  title ${SAFE}|  section ${LINES}|    ${LINES}: [1-5]: ${SAFE})$`,
  "u",
);
const FLOW_LINE = new RegExp(
  String.raw`^(?:%% generated by journey render from [^\n]*|flowchart (?:LR|RL|TB)|  subgraph (?:frontstage|backstage)\["${SAFE}"\]|    direction (?:LR|RL|TB)|  end|` +
    String.raw`    n\d+(?:\["${LABEL}"\]|\{"${LABEL}"\}|>"${LABEL}"\]|\("${LABEL}"\)|\[\["${LABEL}"\]\]|\(\["${LABEL}"\]\))|` +
    String.raw`  n\d+ --> n\d+|  n\d+ -->\|"${LINES}"\| n\d+|  n\d+ -\.- n\d+|  classDef \w+ [^\n]+|  class n\d+(?:,n\d+)* \w+)$`,
  "u",
);

describe("property: random text in every field", () => {
  it("mermaidText and mermaidLabel never let a reserved character through, and a wrapped label keeps every character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.integer({ min: 2, max: 80 }), (text, width) => {
        expect(mermaidText(text)).toMatch(new RegExp(`^${SAFE}$`, "u"));
        const label = mermaidLabel(text, width);
        expect(label).toMatch(new RegExp(`^${LINES}$`, "u"));
        // Joined again, the lines give the text back: wrapping only adds line breaks.
        expect(label.split("<br/>").join(" ").replace(/\s/g, "")).toBe(mermaidText(text).replace(/\s/g, ""));
      }),
      { numRuns: 500 },
    );
  });

  it("every generated diagram line is Mermaid syntax around escaped text, and Markdown tables keep their columns", () => {
    fc.assert(
      fc.property(journeyArb(hostileText), (text) => {
        const { files } = planRender([{ result: lint(text), config }], { labels: LANGUAGES.en, outDir: "/out", projectRoot: "/virtual", ...RUN_META });
        for (const line of files
          .find((f) => f.name === "prop.journey.mmd")!
          .content.trimEnd()
          .split("\n"))
          expect(line).toMatch(JOURNEY_LINE);
        for (const line of files
          .find((f) => f.name === "prop.flow.mmd")!
          .content.trimEnd()
          .split("\n"))
          expect(line).toMatch(FLOW_LINE);
        const report = files.find((f) => f.name === "prop.md")!.content;
        let columns = 0;
        for (const line of report.split("\n")) {
          if (!line.startsWith("|")) {
            columns = 0;
            continue;
          }
          const count = line.replace(/\\\|/g, "").split("|").length;
          if (columns === 0) columns = count;
          expect(count, line).toBe(columns);
        }
      }),
      { numRuns: 150 },
    );
  });

  it.runIf(chromiumAvailable())(
    "a sample of them draws in real Mermaid",
    async () => {
      const samples = fc.sample(journeyArb(hostileText), { numRuns: 12, seed: 42 });
      const renderer = await MermaidRenderer.open(findBrowser()!);
      try {
        for (const text of samples) {
          const { diagrams } = planRender([{ result: lint(text), config }], { labels: LANGUAGES.en, outDir: "/out", projectRoot: "/virtual", ...RUN_META });
          for (const diagram of diagrams) expect(await renderer.svg(diagram.definition)).toMatch(/^<svg/);
        }
      } finally {
        await renderer.close();
      }
    },
    120_000,
  );
});

describe("property: random damage to valid files", () => {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom("{", "]", "- x", ": :", "\t", "&a *a", "'", "---", "? x") }),
  );
  it("never crash, and every finding points inside the file", () => {
    fc.assert(
      fc.property(
        journeyArb(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0)),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (text, mutations) => {
          let lines = text.split("\n");
          for (const m of mutations) {
            const at = m.at % Math.max(lines.length, 1);
            if (m.kind === "delete") lines.splice(at, 1);
            else if (m.kind === "indent") lines[at] = m.by >= 0 ? " ".repeat(m.by) + lines[at] : lines[at].slice(-m.by);
            else if (m.kind === "insert") lines.splice(at, 0, m.text);
            else
              lines = lines
                .join("\n")
                .slice(0, m.at % (text.length + 1))
                .split("\n");
          }
          const damaged = lines.join("\n");
          const result = lint(damaged);
          expect(result.findings.filter((f) => f.ruleId === "internal")).toEqual([]);
          const lineCount = damaged.split("\n").length;
          for (const f of result.findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.line).toBeLessThanOrEqual(lineCount);
            expect(f.column).toBeGreaterThanOrEqual(1);
            expect(f.endLine).toBeGreaterThanOrEqual(f.line);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("property: random bytes, random YAML and random journeys through the built CLI", () => {
  /** Anything YAML can hold, written out by the YAML library, sometimes with anchors and aliases. */
  const randomYaml = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value)),
    fc
      .array(
        fc.constantFrom(
          "a: &x [1, 2]",
          "b: *x",
          "- *x",
          "? [k]",
          ": v",
          "c: !!binary aGk=",
          "d: |",
          "  text",
          "e: {f: [g, {h: i}]}",
          "- - - j",
          "journey: 1",
          "id: x",
          "stages: []",
          "---",
          "...",
          "%YAML 1.2",
          "'q",
          '"\\u0000"',
        ),
        { maxLength: 12 },
      )
      .map((lines) => lines.join("\n")),
  );
  const randomFile = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
    randomYaml.map((text) => Buffer.from(text)),
    journeyArb(hostileText).map((text) => Buffer.from(text)),
  );

  it("lint and render never crash, never print a stack trace, and stay within a 256 MB heap", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomFile, { minLength: 20, maxLength: 40 }), async (files) => {
        const dir = tempProject(Object.fromEntries(files.map((bytes, i) => [`maps/f${i}.journey.yaml`, bytes])));
        const cli = (args: string[]) =>
          execa("node", ["--max-old-space-size=256", BIN, ...args], { cwd: dir, reject: false, timeout: 60_000, stdin: "ignore", env: { NO_COLOR: "1" } });
        const linted = await cli(["lint", "maps", "-f", "json"]);
        expect(linted.timedOut).toBe(false);
        expect([0, 1], linted.stderr).toContain(linted.exitCode);
        expect(linted.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
        const reports = parseJson<JsonReport>(linted.stdout);
        expect(reports).toHaveLength(files.length);
        expect(reports.flatMap((r) => r.messages).filter((m) => m.ruleId === "internal")).toEqual([]);
        const rendered = await cli(["render", "maps", "-o", "out"]);
        expect(rendered.timedOut).toBe(false);
        expect([0, 1], rendered.stderr).toContain(rendered.exitCode);
        expect(rendered.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      }),
      { numRuns: 4 },
    );
  }, 300_000);
});
