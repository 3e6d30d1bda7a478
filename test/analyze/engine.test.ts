import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS } from "../../src/analyze/columns.js";
import { createDuckDbEngine } from "../../src/analyze/engines/duckdb.js";
import { planAnalysis } from "../../src/analyze/plan.js";
import { buildResult } from "../../src/analyze/result.js";
import type { AnalysisResult, ColumnNames, LogFile } from "../../src/analyze/types.js";
import { check, removeTempProjects, ROOT, tempProject } from "../helpers/index.js";
import { SCENARIOS, SHOP, writeLog, type EventRow, type LogFormatName } from "./fixtures.js";
import { referenceAnalysis } from "./reference.js";

afterAll(removeTempProjects);

function journeyOf(text: string) {
  const checked = check(text);
  expect(checked.findings.filter((f) => f.severity === "error")).toEqual([]);
  return checked.model!;
}

/** The DuckDB engine over log files, in process, as `journey analyze --format json` computes it. */
export async function duckdbAnalysis(journeyText: string, files: LogFile[], options: { top?: number; columns?: ColumnNames } = {}): Promise<AnalysisResult> {
  const { journey, graph } = journeyOf(journeyText);
  const plan = planAnalysis(journey, graph, options.top ?? 10);
  const engine = createDuckDbEngine();
  try {
    return buildResult(plan, await engine.analyze(plan, options.columns ?? DEFAULT_COLUMNS, { kind: "files", files }), "duckdb");
  } finally {
    await engine.close();
  }
}

const VARIANTS: { label: string; format: LogFormatName; gzip?: boolean; nativeTime?: "TIMESTAMPTZ" | "TIMESTAMP" }[] = [
  { label: "csv", format: "csv" },
  { label: "csv.gz", format: "csv", gzip: true },
  { label: "tsv", format: "tsv" },
  { label: "jsonl", format: "jsonl" },
  { label: "jsonl.gz", format: "jsonl", gzip: true },
  { label: "parquet", format: "parquet" },
  { label: "parquet with TIMESTAMPTZ", format: "parquet", nativeTime: "TIMESTAMPTZ" },
  { label: "parquet with TIMESTAMP (no zone: UTC)", format: "parquet", nativeTime: "TIMESTAMP" },
];

async function logFile(rows: EventRow[], variant: (typeof VARIANTS)[number]): Promise<LogFile> {
  const path = join(tempProject(), `log.${variant.format}${variant.gzip ? ".gz" : ""}`);
  await writeLog(rows, path, variant.format, variant.gzip, { nativeTime: variant.nativeTime });
  return { path, format: variant.format === "tsv" ? "tsv" : variant.format, gzip: variant.gzip ?? false };
}

describe("duckdb engine against the reference implementation", () => {
  for (const scenario of SCENARIOS) {
    for (const variant of VARIANTS) {
      it(`${scenario.name} (${variant.label})`, async () => {
        const { journey, graph } = journeyOf(scenario.journey);
        const expected = referenceAnalysis(journey, graph, scenario.rows);
        const actual = await duckdbAnalysis(scenario.journey, [await logFile(scenario.rows, variant)]);
        expect(actual).toEqual(expected);
      });
    }
  }

  it("a journey of 30,000 steps (keys beyond BIGINT), times in the years 1 and 9999", async () => {
    const steps = Array.from({ length: 30_000 }, (_, i) => `      - { id: s${i}, name: S }`).join("\n");
    const journeyText = `journey: 1\nid: long\ntitle: Long\ngoal: { steps: [s29999] }\nstages:\n  - id: all\n    steps:\n${steps}\n`;
    const rows: EventRow[] = [
      ["x", "s29998", "2026-01-01T00:00:00Z"],
      ["x", "s29999", "2026-01-01T00:00:05Z"],
      ["y", "s0", "0001-01-01T00:00:00Z"],
      ["y", "s29999", "9999-12-31T23:59:59Z"],
      ["z", "s15000", "2026-01-01T00:00:00Z"],
      ["z", "s14999", "2026-01-01T00:00:00Z"],
    ].map(([case_id, activity, timestamp]) => ({ case_id, activity, timestamp }));
    const { journey, graph } = journeyOf(journeyText);
    expect(await duckdbAnalysis(journeyText, [await logFile(rows, VARIANTS[5])])).toEqual(referenceAnalysis(journey, graph, rows));
  }, 60_000);

  it("JSON Lines: values of another type after DuckDB's type-detection sample are rows like any other", async () => {
    // 30,000 lines with numeric case ids and times first, then a text case id, a bad time and an epoch number.
    const lines = Array.from({ length: 30_000 }, (_, i) => ({
      case_id: i % 5000,
      activity: i % 2 ? "views" : "lands",
      timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    }));
    const tail = [
      { case_id: "x", activity: "lands", timestamp: "2026-02-01T00:00:00Z" },
      { case_id: 7, activity: "cart", timestamp: "garbage" },
      { case_id: 7, activity: "cart", timestamp: Date.UTC(2026, 1, 2) },
      { case_id: { nested: true }, activity: "cart", timestamp: Date.UTC(2026, 1, 2) },
    ];
    const path = join(tempProject(), "log.jsonl");
    writeFileSync(path, [...lines, ...tail].map((l) => JSON.stringify(l)).join("\n") + "\n");
    const rows: EventRow[] = [...lines, ...tail].map((l) => ({
      case_id: typeof l.case_id === "object" ? JSON.stringify(l.case_id) : String(l.case_id),
      activity: l.activity,
      timestamp: l.timestamp,
    }));
    const { journey, graph } = journeyOf(SHOP);
    expect(await duckdbAnalysis(SHOP, [{ path, format: "jsonl", gzip: false }])).toEqual(referenceAnalysis(journey, graph, rows));
  });

  it("CSV lines with too many or too few fields are rows read and skipped", async () => {
    const good = SCENARIOS[0].rows;
    const dir = tempProject();
    await writeLog(good, join(dir, "good.csv"), "csv");
    const lines = readFileSync(join(dir, "good.csv"), "utf8").trimEnd().split("\n");
    lines.splice(3, 0, '"a","views","2026-03-01T10:01:30Z","extra"', '"a","cart"');
    writeFileSync(join(dir, "log.csv"), lines.join("\n") + "\n");
    const { journey, graph } = journeyOf(SHOP);
    const expected = referenceAnalysis(journey, graph, good);
    expected.events = { ...expected.events, read: expected.events.read + 2, skipped: expected.events.skipped + 2 };
    expect(await duckdbAnalysis(SHOP, [{ path: join(dir, "log.csv"), format: "csv", gzip: false }])).toEqual(expected);
  });

  it("several files are one log, and --top bounds the lists", async () => {
    const rows = SCENARIOS.find((s) => s.name.startsWith("a random log"))!.rows;
    const files = [await logFile(rows.slice(0, 700), VARIANTS[0]), await logFile(rows.slice(700), VARIANTS[5])];
    const { journey, graph } = journeyOf(SHOP);
    const actual = await duckdbAnalysis(SHOP, files, { top: 3 });
    expect(actual).toEqual(referenceAnalysis(journey, graph, rows, 3));
    expect(actual.variants).toHaveLength(3);
    expect(actual.unmapped_activities).toHaveLength(3);
  });
});

describe("the reference implementation itself", () => {
  it("gives the hand-checked figures of the small funnel", () => {
    const { journey, graph } = journeyOf(SHOP);
    const result = referenceAnalysis(journey, graph, SCENARIOS[0].rows);
    expect(result).toEqual({
      journey: "shop",
      engine: "duckdb",
      events: { read: 10, mapped: 8, unmapped: 1, skipped: 1 },
      period: { from: "2026-03-01T10:00:00Z", to: "2026-03-01T10:07:00Z" },
      cases: 3,
      conversion: 1 / 3,
      fitness: 2 / 3,
      steps: [
        { id: "lands", reached: 2, ended_here: 0 },
        { id: "search", reached: 1, ended_here: 0 },
        { id: "views", reached: 2, ended_here: 1 },
        { id: "cart", reached: 2, ended_here: 1 },
        { id: "pays", reached: 1, ended_here: 1 },
        // Not in the log at all: not measured (null), not reached by nobody (0).
        { id: "reserves", reached: null, ended_here: null },
      ],
      transitions: [
        { from: "cart", to: "pays", count: 1, in_map: true, median_seconds: 60, p90_seconds: 60 },
        // 60 and 120 s: the lower middle, and at position ceil(0.9 x 2) = 2.
        { from: "lands", to: "views", count: 2, in_map: true, median_seconds: 60, p90_seconds: 120 },
        { from: "search", to: "cart", count: 1, in_map: false, median_seconds: 60, p90_seconds: 60 },
        { from: "views", to: "cart", count: 1, in_map: true, median_seconds: 120, p90_seconds: 120 },
      ],
      // Case a lands at 10:00 and pays at 10:04.
      time_to_goal: { median_seconds: 240, p90_seconds: 240 },
      ties: { cases: 0, events: 0 },
      deviations: [{ from: "search", to: "cart", count: 1 }],
      variants: [
        { path: ["lands", "views"], cases: 1 },
        { path: ["lands", "views", "cart", "pays"], cases: 1 },
        { path: ["search", "cart"], cases: 1 },
      ],
      unmapped_activities: [{ activity: "heartbeat", count: 1 }],
    });
  });

  it("docs/analyze.md's worked example shows this journey, this log and these figures", () => {
    const page = readFileSync(join(ROOT, "docs", "analyze.md"), "utf8");
    const section = page.slice(page.indexOf("## Worked example"));
    const block = (lang: string) => new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(section)![1];
    expect(block("yaml")).toBe(SHOP);
    const csv = SCENARIOS[0].rows.map((r) => [r.case_id, r.activity, r.timestamp].join(",")).join("\n");
    expect(block("csv")).toBe(`case_id,activity,timestamp\n${csv}\n`);
    const { journey, graph } = journeyOf(SHOP);
    expect(JSON.parse(block("json"))).toEqual(referenceAnalysis(journey, graph, SCENARIOS[0].rows));
  });

  it("takes the lower median, orders ties by step position, and orders names by code point", () => {
    const { journey, graph } = journeyOf(SHOP);
    const byName = (name: string) => SCENARIOS.find((s) => s.name.startsWith(name))!.rows;
    expect(referenceAnalysis(journey, graph, byName("an even number")).transitions).toEqual([
      { from: "lands", to: "views", count: 4, in_map: true, median_seconds: 20, p90_seconds: 40 },
    ]);
    // t1: cart, views and lands at one instant (3 events); t2: pays and cart at another (2).
    expect(referenceAnalysis(journey, graph, byName("ties in timestamps")).ties).toEqual({ cases: 2, events: 5 });
    expect(referenceAnalysis(journey, graph, byName("ties in timestamps")).variants).toEqual([
      { path: ["lands", "cart", "pays"], cases: 1 },
      { path: ["lands", "views", "cart"], cases: 1 },
    ]);
    expect(referenceAnalysis(journey, graph, byName("unmapped activities")).unmapped_activities.map((u) => u.activity)).toEqual([
      "heartbeat",
      "ｚ fullwidth",
      "😀 emoji",
      "Zebra",
      "zebra",
    ]);
  });
});
