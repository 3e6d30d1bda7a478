import { chmodSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMeasurement, contentHash, writeMeasurement } from "../../src/analyze/write-back.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { defaultConfig, loadConfigFile } from "../../src/config/load.js";
import type { ProjectConfig } from "../../src/config/types.js";
import { check, EXAMPLES, tempProject } from "../helpers/index.js";

/** A result for the journey with the given step ids; `reached` falls by a known rule. */
function resultFor(journey: string, stepIds: string[], overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    journey,
    engine: "duckdb",
    events: { read: 100, mapped: 90, unmapped: 5, skipped: 5 },
    period: { from: "2026-01-01T00:00:00Z", to: "2026-01-31T23:59:59.250Z" },
    cases: 5000,
    conversion: 0.123456,
    fitness: 2 / 3,
    steps: stepIds.map((id, i) => ({ id, reached: 5000 - 311 * i, ended_here: 0 })),
    transitions: [],
    deviations: [],
    variants: [],
    unmapped_activities: [],
    ...overrides,
  };
}

/** Lines removed from `before` and added in `after`, by a longest common subsequence of lines. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { removed, added };
}

interface StepData {
  id: string;
  metrics?: { reached?: number; ended_here?: number };
}
const stepsOf = (data: { stages: { steps?: StepData[] }[] }) => data.stages.flatMap((s) => s.steps ?? []);

const MEASURED_LINES = /^(measured:| {2}from: "[^"]+"| {2}to: "[^"]+"| {2}cases: \d+| {2}conversion: [\d.]+| {2}fitness: [\d.]+)\r?$/;
const METRICS_LINE = /^\s+(- )?(metrics: \{ reached: \d+(, ended_here: \d+)? \}|reached: \d+|ended_here: \d+)\r?$/;

/**
 * Applies `result` to an example's text and checks the contract: the line diff holds only
 * `metrics.reached` lines and the new `measured` block, the data is the old data with exactly
 * those keys set, the file still validates, and a second application changes nothing.
 */
function expectOnlyMeasurementChanges(text: string, result: AnalysisResult, instrumented: ReadonlySet<string>, config: ProjectConfig): void {
  const before = parse(text.replace(/^\uFEFF/, "")) as { measured?: unknown; stages: { steps?: StepData[] }[] };
  const after = applyMeasurement(text, result, instrumented);

  const { removed, added } = lineDiff(text, after);
  for (const line of removed) expect(line).toMatch(METRICS_LINE);
  for (const line of added) expect(line, JSON.stringify(added)).toSatisfy((l: string) => METRICS_LINE.test(l) || MEASURED_LINES.test(l));
  expect(added.filter((l) => MEASURED_LINES.test(l))).toHaveLength(6);
  const reached = new Map(result.steps.map((s) => [s.id, s.reached]));
  const changed = stepsOf(before).filter((s) => instrumented.has(s.id) && (s.metrics?.reached !== reached.get(s.id) || s.metrics?.ended_here === undefined));
  expect(added.filter((l) => METRICS_LINE.test(l)).length).toBeLessThanOrEqual(2 * changed.length);
  expect(after.startsWith("\uFEFF")).toBe(text.startsWith("\uFEFF"));
  if (text.includes("\r\n")) expect(after.replace(/\r\n/g, "")).not.toContain("\n");

  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  before.measured = {
    from: result.period!.from,
    to: result.period!.to,
    cases: result.cases,
    conversion: round(result.conversion),
    fitness: round(result.fitness),
  };
  const endedHere = new Map(result.steps.map((s) => [s.id, s.ended_here]));
  for (const step of stepsOf(before)) {
    if (instrumented.has(step.id)) step.metrics = { ...step.metrics, reached: reached.get(step.id)!, ended_here: endedHere.get(step.id)! };
    else if (step.metrics) {
      // A step this log does not measure keeps no figures (of an earlier measurement or typed by hand).
      const { reached: _r, ended_here: _e, ...rest } = step.metrics;
      if (Object.keys(rest).length > 0) step.metrics = rest;
      else delete step.metrics;
    }
  }
  expect(parse(after.replace(/^\uFEFF/, ""))).toEqual(before);
  expect(check(after.replace(/^\uFEFF/, ""), config).findings.filter((f) => f.severity === "error")).toEqual([]);
  expect(applyMeasurement(after, result, instrumented)).toBe(after);
}

describe("analyze --write on every bundled example", () => {
  const { config } = loadConfigFile(join(EXAMPLES, "journey.config.yaml"));
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".journey.yaml"))
    .sort();
  for (const file of files) {
    const original = readFileSync(join(EXAMPLES, file), "utf8");
    const data = parse(original) as { id: string; stages: { steps?: StepData[] }[] };
    const ids = stepsOf(data).map((s) => s.id);
    const variants = { "as bundled": original, "with CRLF and a BOM": "\uFEFF" + original.replace(/\n/g, "\r\n") };
    for (const [variant, text] of Object.entries(variants)) {
      it(`${file} ${variant}: only metrics.reached, metrics.ended_here and measured change, and twice is once`, () => {
        // Every other step is instrumented, so some keep their hand-typed figures.
        expectOnlyMeasurementChanges(text, resultFor(data.id, ids), new Set(ids.filter((_, i) => i % 2 === 0)), config!);
      });
    }
    it(`${file}: the same for any instrumented steps and figures (property)`, () => {
      const figures = fc.record({
        instrumented: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
        reached: fc.array(fc.nat({ max: 1_000_000 }), { minLength: ids.length, maxLength: ids.length }),
        cases: fc.nat({ max: 10_000_000 }),
        conversion: fc.double({ min: 0, max: 1, noNaN: true }),
        fitness: fc.double({ min: 0, max: 1, noNaN: true }),
        from: fc.integer({ min: 0, max: 4_000_000_000_000 }),
        crlf: fc.boolean(),
      });
      fc.assert(
        fc.property(figures, (f) => {
          const time = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
          const result = resultFor(data.id, ids, {
            cases: f.cases,
            conversion: f.conversion,
            fitness: f.fitness,
            period: { from: time(f.from), to: time(f.from + 86_400_123) },
            steps: ids.map((id, i) => ({ id, reached: f.reached[i], ended_here: 0 })),
          });
          expectOnlyMeasurementChanges(f.crlf ? original.replace(/\n/g, "\r\n") : original, result, new Set(ids.filter((_, i) => f.instrumented[i])), config!);
        }),
        { numRuns: 40 },
      );
    });
  }
});

const R = resultFor("j", ["a", "b", "c"]);
const MEASURED = `measured:
  from: "2026-01-01T00:00:00Z"
  to: "2026-01-31T23:59:59.250Z"
  cases: 5000
  conversion: 0.1235
  fitness: 0.6667
`;

/** Each shape: the file before, the steps instrumented, and the exact file after. */
const SHAPES: { name: string; before: string; instrumented: string[]; after: string }[] = [
  {
    name: "a step without metrics gets them before `next:`, and `measured` goes after `goal`",
    before: `journey: 1\nid: j\ntitle: T\ngoal:\n  steps: [c]\n\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        # the way on\n        next: [b]\n      - id: b\n        name: B\n      - id: c\n        name: C\n`,
    instrumented: ["a", "c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal:\n  steps: [c]\n${MEASURED}\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics: { reached: 5000, ended_here: 0 }\n        # the way on\n        next: [b]\n      - id: b\n        name: B\n      - id: c\n        name: C\n        metrics: { reached: 4378, ended_here: 0 }\n`,
  },
  {
    name: "flow-style metrics keep their style; other keys stay",
    before: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics: { reached: 5 }\n      - id: b\n        name: B\n        metrics: { x-source: crm }\n      - id: c\n        name: C\n        metrics: {}\n`,
    instrumented: ["a", "b", "c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\n${MEASURED}stages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics: { reached: 5000, ended_here: 0 }\n      - id: b\n        name: B\n        metrics: { x-source: crm, reached: 4689, ended_here: 0 }\n      - id: c\n        name: C\n        metrics: { reached: 4378, ended_here: 0 }\n`,
  },
  {
    name: "block metrics with comments and x- keys; a missing reached goes last in the block",
    before: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics:\n          # typed from the CRM export\n          reached: 5  # March\n          x-source: crm\n      - id: b\n        name: B\n        metrics:\n          x-source: crm # only this\n      - id: c\n        name: C\n`,
    instrumented: ["a", "b"],
    after: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\n${MEASURED}stages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics:\n          # typed from the CRM export\n          reached: 5000  # March\n          x-source: crm\n          ended_here: 0\n      - id: b\n        name: B\n        metrics:\n          x-source: crm # only this\n          reached: 4689\n          ended_here: 0\n      - id: c\n        name: C\n`,
  },
  {
    name: "an existing measured block keeps its place, comments, quoting and extra keys",
    before: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\nstages:\n  - id: s\n    steps:\n      - { id: a, name: A }\n      - { id: b, name: B, next: [c] }\n      - { id: c, name: C, metrics: { reached: 4378 } }\n# from the January export\nmeasured:\n  from: '2026-01-01T00:00:00Z'   # kept: the same value\n  to: "2025-12-31T00:00:00Z"\n  x-note: by hand\n  cases: 3\n  conversion: 1\n  fitness: 0.5\n`,
    instrumented: ["a", "b", "c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\nstages:\n  - id: s\n    steps:\n      - { id: a, name: A, metrics: { reached: 5000, ended_here: 0 } }\n      - { id: b, name: B, metrics: { reached: 4689, ended_here: 0 }, next: [c] }\n      - { id: c, name: C, metrics: { reached: 4378, ended_here: 0 } }\n# from the January export\nmeasured:\n  from: '2026-01-01T00:00:00Z'   # kept: the same value\n  to: "2026-01-31T23:59:59.250Z"\n  x-note: by hand\n  cases: 5000\n  conversion: 0.1235\n  fitness: 0.6667\n`,
  },
  {
    name: "indentation of 4 and a flow-style measured with a key missing",
    before: `journey: 1\nid: j\ntitle: T\ngoal:\n    steps: [c]\nmeasured: { from: "2026-01-01T00:00:00Z", to: "2026-01-31T23:59:59.250Z", cases: 1 }\nstages:\n    -   id: s\n        steps:\n            -   id: a\n                name: A\n            -   id: b\n                name: B\n            -   id: c\n                name: C\n                next: []`,
    instrumented: ["a", "b", "c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal:\n    steps: [c]\nmeasured: { from: "2026-01-01T00:00:00Z", to: "2026-01-31T23:59:59.250Z", cases: 5000, conversion: 0.1235, fitness: 0.6667 }\nstages:\n    -   id: s\n        steps:\n            -   id: a\n                name: A\n                metrics: { reached: 5000, ended_here: 0 }\n            -   id: b\n                name: B\n                metrics: { reached: 4689, ended_here: 0 }\n            -   id: c\n                name: C\n                metrics: { reached: 4378, ended_here: 0 }\n                next: []`,
  },
  {
    name: "indentation of 4 with no measured: the new block uses it; a file without a final newline",
    before: `journey: 1\nid: j\ntitle: T\ngoal:\n    steps: [c]\nstages:\n    - id: s\n      steps:\n          - { id: a, name: A }\n          - { id: b, name: B }\n          - { id: c, name: C }`,
    instrumented: ["c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal:\n    steps: [c]\n${MEASURED.replace(/^ {2}/gm, "    ")}stages:\n    - id: s\n      steps:\n          - { id: a, name: A }\n          - { id: b, name: B }\n          - { id: c, name: C, metrics: { reached: 4378, ended_here: 0 } }`,
  },
  {
    name: "`next:` as the first key of a step, and a long folded name that stays folded",
    before: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\nstages:\n  - id: s\n    steps:\n      - next: [c]\n        id: a\n        name: >-\n          A very long name\n          folded over lines\n      - id: b\n        name: B\n      - id: c\n        name: C\n`,
    instrumented: ["a"],
    after: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\n${MEASURED}stages:\n  - id: s\n    steps:\n      - metrics: { reached: 5000, ended_here: 0 }\n        next: [c]\n        id: a\n        name: >-\n          A very long name\n          folded over lines\n      - id: b\n        name: B\n      - id: c\n        name: C\n`,
  },
  {
    name: "a flow-style step over several lines, a kept block scalar last in a step, a comment after `goal`",
    before: `journey: 1\nid: j\ntitle: T\ngoal:\n  steps: [c]\n# the stages follow\nstages:\n  - id: s\n    steps:\n      - {\n          id: a,\n          name: A,\n        }\n      - id: b\n        name: B\n        thoughts: |+\n          kept\n\n      - id: c\n        name: C\n`,
    instrumented: ["a", "b"],
    after: `journey: 1\nid: j\ntitle: T\ngoal:\n  steps: [c]\n${MEASURED}# the stages follow\nstages:\n  - id: s\n    steps:\n      - {\n          id: a,\n          name: A, metrics: { reached: 5000, ended_here: 0 },\n        }\n      - id: b\n        name: B\n        thoughts: |+\n          kept\n\n        metrics: { reached: 4689, ended_here: 0 }\n      - id: c\n        name: C\n`,
  },
  {
    name: "a journey written wholly in flow style",
    before: `{ journey: 1, id: j, title: T, goal: { steps: [c] }, stages: [{ id: s, steps: [{ id: a, name: A }, { id: b, name: B }, { id: c, name: C }] }] }\n`,
    instrumented: ["b"],
    after: `{ journey: 1, id: j, title: T, goal: { steps: [c] }, measured: { from: "2026-01-01T00:00:00Z", to: "2026-01-31T23:59:59.250Z", cases: 5000, conversion: 0.1235, fitness: 0.6667 }, stages: [{ id: s, steps: [{ id: a, name: A }, { id: b, name: B, metrics: { reached: 4689, ended_here: 0 } }, { id: c, name: C }] }] }\n`,
  },
  {
    name: "a step this log does not measure loses the figures of an earlier measurement; other keys of its metrics stay",
    before: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\n${MEASURED}stages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n        metrics: { reached: 5, ended_here: 1 }\n      - id: b\n        name: B\n        metrics:\n          reached: 7\n          x-source: crm\n          ended_here: 2\n      - id: c\n        name: C\n`,
    instrumented: ["c"],
    after: `journey: 1\nid: j\ntitle: T\ngoal: { steps: [c] }\n${MEASURED}stages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n      - id: b\n        name: B\n        metrics:\n          x-source: crm\n      - id: c\n        name: C\n        metrics: { reached: 4378, ended_here: 0 }\n`,
  },
];

describe("analyze --write: shapes of a journey file", () => {
  for (const shape of SHAPES) {
    it(shape.name, () => {
      const after = applyMeasurement(shape.before, R, new Set(shape.instrumented));
      expect(after).toBe(shape.after);
      expect(check(after).findings.filter((f) => f.severity === "error")).toEqual([]);
      // As data: the old document with exactly the intended keys set, nothing else.
      const expected = parse(shape.before) as { measured?: unknown; stages: { steps?: (StepData & Record<string, unknown>)[] }[] };
      expected.measured = {
        ...(expected.measured as object),
        from: "2026-01-01T00:00:00Z",
        to: "2026-01-31T23:59:59.250Z",
        cases: 5000,
        conversion: 0.1235,
        fitness: 0.6667,
      };
      for (const step of stepsOf(expected))
        if (shape.instrumented.includes(step.id)) step.metrics = { ...step.metrics, reached: R.steps.find((r) => r.id === step.id)!.reached!, ended_here: 0 };
        else if (step.metrics) {
          const { reached: _r, ended_here: _e, ...rest } = step.metrics;
          if (Object.keys(rest).length > 0) step.metrics = rest;
          else delete step.metrics;
        }
      expect(parse(after)).toEqual(expected);
      expect(applyMeasurement(after, R, new Set(shape.instrumented))).toBe(after);
    });
    it(`${shape.name} (CRLF and a BOM)`, () => {
      const crlf = (t: string) => "\uFEFF" + t.replace(/\n/g, "\r\n");
      const after = applyMeasurement(crlf(shape.before), R, new Set(shape.instrumented));
      expect(after).toBe(crlf(shape.after));
    });
  }

  it("refuses a result of another journey, and a file whose YAML does not parse", () => {
    expect(() => applyMeasurement(SHAPES[0].before, { ...R, journey: "other" }, new Set())).toThrow(
      "the analysis is of journey `other`, but the file is journey `j`",
    );
    expect(() => applyMeasurement("id: j\nid: j\n", R, new Set())).toThrow(/does not parse as YAML/);
    expect(() => applyMeasurement(SHAPES[0].before, { ...R, period: null }, new Set())).toThrow(/no readable rows/);
    // Editing a shared (anchored or aliased) value would change another step too.
    const anchored = SHAPES[1].before.replace("metrics: { reached: 5 }", "metrics: &m { reached: 5 }").replace("metrics: { x-source: crm }", "metrics: *m");
    expect(() => applyMeasurement(anchored, R, new Set(["a"]))).toThrow(
      "`metrics` of step `a` has an anchor (`&m`) that other places may share; write those values out so the measurement can be recorded",
    );
    expect(() => applyMeasurement(anchored, R, new Set(["b"]))).toThrow(
      "`metrics` of step `b` is an alias (`*m`); write its value out so the measurement can be recorded",
    );
  });
});

describe("writeMeasurement", () => {
  const config = defaultConfig("/virtual");

  it("writes the file in place, and a second run leaves it untouched", () => {
    const dir = tempProject({ "j.journey.yaml": SHAPES[0].before });
    const path = join(dir, "j.journey.yaml");
    writeMeasurement(path, R, new Set(SHAPES[0].instrumented), config);
    expect(readFileSync(path, "utf8")).toBe(SHAPES[0].after);
    writeMeasurement(path, R, new Set(SHAPES[0].instrumented), config);
    expect(readFileSync(path, "utf8")).toBe(SHAPES[0].after);
    expect(readdirSync(dir)).toEqual(["j.journey.yaml"]);
  });

  it("keeps the file's permissions, and through a symbolic link edits the file it points to", () => {
    const dir = tempProject({ "real/j.journey.yaml": SHAPES[0].before });
    const real = join(dir, "real", "j.journey.yaml");
    chmodSync(real, 0o640);
    symlinkSync(real, join(dir, "link.journey.yaml"));
    writeMeasurement(join(dir, "link.journey.yaml"), R, new Set(SHAPES[0].instrumented), config);
    expect(lstatSync(join(dir, "link.journey.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe(SHAPES[0].after);
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it("writes nothing when the new text would not validate, and says where", () => {
    const before = SHAPES[0].before.replace("title: T\n", "title: T\nmeasured:\n  cases: 1\n  x-y: 2\n  from: yesterday\n");
    const dir = tempProject({ "j.journey.yaml": before });
    const path = join(dir, "j.journey.yaml");
    // A negative count cannot come from an engine, but shows that the written text is checked.
    expect(() => writeMeasurement(path, { ...R, cases: -1 }, new Set(), config)).toThrow(
      /j\.journey\.yaml:\d+:\d+: `cases` must be at least 0, not -1\); nothing was written/,
    );
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["j.journey.yaml"]);
  });

  it("names a file it cannot read", () => {
    const dir = tempProject();
    expect(() => writeMeasurement(join(dir, "missing.journey.yaml"), R, new Set(), config)).toThrow(/missing\.journey\.yaml: file not found/);
    writeFileSync(join(dir, "latin1.journey.yaml"), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(() => writeMeasurement(join(dir, "latin1.journey.yaml"), R, new Set(), config)).toThrow(/not valid UTF-8/);
  });
});

describe("writeMeasurement keeps bytes and refuses what it cannot write safely (issue 23, item 9)", () => {
  const config = defaultConfig("/virtual");
  const instrumented = new Set(SHAPES[0].instrumented);

  it("keeps a byte order mark", () => {
    const dir = tempProject({ "j.journey.yaml": "\uFEFF" + SHAPES[0].before });
    const path = join(dir, "j.journey.yaml");
    writeMeasurement(path, R, instrumented, config);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe("\uFEFF" + SHAPES[0].after);
  });

  it("refuses a file that changed since it was analysed", () => {
    const dir = tempProject({ "j.journey.yaml": SHAPES[0].before });
    const path = join(dir, "j.journey.yaml");
    const analysed = contentHash(readFileSync(path));
    writeFileSync(path, SHAPES[0].before + "# edited meanwhile\n");
    expect(() => writeMeasurement(path, R, instrumented, config, analysed)).toThrow(
      `${path} changed while it was analysed, so the figures are of its old version; nothing was written. Run analyze --write again`,
    );
    expect(readFileSync(path, "utf8")).toBe(SHAPES[0].before + "# edited meanwhile\n");
    writeMeasurement(path, R, instrumented, config, contentHash(readFileSync(path)));
    expect(readFileSync(path, "utf8")).toBe(SHAPES[0].after + "# edited meanwhile\n");
  });

  it("refuses a read-only file (even to root) and a file with hard links, and writes nothing", () => {
    const dir = tempProject({ "ro.journey.yaml": SHAPES[0].before, "linked.journey.yaml": SHAPES[0].before });
    const readOnly = join(dir, "ro.journey.yaml");
    chmodSync(readOnly, 0o444);
    expect(() => writeMeasurement(readOnly, R, instrumented, config)).toThrow(`${readOnly} is read-only; make it writable (chmod u+w)`);
    expect(readFileSync(readOnly, "utf8")).toBe(SHAPES[0].before);
    const linked = join(dir, "linked.journey.yaml");
    linkSync(linked, join(dir, "other-name.yaml"));
    expect(() => writeMeasurement(linked, R, instrumented, config)).toThrow(
      `${linked} has 1 other hard link; the measurement is written by replacing the file`,
    );
    expect(readFileSync(join(dir, "other-name.yaml"), "utf8")).toBe(SHAPES[0].before);
    expect(statSync(linked).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["linked.journey.yaml", "other-name.yaml", "ro.journey.yaml"]);
  });

  it("builds the new text once: the characters it copies grow with the file, not with the file times the edits", () => {
    // Counted, not timed: every String.prototype.slice result while the measurement is applied
    // (the YAML parser's own included). Copying the whole text once per edit, as before, copies
    // about (steps x file length) characters.
    const journey = (steps: number) =>
      `journey: 1\nid: j\ntitle: T\ngoal: { steps: [s${steps - 1}] }\nstages:\n  - id: st\n    steps:\n` +
      Array.from({ length: steps }, (_, i) => `      - id: s${i}\n        name: Step ${i}\n`).join("");
    const copied = (steps: number) => {
      const text = journey(steps);
      const ids = Array.from({ length: steps }, (_, i) => `s${i}`);
      const result = resultFor("j", ids, { steps: ids.map((id) => ({ id, reached: 7, ended_here: 0 })) });
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply on its own strings, and put back below
      const slice = String.prototype.slice;
      let characters = 0;
      String.prototype.slice = function (this: string, ...args: [number?, number?]) {
        const part = slice.apply(this, args);
        characters += part.length;
        return part;
      };
      try {
        applyMeasurement(text, result, new Set(ids));
      } finally {
        String.prototype.slice = slice;
      }
      return characters / text.length;
    };
    expect(copied(2000)).toBeLessThan(20);
    expect(copied(4000) / copied(2000)).toBeLessThan(1.5);
  });
});

describe("the measured block in the schema", () => {
  const base = SHAPES[0].after;
  it.each([
    ["from: yesterday", "`from` must look like `2026-01-01T00:00:00Z`, not text `yesterday`"],
    ["cases: 1.5", "`cases` must be an integer, not 1.5"],
    ["conversion: 1.2", "`conversion` must be at most 1, not 1.2"],
    ["fitness: -0.1", "`fitness` must be at least 0, not -0.1"],
  ])("rejects %s", (line, message) => {
    const key = line.split(":")[0];
    const text = base.replace(new RegExp(`^  ${key}: .*$`, "m"), `  ${line}`);
    expect(check(text).findings.map((f) => f.message)).toEqual([message]);
  });
  it("requires every figure", () => {
    expect(check(base.replace(/^ {2}fitness: .*\n/m, "")).findings.map((f) => f.message)).toEqual(["this measured is missing the required key `fitness`"]);
  });
});
