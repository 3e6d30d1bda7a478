import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timestampMillisExpression } from "../../src/analyze/engines/clickhouse-sql.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { check, clickHouseAvailable, parseJson, runCli, tempProject } from "../helpers/index.js";
import { startClickHouse, type ClickHouseServer } from "../helpers/clickhouse.js";
import { SCENARIOS, SCOPED_SCENARIOS, writeLog } from "./fixtures.js";
import { referenceAnalysis } from "./reference.js";

/**
 * The heart of the analyze suite: every scenario's log through `journey analyze` twice, from a
 * CSV file with the embedded DuckDB engine and from a ClickHouse table with the ClickHouse engine,
 * end to end through the CLI. The JSON must be identical but for `engine`. A second table with a
 * native `DateTime` column cannot hold the unreadable rows (nor milliseconds), so there only
 * `events.read` and `events.skipped` may differ, as the spec allows.
 */
const available = clickHouseAvailable();

function journeyOf(text: string) {
  const checked = check(text);
  expect(checked.findings.filter((f) => f.severity === "error")).toEqual([]);
  return checked.model!;
}

describe.runIf(available)("the same log through DuckDB and through ClickHouse", () => {
  let server: ClickHouseServer;
  beforeAll(async () => {
    server = await startClickHouse();
  }, 60_000);
  afterAll(async () => server?.stop());

  const json = (stdout: string) => parseJson<AnalysisResult>(stdout);

  const all = [
    ...SCENARIOS.map((scenario) => ({ ...scenario, args: [] as string[], scope: undefined })),
    ...SCOPED_SCENARIOS.map((scenario) => ({ ...scenario, name: `${scenario.name} (${scenario.args.join(" ")})` })),
  ];
  all.forEach(({ args, scope, ...scenario }, index) => {
    it(
      scenario.name,
      async () => {
        const dir = tempProject({ "j.journey.yaml": scenario.journey });
        await writeLog(scenario.rows, join(dir, "events.csv"), "csv");
        const duck = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "--format", "json", ...args], { cwd: dir });
        expect(duck.exitCode, duck.stderr).toBe(0);
        const expected = json(duck.stdout);
        // The scoped logs are checked against the independent implementation here (the others in engine.test.ts).
        if (scope) {
          const { journey, graph } = journeyOf(scenario.journey);
          expect(expected).toEqual(referenceAnalysis(journey, graph, scenario.rows, 10, scope));
        }

        // The log as text columns, NULL where the CSV field is empty: every row as the file has it.
        // With --by scenarios, the segment column `device` too (NULL where a row has none).
        const text = `events_text_${index}`;
        const device = scenario.rows.some((row) => "device" in row);
        await server.query(
          `CREATE TABLE ${text} (case_id Nullable(String), activity Nullable(String), timestamp Nullable(String)${device ? ", device Nullable(String)" : ""}) ENGINE = Memory`,
        );
        const rows = scenario.rows.map((row) =>
          JSON.stringify({
            case_id: row.case_id,
            activity: row.activity,
            timestamp: row.timestamp === null ? null : String(row.timestamp),
            ...(device ? { device: row.device ?? null } : {}),
          }),
        );
        await server.query(`INSERT INTO ${text} FORMAT JSONEachRow\n${rows.join("\n")}`);
        const clickhouse = await runCli(
          ["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", server.url, "--table", text, "--format", "json", ...args],
          {
            cwd: dir,
          },
        );
        expect(clickhouse.exitCode, clickhouse.stderr).toBe(0);
        expect({ ...json(clickhouse.stdout), engine: "duckdb" }).toEqual(expected);

        // The same rows in a native DateTime column (whole seconds since 1970): unreadable rows cannot be stored.
        const millis = timestampMillisExpression("timestamp", "string", true);
        const [withMillis] = (await server.query(`SELECT count() FROM ${text} WHERE ${millis} IS NOT NULL AND (${millis} % 1000 != 0 OR ${millis} < 0)`))
          .trim()
          .split("\n");
        if (Number(withMillis) > 0) return; // a DateTime cannot hold this scenario's milliseconds or years before 1970
        const native = `events_datetime_${index}`;
        await server.query(
          `CREATE TABLE ${native} ENGINE = MergeTree() ORDER BY tuple() AS SELECT ifNull(case_id, '') AS case_id, ifNull(activity, '') AS activity, toDateTime(intDiv(${millis}, 1000)) AS timestamp${device ? ", ifNull(device, '') AS device" : ""} FROM ${text} WHERE ${millis} IS NOT NULL`,
        );
        const nativeRun = await runCli(
          ["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", server.url, "--table", native, "--format", "json", ...args],
          {
            cwd: dir,
          },
        );
        expect(nativeRun.exitCode, nativeRun.stderr).toBe(0);
        const fromNative = json(nativeRun.stdout);
        const withoutUnstorable = (result: AnalysisResult) => ({ ...result, engine: "duckdb", events: { ...result.events, read: 0, skipped: 0 } });
        expect(withoutUnstorable(fromNative)).toEqual(withoutUnstorable(expected));
        expect(fromNative.events.read - fromNative.events.skipped).toBe(expected.events.read - expected.events.skipped);
      },
      60_000,
    );
  });

  it("--write records the same figures from either engine", async () => {
    const scenario = SCENARIOS[0];
    const files = { "j.journey.yaml": scenario.journey };
    const viaDuck = tempProject(files);
    const viaClickHouse = tempProject(files);
    await writeLog(scenario.rows, join(viaDuck, "events.csv"), "csv");
    const table = "events_write";
    await server.query(`CREATE TABLE ${table} (case_id Nullable(String), activity Nullable(String), timestamp Nullable(String)) ENGINE = Memory`);
    await server.query(
      `INSERT INTO ${table} FORMAT JSONEachRow\n${scenario.rows.map((row) => JSON.stringify({ ...row, timestamp: row.timestamp === null ? null : String(row.timestamp) })).join("\n")}`,
    );
    const a = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "--write"], { cwd: viaDuck });
    const b = await runCli(["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", server.url, "--table", table, "--write"], { cwd: viaClickHouse });
    expect([a.exitCode, b.exitCode], a.stderr + b.stderr).toEqual([0, 0]);
    const { readFileSync } = await import("node:fs");
    const written = readFileSync(join(viaDuck, "j.journey.yaml"), "utf8");
    expect(written).toContain("measured:");
    expect(written).not.toBe(scenario.journey);
    expect(readFileSync(join(viaClickHouse, "j.journey.yaml"), "utf8")).toBe(written);
  }, 60_000);
});
