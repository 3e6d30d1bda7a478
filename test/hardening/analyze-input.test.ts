import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { TWO_STEP_JOURNEY } from "./analyze-fixture.js";

/**
 * Damaged and foreign input through the built CLI (issue 23, items 7, 10, 13): half a gzip is an
 * error, not a partial answer; a JSON Lines line that is not an object is a skipped row; a log
 * that is not UTF-8 says so with its line, wherever the line is.
 */
const JOURNEY = TWO_STEP_JOURNEY;

const csvRows = (count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `c${Math.floor(i / 2)},${i % 2 ? "b" : "a"},2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z\n`,
  ).join("");
const jsonRows = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => JSON.stringify({ case_id: `c${Math.floor(i / 2)}`, activity: i % 2 ? "b" : "a", timestamp: "2026-01-01T00:00:00Z" }) + "\n",
  ).join("");

describe("analyze: damaged and foreign input", () => {
  afterAll(removeTempProjects);
  const dir = tempProject({ "j.journey.yaml": JOURNEY });
  const analyze = (log: string, content: string | Buffer) => {
    writeFileSync(join(dir, log), content);
    return runCli(["analyze", "j.journey.yaml", "-e", log, "-f", "json"], { cwd: dir });
  };

  it("half a .csv.gz or .jsonl.gz is exit 2, never a partial answer", async () => {
    const csv = gzipSync("case_id,activity,timestamp\n" + csvRows(200_000));
    const whole = await analyze("whole.csv.gz", csv);
    expect(whole.exitCode, whole.stderr).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({ events: { read: 200_000 } });
    for (const [name, bytes] of [
      ["half.csv.gz", csv.subarray(0, Math.floor(csv.length / 2))],
      ["half.jsonl.gz", ((b: Buffer) => b.subarray(0, Math.floor(b.length / 2)))(gzipSync(jsonRows(100_000)))],
      ["no-trailer.csv.gz", csv.subarray(0, csv.length - 4)],
    ] as const) {
      const result = await analyze(name, bytes);
      expect(result.exitCode, name).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(`^journey: the event log could not be read: ${name.replace(/\./g, "\\.")}: the gzip stream is damaged or cut short \\(`),
      );
    }
  }, 60_000);

  it("a JSON Lines line that is an array, a string or a number is a skipped row", async () => {
    const lines = [jsonRows(2).split("\n")[0], "[1,2,3]", '"str"', "42", "null", jsonRows(2).split("\n")[1]].join("\n") + "\n";
    const result = await analyze("mixed.jsonl", lines);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ events: { read: 6, mapped: 2, skipped: 4 }, cases: 1 });
    // Even when the first line is not an object.
    const first = await analyze("first.jsonl", "[1]\n" + jsonRows(2));
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ events: { read: 3, mapped: 2, skipped: 1 } });
  });

  it("Latin-1, UTF-16 and NUL bytes: `<file>` is not UTF-8 (line N), exit 2", async () => {
    const header = "case_id,activity,timestamp\n";
    const latin1 = Buffer.concat([Buffer.from(header + csvRows(4)), Buffer.from("c9,caf\xe9,2026-01-01T00:00:00Z\n", "latin1")]);
    const cases: [string, Buffer, string][] = [
      ["latin1.csv", latin1, "journey: `latin1.csv` is not UTF-8 (line 6); convert it to UTF-8 (for example iconv -f LATIN1 -t UTF-8) and analyze it again"],
      ["latin1.csv.gz", gzipSync(latin1), "journey: `latin1.csv.gz` is not UTF-8 (line 6); convert it"],
      ["utf16.csv", Buffer.from("\uFEFF" + header + csvRows(2), "utf16le"), "journey: `utf16.csv` is not UTF-8 (line 1): it is UTF-16"],
      ["nul.tsv", Buffer.from("case_id\tactivity\ttimestamp\nc1\ta\x00\t2026-01-01\n"), "journey: `nul.tsv` is not UTF-8 (line 2): it has NUL bytes"],
      [
        "latin1.jsonl",
        Buffer.concat([Buffer.from(jsonRows(2)), Buffer.from('{"case_id":"c","activity":"caf\xe9","timestamp":"2026-01-01"}\n', "latin1")]),
        "journey: `latin1.jsonl` is not UTF-8 (line 3)",
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const result = await analyze(name, bytes);
      expect(result.exitCode, name).toBe(2);
      expect(result.stderr, name).toContain(message);
      expect(result.stderr).not.toContain("\0");
    }
  });

  it("a byte that is not UTF-8 past the first 4 MB is found by the engine, with its line", async () => {
    const rows = csvRows(200_000); // about 5.4 MB
    const csv = Buffer.concat([Buffer.from("case_id,activity,timestamp\n" + rows), Buffer.from("c9,caf\xe9,2026-01-01T00:00:00Z\n", "latin1")]);
    const result = await analyze("late.csv", csv);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("journey: `late.csv` is not UTF-8 (line 200002)");
    const json = Buffer.concat([Buffer.from(jsonRows(100_000)), Buffer.from('{"case_id":"c","activity":"caf\xe9","timestamp":"2026-01-01"}\n', "latin1")]);
    expect(json.length).toBeGreaterThan(4 * 1024 * 1024);
    const late = await analyze("late.jsonl", json);
    expect(late.exitCode).toBe(2);
    expect(late.stderr).toContain("journey: `late.jsonl` is not UTF-8 (line 100001)");
  }, 60_000);
});
