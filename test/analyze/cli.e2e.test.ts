import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { check, EXAMPLES, parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { SCENARIOS, SCOPED_SCENARIOS, SHOP, writeLog, type EventRow } from "./fixtures.js";
import { referenceAnalysis } from "./reference.js";

afterAll(removeTempProjects);

const SMALL = SCENARIOS[0].rows;

async function project(files: Record<string, string> = {}) {
  const dir = tempProject({ "shop.journey.yaml": SHOP, ...files });
  await writeLog(SMALL, join(dir, "events.csv"), "csv");
  return dir;
}

const expected = () => {
  const { journey, graph } = check(SHOP).model!;
  return referenceAnalysis(journey, graph, SMALL);
};

describe("journey analyze (CLI)", () => {
  it("prints the spec's JSON, equal to the reference figures", async () => {
    const dir = await project();
    const run = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--format", "json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected());
  });

  it("writes to -o atomically and prints nothing", async () => {
    const dir = await project();
    const run = await runCli(["analyze", "shop.journey.yaml", "-e", "events.csv", "-f", "json", "-o", "out/analysis.json"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "out", "analysis.json"), "utf8"))).toEqual(expected());
  });

  it("stylish shows the funnel, conversion, fitness, deviations, variants and data quality, without colour under NO_COLOR", async () => {
    const dir = await project();
    const run = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv"], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "" } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).toContain("shop: 3 cases from 2026-03-01T10:00:00Z to 2026-03-01T10:07:00Z");
    expect(run.stdout).toMatch(/lands\s+Lands on the shop\s+2\s+66\.7%\s+0\s+1m → views/);
    expect(run.stdout).toMatch(/pays\s+Pays\s+1\s+33\.3%\s+goal/);
    // No row of the log is `reserves`: not measured, never "0  0.0%".
    expect(run.stdout).toMatch(/reserves\s+Reserves in store\s+not measured\n/);
    expect(run.stdout).not.toMatch(/\s0\.0%/);
    expect(run.stdout).toMatch(/Conversion\s+33\.3%/);
    expect(run.stdout).toMatch(/Fitness\s+66\.7%/);
    expect(run.stdout).toMatch(/search → cart\s+1/);
    expect(run.stdout).toContain("1  lands → views → cart → pays");
    expect(run.stdout).toContain("10 read: 8 mapped, 1 unmapped, 1 skipped");
    expect(run.stdout).toContain("heartbeat (1)");
  });

  it("--window, --since and --until: stated in stylish and Markdown, and in the JSON", async () => {
    const dir = await project();
    const args = ["analyze", "shop.journey.yaml", "--events", "events.csv", "--window", "2m", "--since", "2026-03-01T10:00:00Z", "--until", "2026-03-01T10:05"];
    const stylish = await runCli(args, { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "" } });
    expect(stylish.exitCode, stylish.stderr).toBe(0);
    // Case c starts at 10:05: left out. Case a pays at 10:04, past the 2-minute window.
    expect(stylish.stdout).toContain("shop: 2 cases from 2026-03-01T10:00:00Z to 2026-03-01T10:07:00Z");
    expect(stylish.stdout).toContain(
      "Only cases whose path starts from 2026-03-01T10:00:00Z to before 2026-03-01T10:05:00Z; each path cut 2m after its first step (events and period: every row read).",
    );
    expect(stylish.stdout).toMatch(/pays\s+Pays\s+0\s+0\.0%\s+goal/);
    expect(stylish.stdout).not.toContain("Time to goal");
    const json = await runCli([...args, "--format", "json"], { cwd: dir });
    // docs/analyze.md, "Windows and periods", says these numbers.
    expect(JSON.parse(json.stdout)).toMatchObject({
      cases: 2,
      conversion: 0,
      fitness: 1,
      time_to_goal: null,
      window_seconds: 120,
      started: { since: "2026-03-01T10:00:00Z", until: "2026-03-01T10:05:00Z" },
    });
    const noWindow = await runCli([...args.filter((a) => a !== "--window" && a !== "2m"), "--format", "json"], { cwd: dir });
    expect(JSON.parse(noWindow.stdout)).toMatchObject({ cases: 2, conversion: 0.5, time_to_goal: { median_seconds: 240, p90_seconds: 240 } });
    const markdown = await runCli([...args, "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain("_Only cases whose path starts from 2026-03-01T10:00:00Z to before 2026-03-01T10:05:00Z;");
  });

  it("says how many cases ties touched, and the time to goal", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP });
    await writeLog(SCENARIOS.find((s) => s.name.startsWith("ties in timestamps"))!.rows, join(dir, "events.csv"), "csv");
    const stylish = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv"], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "" } });
    expect(stylish.exitCode, stylish.stderr).toBe(0);
    expect(stylish.stdout).toContain(
      "Ties: 2 cases had events of different steps at the same instant (5 events), ordered in the map's favour: fitness is an upper bound.",
    );
    // t2 lands at 10:00 and pays at 10:02.
    expect(stylish.stdout).toMatch(/Time to goal\s+2m median, 2m p90/);
    const markdown = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain("- **Ties:** 2 cases had events of different steps at the same instant (5 events), ordered in the map's favour");
    expect(markdown.stdout).toContain("- **Time to goal:** 2m median, 2m p90,");
    // No ties: no line.
    const none = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv"], { cwd: await project() });
    expect(none.stdout).not.toContain("Ties");
  });

  it("--by shows at most --top segments in stylish, the rest summed as other from their counts; --verbose each funnel", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP });
    await writeLog(SCOPED_SCENARIOS.find((s) => s.name.startsWith("--by device: a missing value"))!.rows, join(dir, "events.csv"), "csv");
    const run = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--by", "device", "--top", "2", "--verbose"], {
      cwd: dir,
      env: { NO_COLOR: "1", FORCE_COLOR: "" },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const table = run.stdout.slice(run.stdout.indexOf("Segments by device"));
    expect(table.split("\n").slice(1, 5)).toEqual([
      "  Segment             Cases  Conversion  Fitness",
      "  desktop                 2       50.0%   100.0%",
      "  phone                   2        0.0%   100.0%",
      // Mobile (1 of 1 converts, 0 fit), mobile (1, 0) and no value (1 of 2, 1 of 2): 3 of 4 and 1 of 4, not the mean of their ratios.
      "  other (3 segments)      4       75.0%    25.0%",
    ]);
    expect(run.stdout).toContain("Funnel of other (3 segments) (4 cases)");
    const unknown = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--by", "browser"], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe(
      "journey: events.csv has no column `browser` (--by); its columns are `case_id`, `activity`, `timestamp`, `device`. Name one of them with --by",
    );
  });

  it("--every shows the trend in stylish and Markdown, empty buckets with a dash", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP });
    const rows: EventRow[] = [
      { case_id: "a", activity: "lands", timestamp: "2026-03-01T10:00:00Z" },
      { case_id: "a", activity: "pays", timestamp: "2026-03-01T10:05:00Z" },
      { case_id: "b", activity: "lands", timestamp: "2026-03-03T10:00:00Z" },
      { case_id: "c", activity: "lands", timestamp: "2026-03-03T11:00:00Z" },
    ];
    await writeLog(rows, join(dir, "events.csv"), "csv");
    const stylish = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--every", "day"], {
      cwd: dir,
      env: { NO_COLOR: "1", FORCE_COLOR: "" },
    });
    expect(stylish.exitCode, stylish.stderr).toBe(0);
    expect(stylish.stdout).toContain("Trend (cases by when they started, UTC)");
    expect(stylish.stdout).toMatch(/2026-03-01\s+1\s+100\.0%\s+0\.0%\n\s+2026-03-02\s+0\s+—\s+—\n\s+2026-03-03\s+2\s+0\.0%\s+100\.0%/);
    const markdown = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--every", "day", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain("| 2026-03-02 | 0 | — | — |");
    const bad = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--every", "year"], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("day, week, month");
  });

  it("render --analysis reads an analysis with every new field, and names a malformed one", async () => {
    const dir = await project();
    const made = await runCli(
      ["analyze", "shop.journey.yaml", "-e", "events.csv", "--every", "week", "--window", "1h", "--since", "2026-03-01", "-f", "json", "-o", "a.json"],
      { cwd: dir },
    );
    expect(made.exitCode, made.stderr).toBe(0);
    const analysis = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as AnalysisResult;
    expect(analysis.trend).toHaveLength(1);
    const render = await runCli(["render", "shop.journey.yaml", "--analysis", "a.json", "-o", "out"], { cwd: dir });
    expect(render.exitCode, render.stderr).toBe(0);
    writeFileSync(join(dir, "b.json"), JSON.stringify({ ...analysis, trend: [{ from: "last week", cases: 1, conversion: 0, fitness: 0 }] }));
    const bad = await runCli(["render", "shop.journey.yaml", "--analysis", "b.json", "-o", "out2"], { cwd: dir });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("`trend[0].from` must be a UTC time");
  });

  it("refuses a bad --window, --since or --until, an empty period, and --write with them (exit 2)", async () => {
    const dir = await project();
    const base = ["analyze", "shop.journey.yaml", "--events", "events.csv"];
    for (const [args, message] of [
      [["--window", "2 hours"], "--window takes a duration such as 90s, 30m, 2h or 7d"],
      [["--window", "0s"], "--window takes a duration"],
      [["--since", "yesterday"], "--since takes an ISO 8601 time such as 2026-03-01"],
      [["--until", "2026-02-30"], "--until takes an ISO 8601 time"],
      [["--since", "2026-03-02", "--until", "2026-03-01"], "--until (2026-03-01) must be later than --since (2026-03-02)"],
      [["--window", "1h", "--write"], "--write records the whole log's figures in the journey; run it without --window, --since and --until"],
    ] as const) {
      const run = await runCli([...base, ...args], { cwd: dir });
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(dir, "shop.journey.yaml"), "utf8")).toBe(SHOP);
  });

  it("markdown is the same content as a report section", async () => {
    const dir = await project();
    const run = await runCli(["analyze", "shop.journey.yaml", "--events", "events.csv", "--format", "markdown"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("## Measured: shop");
    expect(run.stdout).toContain("| Lands on the shop (`lands`) | 2 | 66.7% | 0 | 1m → `views` |");
    expect(run.stdout).toContain("| Reserves in store (`reserves`) | not measured |  |  |  |");
    expect(run.stdout).toContain("- **Conversion:** 33.3% of cases reach a goal step.");
    expect(run.stdout).toContain("| `search` | `cart` | 1 |");
    expect(run.stdout).toContain("| heartbeat | 1 |");
  });

  it("takes column names from flags, from the config, and recognises the XES names", async () => {
    const renamed = "session,event,ts\nx,lands,2026-03-01T10:00:00Z\nx,views,2026-03-01T10:00:09Z\n";
    const dir = await project({ "renamed.csv": renamed, "xes.csv": renamed.replace("session,event,ts", "case:concept:name,concept:name,time:timestamp") });
    const flags = await runCli(
      ["analyze", "shop.journey.yaml", "-e", "renamed.csv", "-f", "json", "--case-column", "session", "--activity-column", "event", "--time-column", "ts"],
      { cwd: dir },
    );
    expect(flags.stderr).toBe("");
    expect(parseJson<AnalysisResult>(flags.stdout).transitions).toEqual([
      { from: "lands", to: "views", count: 1, in_map: true, median_seconds: 9, p90_seconds: 9 },
    ]);
    const configDir = await project({
      "renamed.csv": renamed,
      "journey.config.yaml": "analyze:\n  columns: { case_id: session, activity: event, timestamp: ts }\n",
    });
    const config = await runCli(["analyze", "shop.journey.yaml", "-e", "renamed.csv", "-f", "json"], { cwd: configDir });
    expect(parseJson<AnalysisResult>(config.stdout).cases).toBe(1);
    const xes = await runCli(["analyze", "shop.journey.yaml", "-e", "xes.csv", "-f", "json"], { cwd: dir });
    expect(parseJson<AnalysisResult>(xes.stdout).cases).toBe(1);
  });

  it("reads several files and globs as one log", async () => {
    const dir = await project({ "logs/README": "the log in two files" });
    await writeLog(SMALL.slice(0, 4), join(dir, "logs", "a.jsonl"), "jsonl");
    await writeLog(SMALL.slice(4), join(dir, "logs", "b.parquet"), "parquet");
    const run = await runCli(["analyze", "shop.journey.yaml", "-e", "logs/*.jsonl", "-e", "logs/*.parquet", "-f", "json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected());
  });

  const errors: { name: string; files?: Record<string, string>; args: string[]; message: RegExp }[] = [
    {
      name: "a missing column, naming the file's columns",
      files: { "bad.csv": "session,event,ts\nx,lands,2026-03-01T10:00:00Z\n" },
      args: ["-e", "bad.csv"],
      message: /bad\.csv has no column `case_id` or `case:concept:name`; its columns are `session`, `event`, `ts`\. Name the column with --case-column/,
    },
    { name: "an empty file", files: { "empty.csv": "" }, args: ["-e", "empty.csv"], message: /empty\.csv is empty/ },
    { name: "a glob matching nothing", args: ["-e", "logs/*.parquet"], message: /--events logs\/\*\.parquet: the pattern matches no file/ },
    { name: "a missing file", args: ["-e", "nope.csv"], message: /--events nope\.csv: file not found/ },
    {
      name: "an unknown extension",
      files: { "log.txt": "a" },
      args: ["-e", "log.txt"],
      message: /log\.txt: unknown log format; journey reads \.csv, \.tsv, \.jsonl, \.ndjson, \.parquet/,
    },
    { name: "a gzipped Parquet file", files: { "log.parquet.gz": "a" }, args: ["-e", "log.parquet.gz"], message: /Parquet files carry their own compression/ },
    { name: "a folder", files: { "logs/a.csv": "x" }, args: ["-e", "logs"], message: /logs is a folder: name the log files, or a glob such as logs\/\*\.csv/ },
    { name: "no --events", args: [], message: /no event log given: name one with --events/ },
    {
      name: "a log whose activities map to no step",
      files: { "other.csv": "case_id,activity,timestamp\n1,open,2026-01-01\n1,open,2026-01-02\n2,close,2026-01-02\n" },
      args: ["-e", "other.csv"],
      message: /no activity in the event log belongs to a step of `shop`; the most frequent are `open` \(2\), `close` \(1\)/,
    },
    {
      name: "a malformed CSV",
      files: { "broken.csv": 'case_id,activity,timestamp\n1,lands,"2026-01-01\n' },
      args: ["-e", "broken.csv"],
      message: /the event log could not be read|cannot be read as CSV/,
    },
    { name: "--top 0", args: ["-e", "events.csv", "--top", "0"], message: /--top takes a whole number of 1 or more/ },
  ];
  for (const error of errors) {
    it(`exits 2 with a clear message for ${error.name}`, async () => {
      const dir = await project(error.files);
      const run = await runCli(["analyze", "shop.journey.yaml", ...error.args], { cwd: dir });
      expect(run.stderr).toMatch(error.message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe("");
      expect(run.exitCode).toBe(2);
    });
  }

  it("analyses the bundled sample log of the cat-fountain example exactly", async () => {
    const journeyFile = join(EXAMPLES, "cat-fountain-purchase.journey.yaml");
    const log = join(EXAMPLES, "events", "cat-fountain-purchase.csv");
    // The sample has no quoted fields; its columns are case_id, activity, timestamp.
    const rows: EventRow[] = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [case_id, activity, timestamp] = line.split(",");
        return { case_id, activity, timestamp };
      });
    const config = join(EXAMPLES, "journey.config.yaml");
    const run = await runCli(["analyze", journeyFile, "--config", config, "--events", log, "--format", "json"]);
    expect(run.exitCode).toBe(0);
    const { loadConfigFile } = await import("../../src/config/load.js");
    const { checkJourneyFile } = await import("../../src/check.js");
    const checked = checkJourneyFile(journeyFile, loadConfigFile(config).config!);
    const result = parseJson<AnalysisResult>(run.stdout);
    expect(result).toEqual(referenceAnalysis(checked.model!.journey, checked.model!.graph, rows));
    // Figures worth showing: some cases convert, some deviate, some rows are bad or unmapped.
    expect(result.conversion).toBeGreaterThan(0.3);
    expect(result.fitness).toBeLessThan(1);
    expect(result.deviations.length).toBeGreaterThan(0);
    expect(result.events.skipped).toBe(2);
    expect(result.unmapped_activities.map((u: { activity: string }) => u.activity)).toEqual(["page_view:/cart", "session_heartbeat"]);
  });

  it("refuses a FIFO", async () => {
    const dir = await project();
    execFileSync("mkfifo", [join(dir, "pipe.csv")]);
    const run = await runCli(["analyze", "shop.journey.yaml", "-e", "pipe.csv"], { cwd: dir });
    expect(run.stderr).toMatch(/pipe\.csv is not a regular file/);
    expect(run.exitCode).toBe(2);
  });

  it("does not write -o when the analysis fails", async () => {
    const dir = await project({ "empty.csv": "" });
    const run = await runCli(["analyze", "shop.journey.yaml", "-e", "empty.csv", "-o", "out.json"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(existsSync(join(dir, "out.json"))).toBe(false);
  });

  it("prints the structural errors of the journey and exits 1", async () => {
    const broken = SHOP.replace("events: [payment_ok]", "events: [payment_ok, cart]");
    const dir = await project({ "shop.journey.yaml": broken });
    const run = await runCli(["analyze", "shop.journey.yaml", "-e", "events.csv"], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/activity `cart` is mapped to step `pays` and to step `cart`.*duplicate-event-mapping/);
    expect(run.stdout).toBe("");
  });
});
