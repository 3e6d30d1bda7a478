import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, clickHouseAvailable, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { TWO_STEP_JOURNEY } from "./analyze-fixture.js";
import { loadEvents, startClickHouse, type ClickHouseServer } from "../helpers/clickhouse.js";

/**
 * The ClickHouse engine's bounds through the built CLI against a real server (issue 23, item 3):
 * the events-per-case limit, checked in the query, and SIGTERM, which abandons the request and
 * kills the server's query by the id journey gave it.
 */
const JOURNEY = TWO_STEP_JOURNEY;

describe.skipIf(!clickHouseAvailable())("analyze --engine clickhouse: events per case and signals", () => {
  let server: ClickHouseServer;
  const dir = tempProject({ "j.journey.yaml": JOURNEY });
  beforeAll(async () => {
    server = await startClickHouse();
    const at = (s: number) => `2026-01-05 10:00:0${s}`;
    await loadEvents(server, "events", [
      ...["a", "b", "a", "b", "a"].map((activity, i) => ({ case_id: "c1", activity, timestamp: at(i) })),
      { case_id: "c2", activity: "a", timestamp: at(0) },
    ]);
    // Endless enough: a view of a billion generated rows over 1,000 cases.
    await server.query(
      "CREATE VIEW endless AS SELECT toString(number % 1000) AS case_id, if(number % 2 = 0, 'a', 'b') AS activity, toDateTime('2026-01-05 10:00:00') + (number % 86400) AS timestamp FROM system.numbers LIMIT 1000000000",
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    removeTempProjects();
  });
  const args = (table: string, ...extra: string[]) => ["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", server.url, "--table", table, ...extra];

  it("a case past --max-case-events is exit 2 naming the limit; at the limit it is analysed", async () => {
    const refused = await runCli(args("events", "--max-case-events", "4"), { cwd: dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      "journey: a case has 5 mapped events, more than the limit of 4 per case; raise it with --max-case-events <n> or analyze.max_case_events in journey.config.yaml (a case's events are gathered into one list in memory)",
    );
    const allowed = await runCli(args("events", "--max-case-events", "5", "-f", "json"), { cwd: dir });
    expect(allowed.exitCode, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ cases: 2, events: { mapped: 6 } });
  }, 60_000);

  it("SIGTERM: exit 143 within 5 s, and the server's query is killed", async () => {
    const running = async () => Number((await server.query("SELECT count() FROM system.processes WHERE query_id LIKE 'journey-%'")).trim());
    // Started until its query runs: a spawn the machine refuses for the moment (EAGAIN when the
    // suite's browsers and servers hold most of the process slots) is tried again; a journey that
    // exits on its own before querying fails the test with what it printed.
    // The test before stops its journey mid-query (the limit): the server may list that query until
    // it notices, and this test would take it for its own.
    const quiet = Date.now();
    while ((await running()) > 0 && Date.now() - quiet < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    let child!: ReturnType<typeof execa>;
    for (let attempt = 1; ; attempt++) {
      child = execa("node", [BIN, ...args("endless")], { cwd: dir, reject: false });
      const started = Date.now();
      while ((await running()) === 0 && child.exitCode === null && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 50));
      if (child.exitCode === null) break;
      const early = await child;
      const refusedSpawn = early.exitCode === undefined && (early.code === "EAGAIN" || early.code === "ENOMEM");
      if (!refusedSpawn || attempt === 3)
        expect.fail(`journey exited before its query ran: exit ${early.exitCode} (${early.code ?? "no code"}), stderr: ${String(early.stderr)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await running(), "a query of journey runs on the server").toBeGreaterThan(0);
    const sent = Date.now();
    child.kill("SIGTERM");
    const result = await child;
    expect(result.exitCode).toBe(143);
    expect((Date.now() - sent) / 1000).toBeLessThan(5);
    const gone = Date.now();
    while ((await running()) > 0 && Date.now() - gone < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await running(), "the server stopped journey's query").toBe(0);
  }, 60_000);
});
