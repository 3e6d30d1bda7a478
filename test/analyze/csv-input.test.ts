import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { detectDelimiter, parseDelimiter } from "../../src/analyze/log-files.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { SCENARIOS, SHOP, type EventRow } from "./fixtures.js";

afterAll(removeTempProjects);

/** A CSV of the rows with the given delimiter, every text quoted (as Excel writes a field holding the delimiter). */
function delimited(rows: readonly EventRow[], delimiter: string, header = ["case_id", "activity", "timestamp"]): string {
  const field = (value: string | number | null) => (value === null ? "" : typeof value === "number" ? String(value) : `"${value.replace(/"/g, '""')}"`);
  return [header.join(delimiter), ...rows.map((r) => [r.case_id, r.activity, r.timestamp].map(field).join(delimiter))].join("\n") + "\n";
}

async function analyze(dir: string, log: string, ...flags: string[]) {
  return runCli(["analyze", "shop.journey.yaml", "--events", log, "--format", "json", ...flags], { cwd: dir });
}

const WANTED = ["case_id", "case:concept:name", "activity", "concept:name", "timestamp", "time:timestamp"];

describe("CSV delimiters", () => {
  it("detects the delimiter that splits the header into the most wanted columns, then the most fields, then , ; tab |", () => {
    expect(detectDelimiter("case_id;activity;timestamp", WANTED)).toBe(";");
    expect(detectDelimiter("case_id\tactivity\ttimestamp", WANTED)).toBe("\t");
    expect(detectDelimiter("case_id|activity|timestamp", WANTED)).toBe("|");
    expect(detectDelimiter('"case_id";"activity";"timestamp"', WANTED)).toBe(";");
    // A comma inside a column name does not win: two wanted columns split by `;` beat none by `,`.
    expect(detectDelimiter("case_id;activity;note, free text", WANTED)).toBe(";");
    // No wanted column: the most fields.
    expect(detectDelimiter("a;b;c", WANTED)).toBe(";");
    expect(detectDelimiter("session,event,ts", WANTED)).toBe(",");
    // Nothing splits it: a comma.
    expect(detectDelimiter("justonecolumn", WANTED)).toBe(",");
  });

  it("takes one character or tab for --delimiter, never a letter, digit, space or quote", () => {
    expect(parseDelimiter(";")).toBe(";");
    expect(parseDelimiter("tab")).toBe("\t");
    expect(parseDelimiter("\\t")).toBe("\t");
    for (const bad of ["", ";;", "a", "1", " ", '"', "'", "\\", "\n"]) expect(parseDelimiter(bad)).toBeUndefined();
  });

  for (const scenario of SCENARIOS.filter((s) => s.journey === SHOP)) {
    it(`a semicolon, tab and pipe CSV give exactly the JSON of the comma twin: ${scenario.name}`, async () => {
      const dir = tempProject({
        "shop.journey.yaml": SHOP,
        "comma.csv": delimited(scenario.rows, ","),
        "semicolon.csv": delimited(scenario.rows, ";"),
        "tab.csv": delimited(scenario.rows, "\t"),
        "pipe.csv.gz": gzipSync(delimited(scenario.rows, "|")),
      });
      const comma = await analyze(dir, "comma.csv");
      expect(comma.stderr).toBe("");
      expect(comma.exitCode).toBe(0);
      for (const log of ["semicolon.csv", "tab.csv", "pipe.csv.gz"]) {
        const other = await analyze(dir, log);
        expect(other.stderr, log).toBe("");
        expect(other.stdout, log).toBe(comma.stdout);
      }
    });
  }

  it("--delimiter and analyze.delimiter force one: a semicolon log whose header the comma also splits", async () => {
    // `case_id,x;activity;timestamp`: detection sees two wanted columns split by `;` and one by `,`.
    const rows = SCENARIOS[0].rows;
    const dir = tempProject({ "shop.journey.yaml": SHOP, "comma.csv": delimited(rows, ","), "semicolon.csv": delimited(rows, ";") });
    const comma = await analyze(dir, "comma.csv");
    expect((await analyze(dir, "semicolon.csv", "--delimiter", ";")).stdout).toBe(comma.stdout);
    writeFileSync(join(dir, "journey.config.yaml"), "analyze:\n  delimiter: ';'\n");
    expect((await analyze(dir, "semicolon.csv")).stdout).toBe(comma.stdout);
    // The flag wins over the config.
    expect(await analyze(dir, "comma.csv", "--delimiter", ",")).toMatchObject({ exitCode: 0, stdout: comma.stdout });
  });

  it("a header that is one column holding a delimiter gets the advice to pass --delimiter", async () => {
    const rows = SCENARIOS[0].rows;
    const dir = tempProject({ "shop.journey.yaml": SHOP, "semicolon.csv": delimited(rows, ";"), "pipe.tsv": delimited(rows, "|") });
    const forced = await analyze(dir, "semicolon.csv", "--delimiter", ",");
    expect(forced.exitCode).toBe(2);
    expect(forced.stderr).toBe(
      "journey: semicolon.csv was read with the delimiter `,`, but its header is one column holding `;`: pass --delimiter ';' (or set analyze.delimiter in journey.config.yaml)",
    );
    // A .tsv stays tab-separated.
    const tsv = await analyze(dir, "pipe.tsv");
    expect(tsv.exitCode).toBe(2);
    expect(tsv.stderr).toContain("pipe.tsv was read with the delimiter tab, but its header is one column holding `|`: pass --delimiter '|'");
  });

  it("refuses a --delimiter that cannot separate fields, naming where it came from", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.csv": delimited(SCENARIOS[0].rows, ",") });
    const flag = await analyze(dir, "log.csv", "--delimiter", "ab");
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain("--delimiter takes one character such as ';' or '|', or tab");
    writeFileSync(join(dir, "journey.config.yaml"), 'analyze:\n  delimiter: "x"\n');
    const config = await analyze(dir, "log.csv");
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toMatch(/analyze\.delimiter in .*journey\.config\.yaml takes one character/);
  });
});

/** `2026-03-01T10:00:09.250Z` as `03/01/2026 10:00:09.250` (US order), an offset kept as `+0200`. */
function usTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a test time: ${iso}`);
  return `${m[2]}/${m[3]}/${m[1]} ${m[4]}:${m[5]}:${m[6]}${m[7] ?? ".0"}${m[8] === "Z" ? "Z" : m[8].replace(":", "")}`;
}

describe("--timestamp-format", () => {
  // Every scenario whose times are all ISO text with a zone: the same log written the US way.
  const zoned = (r: EventRow) => typeof r.timestamp === "string" && /(Z|[+-]\d{2}:\d{2})$/.test(r.timestamp);
  const offsets = SCENARIOS.find((s) => s.name.startsWith("timestamps with zone offsets"))!;
  const iso = [
    ...SCENARIOS.filter((s) => s.journey === SHOP && s.rows.every(zoned)),
    { name: "zone offsets (+02:00, -04:30, Z)", journey: SHOP, rows: offsets.rows.filter(zoned) },
  ];

  it("covers scenarios enough to mean something", () => expect(iso.length).toBeGreaterThanOrEqual(5));

  for (const scenario of iso) {
    it(`the same log with the format gives exactly what it gives in ISO: ${scenario.name}`, async () => {
      const us = scenario.rows.map((r) => ({ ...r, timestamp: usTime(r.timestamp as string) }));
      const dir = tempProject({ "shop.journey.yaml": SHOP, "iso.csv": delimited(scenario.rows, ","), "us.csv": delimited(us, ";") });
      const isoRun = await analyze(dir, "iso.csv");
      expect(isoRun.exitCode).toBe(0);
      const usRun = await analyze(dir, "us.csv", "--timestamp-format", "%m/%d/%Y %H:%M:%S.%f%z");
      expect(usRun.stderr).toBe("");
      expect(usRun.stdout).toBe(isoRun.stdout);
    });
  }

  it("takes analyze.timestamp_format and leaves other values unreadable (skipped)", async () => {
    const rows: EventRow[] = [
      { case_id: "a", activity: "lands", timestamp: "01.03.2026 12:00" },
      { case_id: "a", activity: "views", timestamp: "01.03.2026 12:01" },
      { case_id: "a", activity: "cart", timestamp: "2026-03-01T10:02:00Z" },
    ];
    const dir = tempProject({
      "shop.journey.yaml": SHOP,
      "eu.csv": delimited(rows, ";"),
      "journey.config.yaml": "analyze:\n  timestamp_format: '%d.%m.%Y %H:%M'\n",
    });
    const run = await analyze(dir, "eu.csv");
    expect(run.stderr).toBe("");
    const result = parseJson<AnalysisResult>(run.stdout);
    expect(result.events).toEqual({ read: 3, mapped: 2, unmapped: 0, skipped: 1 });
    expect(result.period).toEqual({ from: "2026-03-01T12:00:00Z", to: "2026-03-01T12:01:00Z" });
  });

  it("refuses codes it does not read, a format without a date, and the clickhouse engine", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.csv": delimited(SCENARIOS[0].rows, ",") });
    const unknown = await analyze(dir, "log.csv", "--timestamp-format", "%d %b %Y");
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("--timestamp-format `%d %b %Y` cannot be used: `%b` is not a code journey reads; use %Y %m %d %H %M %S %f %z %%");
    const noDay = await analyze(dir, "log.csv", "--timestamp-format", "%Y-%m");
    expect(noDay.stderr).toContain("it has no `%d`");
    const clickhouse = await runCli(
      ["analyze", "shop.journey.yaml", "--engine", "clickhouse", "--url", "http://127.0.0.1:1", "--table", "events", "--timestamp-format", "%d/%m/%Y"],
      { cwd: dir },
    );
    expect(clickhouse.exitCode).toBe(2);
    expect(clickhouse.stderr).toContain("--timestamp-format is for the duckdb engine");
  });
});

describe("unreadable times", () => {
  const US = "case_id;activity;timestamp\na;lands;04/05/2026 10:00\na;views;04/05/2026 10:05\n;views;2026-04-05T10:00:00Z\n";

  it("a log with no readable row names the first unreadable value, its line and the accepted forms (exit 2)", async () => {
    const dir = tempProject({
      "shop.journey.yaml": SHOP,
      "us.csv": US,
      "us.jsonl.gz": gzipSync('{"case_id":"a","activity":"lands","timestamp":"x\\u001b[31m"}\n'),
    });
    const run = await analyze(dir, "us.csv");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "journey: the event log has no readable rows (3 read, 3 skipped): 2 unreadable times (first `04/05/2026 10:00` at us.csv:2), 1 without a case id. " +
        "journey reads ISO 8601 (2026-04-05T10:00:00Z, 2026-04-05 10:00:00+02:00, 2026-04-05) or epoch milliseconds; name another form with --timestamp-format (strftime codes, e.g. '%m/%d/%Y %H:%M')",
    );
    // With a format that does not fit, the message says which it used.
    const wrong = await analyze(dir, "us.csv", "--timestamp-format", "%d.%m.%Y");
    expect(wrong.stderr).toContain("journey reads times as --timestamp-format `%d.%m.%Y` writes them");
    // The value is log content: escaped (no terminal escape reaches the terminal), its line found in a gzip JSON Lines log too.
    const escaped = await analyze(dir, "us.jsonl.gz");
    expect(escaped.exitCode).toBe(2);
    expect(escaped.stderr).not.toContain("\u001b");
    expect(escaped.stderr).toMatch(/1 unreadable time \(first `x\\x1B\[31m` at us\.jsonl\.gz:1\)/);
  });

  it("when some rows are readable, stylish lists the skipped rows' reasons with a count each; the JSON keeps its shape", async () => {
    const log =
      "case_id,activity,timestamp\na,lands,2026-04-05T10:00:00Z\na,views,yesterday\nb,views,2026-04-05T10:00:00Z\nc,,2026-04-05T10:00:00Z\n,lands,2026-04-05T10:00:00Z\nd,views,\n";
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.csv": log });
    const stylish = await runCli(["analyze", "shop.journey.yaml", "--events", "log.csv"], { cwd: dir });
    expect(stylish.exitCode).toBe(0);
    expect(stylish.stdout).toContain("Skipped: 2 unreadable times (first `yesterday` at log.csv:3), 1 without a case id, 1 without an activity");
    const json = parseJson<AnalysisResult>((await analyze(dir, "log.csv")).stdout);
    expect(Object.keys(json.events)).toEqual(["read", "mapped", "unmapped", "skipped"]);
    expect(json.events).toEqual({ read: 6, mapped: 2, unmapped: 0, skipped: 4 });
  });
});
