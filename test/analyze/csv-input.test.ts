import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { detectDelimiter, parseDelimiter } from "../../src/analyze/log-files.js";
import { removeTempProjects, runCli, tempProject } from "../helpers/index.js";
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
