import { execFileSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redactCredentials, urlCredentials } from "../../src/util/redact.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { clickHouseAvailable, parseJson, runCli, tempProject } from "../helpers/index.js";
import { startClickHouse, type ClickHouseServer } from "../helpers/clickhouse.js";

/** Issue 23, items 1, 2, 4, 6, 8 and 12: analyze and diff under hostile input, through the built CLI. */

const JOURNEY = `journey: 1
id: shop
title: Shop
persona: { name: Visitor, goals: [Buy] }
channels: { web: { name: Web, mode: async } }
goal: { steps: [pay] }
stages:
  - id: s
    steps:
      - { id: browse, name: Browses, channel: web }
      - { id: pay, name: Pays, channel: web, collects: feedback }
`;
const LOG = "case_id,activity,timestamp\nc1,browse,2026-01-01T10:00:00Z\nc1,pay,2026-01-01T10:05:00Z\nc2,browse,2026-01-01T11:00:00Z\n";
const PAYLOAD = "::error file=README.md::pwned \u001b]52;c;cHduZWQ=\u0007";
/** Lines a GitHub runner would read as workflow commands (it trims them first). */
const commandLines = (text: string) => text.split("\n").filter((line) => line.trim().startsWith("::"));
const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;

function expectInert(text: string): void {
  expect(text).not.toContain("\u001b");
  expect(text).not.toContain("\u0007");
  expect(commandLines(text)).toEqual([]);
}

describe("outputs never replace inputs (item 1)", () => {
  const analyzeProject = () =>
    tempProject({ "j.journey.yaml": JOURNEY, "logs/a.csv": LOG, "logs/b.csv": LOG, "journey.config.yaml": "analyze:\n  columns: { case_id: case_id }\n" });

  for (const [name, output, extra] of [
    ["the journey", "j.journey.yaml", []],
    ["the journey by another path", "./logs/../j.journey.yaml", []],
    ["a log a glob matched", "logs/b.csv", []],
    ["the config", "journey.config.yaml", []],
    ["a link to a log", "link.csv", ["link"]],
  ] as const) {
    it(`analyze -o ${name}: exit 2 before anything runs, the file untouched`, async () => {
      const dir = analyzeProject();
      if (extra.length > 0) symlinkSync(join(dir, "logs", "b.csv"), join(dir, "link.csv"));
      const before = readFileSync(join(dir, output), "utf8");
      const result = await runCli(["analyze", "j.journey.yaml", "--events", "logs/*.csv", "-f", "json", "-o", output], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(
        /^journey: --output-file .* is .*, an input of the analysis \(the journey, its config or an event log\); write the report to another file$/,
      );
      expect(readFileSync(join(dir, output), "utf8")).toBe(before);
    });
  }

  it("analyze -o another file still writes the report", async () => {
    const dir = analyzeProject();
    const result = await runCli(["analyze", "j.journey.yaml", "--events", "logs/*.csv", "-f", "json", "-o", "report.json"], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(parseJson<AnalysisResult>(readFileSync(join(dir, "report.json"), "utf8")).cases).toBe(2);
  });

  it("diff a b -o b and -o a: exit 2, both files untouched", async () => {
    const renamed = JOURNEY.replace("name: Pays", "name: Pays now");
    for (const output of ["b.journey.yaml", "a.journey.yaml"]) {
      const dir = tempProject({ "a.journey.yaml": JOURNEY, "b.journey.yaml": renamed });
      const result = await runCli(["diff", "a.journey.yaml", "b.journey.yaml", "-f", "markdown", "-o", output], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/--output-file .* is .*journey\.yaml, one of the files being compared or their config/);
      expect(readFileSync(join(dir, "a.journey.yaml"), "utf8")).toBe(JOURNEY);
      expect(readFileSync(join(dir, "b.journey.yaml"), "utf8")).toBe(renamed);
    }
  });

  it("diff HEAD -o the changed working-tree journey: exit 2, untouched", async () => {
    const dir = tempProject({ "shop.journey.yaml": JOURNEY });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "first");
    const edited = JOURNEY.replace("name: Pays", "name: Pays now");
    writeFileSync(join(dir, "shop.journey.yaml"), edited);
    const result = await runCli(["diff", "HEAD", "-f", "markdown", "-o", "shop.journey.yaml"], { cwd: dir, env: { FORCE_COLOR: undefined } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/one of the files being compared/);
    expect(readFileSync(join(dir, "shop.journey.yaml"), "utf8")).toBe(edited);
  });
});

describe("no raw control characters from logs and names (item 2)", () => {
  const hostileActivity = `x\n${PAYLOAD}`;
  const longActivity = "y".repeat(200);
  const hostileLog = `${LOG}c3,${csvField(hostileActivity)},2026-01-01T12:00:00Z\nc4,${longActivity},2026-01-01T12:00:00Z\n`;
  const hostileJourney = JOURNEY.replace("name: Browses", `name: ${JSON.stringify(`Browses\n${PAYLOAD}`)}`);

  for (const format of ["stylish", "markdown"]) {
    it(`analyze ${format}: unmapped activities and step names are escaped, long ones cut`, async () => {
      const dir = tempProject({ "j.journey.yaml": hostileJourney, "events.csv": hostileLog });
      const result = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "-f", format], {
        cwd: dir,
        env: { CI: "true", GITHUB_ACTIONS: "true" },
      });
      expect(result.exitCode, result.stderr).toBe(0);
      expectInert(result.stdout);
      expect(result.stdout).toContain(
        format === "stylish"
          ? "x\\n::error file=README.md::pwned \\x1B]52;c;cHduZWQ=\\x07 (1)"
          : "| x<br>::error file=README.md::pwned \\x1B\\]52;c;cHduZWQ=\\x07 | 1 |",
      );
      expect(result.stdout).toContain(format === "stylish" ? "Browses\\n::error" : "| Browses<br>::error");
      expect(result.stdout).toContain(`${"y".repeat(79)}…`);
      expect(result.stdout).not.toContain("y".repeat(80));
    });
  }

  it("analyze json keeps the names whole", async () => {
    const dir = tempProject({ "j.journey.yaml": hostileJourney, "events.csv": hostileLog });
    const result = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "-f", "json"], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const activities = parseJson<AnalysisResult>(result.stdout).unmapped_activities.map((u) => u.activity);
    expect(activities).toEqual(expect.arrayContaining([hostileActivity, longActivity]));
  });

  for (const format of ["stylish", "json", "markdown"]) {
    it(`analyze -f ${format}: "no activity belongs to a step" quotes the activities escaped and cut`, async () => {
      const log = `case_id,activity,timestamp\nc1,${csvField(hostileActivity)},2026-01-01T10:00:00Z\nc2,${longActivity},2026-01-01T10:00:00Z\n`;
      const dir = tempProject({ "j.journey.yaml": JOURNEY, "events.csv": log });
      const result = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "-f", format], { cwd: dir, env: { CI: "true" } });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^journey: no activity in the event log belongs to a step of `shop`/);
      expectInert(result.stderr);
      expect(result.stderr).toContain("`x\\n::error file=README.md::pwned \\x1B]52;c;cHduZWQ=\\x07` (1)");
      expect(result.stderr).toContain(`\`${"y".repeat(79)}…\` (1)`);
      expect(result.stderr.split("\n")).toHaveLength(1);
    });
  }

  it("diff stylish: a step renamed to a hostile name is escaped, a long one cut", async () => {
    const dir = tempProject({ "a.journey.yaml": JOURNEY, "b.journey.yaml": hostileJourney.replace("name: Pays", `name: ${"z".repeat(200)}`) });
    const result = await runCli(["diff", "a.journey.yaml", "b.journey.yaml"], { cwd: dir, env: { CI: "true", GITHUB_ACTIONS: "true" } });
    expect(result.exitCode, result.stderr).toBe(0);
    expectInert(result.stdout);
    expect(result.stdout).toContain('renamed from "Browses" to "Browses\\n::error file=README.md::pwned \\x1B]52;c;cHduZWQ=\\x07"');
    expect(result.stdout).toContain(`to "${"z".repeat(79)}…"`);
  });

  it("diff: an error naming a hostile file name is escaped", async () => {
    const result = await runCli(["diff", "HEAD", `x${PAYLOAD}.journey.yaml`], { cwd: tempProject() });
    expect(result.exitCode).toBe(2);
    expectInert(result.stderr);
    expect(result.stderr).toContain("\\x1B]52;c;cHduZWQ=\\x07");
  });
});

describe("a log's header is not echoed (item 12)", () => {
  it("a file without a delimiter in its first line: its text is not printed", async () => {
    const dir = tempProject({ "j.journey.yaml": JOURNEY, "npmrc.csv": "//registry.npmjs.org/:_authToken=npm_S3CR3TS3CR3TS3CR3T\n" });
    const result = await runCli(["analyze", "j.journey.yaml", "--events", "npmrc.csv"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain("S3CR3T");
    expect(result.stderr).toBe(
      "journey: npmrc.csv does not look like a CSV file with a header (its first line has no `,`); check that --events names the event log",
    );
  });

  it("a wide header: at most 5 columns listed, each cut to 40 characters", async () => {
    const header = Array.from({ length: 12 }, (_, i) => `column_${i}_${"w".repeat(60)}`).join(",");
    const dir = tempProject({ "j.journey.yaml": JOURNEY, "wide.csv": `${header}\n${header.replace(/[^,]+/g, "v")}\n` });
    const result = await runCli(["analyze", "j.journey.yaml", "--events", "wide.csv"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    const listed = /its columns are (.*)\. Name the column/.exec(result.stderr)?.[1] ?? "";
    expect(listed).toMatch(/ and 7 more$/);
    const names = listed.replace(/ and 7 more$/, "").split(", ");
    expect(names).toHaveLength(5);
    for (const name of names) expect([...name.slice(1, -1)]).toHaveLength(40);
    expect(names[0]).toBe(`\`column_0_${"w".repeat(30)}…\``);
  });
});

describe("credentials never on the command line, never echoed (item 4)", () => {
  it("redactCredentials removes user info, credential parameters and known secrets", () => {
    expect(redactCredentials("cannot reach ClickHouse at http://analyst:pw@127.0.0.1:18199 (ECONNREFUSED)")).toBe(
      "cannot reach ClickHouse at http://***@127.0.0.1:18199 (ECONNREFUSED)",
    );
    expect(redactCredentials("https://h:8443/?database=x&password=pw&user=me#f")).toBe("https://h:8443/?database=x&password=***&user=***#f");
    expect(redactCredentials("Code: 516. analyst: Authentication failed: password s3cret is incorrect", ["s3cret", undefined, ""])).toBe(
      "Code: 516. analyst: Authentication failed: password *** is incorrect",
    );
    expect(urlCredentials("http://127.0.0.1:8123/?database=x")).toBeUndefined();
    expect(urlCredentials("http://a@127.0.0.1:8123")).toBe("a user name or password before `@`");
    expect(urlCredentials("http://127.0.0.1:8123/?Password=x")).toBe("a `Password` parameter");
  });

  for (const url of ["http://analyst:s3cret-pw@127.0.0.1:9", "http://127.0.0.1:9/?user=analyst&password=s3cret-pw"]) {
    it(`--url ${url.replace("s3cret-pw", "…")} is refused, naming CLICKHOUSE_USER and CLICKHOUSE_PASSWORD`, async () => {
      const dir = tempProject({ "j.journey.yaml": JOURNEY });
      const result = await runCli(["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", url, "--table", "events"], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^journey: --url .* has a .*; credentials on the command line .* set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD instead$/);
      expect(result.stderr).not.toContain("s3cret-pw");
    });
  }
});

/** A fake ClickHouse on 127.0.0.1: `handle` answers every request; every response it opened is ended at the end. */
interface Fake {
  url: string;
  bytesSent: () => number;
  close: () => Promise<void>;
}
const fakes: Fake[] = [];
async function fake(handle: (request: IncomingMessage, response: ServerResponse, sent: (n: number) => void) => void): Promise<Fake> {
  let bytes = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => handle(request, response, (n) => (bytes += n)));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const it: Fake = {
    url: `http://127.0.0.1:${port}`,
    bytesSent: () => bytes,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  fakes.push(it);
  return it;
}
/** Answers /ping at once as ClickHouse does; every query with `query`. */
const pingThen =
  (query: (response: ServerResponse, sent: (n: number) => void) => void) => (request: IncomingMessage, response: ServerResponse, sent: (n: number) => void) => {
    if (request.url?.startsWith("/ping")) response.end("Ok.\n");
    else query(response, sent);
  };
/** Writes one byte every `ms` until the connection closes. */
function dribble(response: ServerResponse, ms: number): void {
  const timer = setInterval(() => response.write("."), ms);
  response.on("close", () => clearInterval(timer));
}

describe("a server that dribbles or lies (item 6)", () => {
  afterEach(async () => {
    for (const server of fakes.splice(0)) await server.close();
  });
  const analyzeAt = (url: string, env: Record<string, string> = {}) =>
    runCli(["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", url, "--table", "events"], {
      cwd: tempProject({ "j.journey.yaml": JOURNEY }),
      env: { CLICKHOUSE_USER: "analyst", CLICKHOUSE_PASSWORD: "s3cret-pw", ...env },
    });

  it("/ping answered one byte every 2 s: an error after the 10 s deadline", async () => {
    const server = await fake((_, response) => {
      response.writeHead(200);
      dribble(response, 2000);
    });
    const started = Date.now();
    const result = await analyzeAt(server.url);
    const seconds = (Date.now() - started) / 1000;
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `journey: cannot reach ClickHouse at ${server.url} (no answer to /ping within 10 s); check --url and that the server is running`,
    );
    expect(seconds).toBeGreaterThanOrEqual(9.5);
    expect(seconds).toBeLessThan(16);
  }, 30_000);

  it("the layout query answered one byte a second: an error at its deadline (set short through JOURNEY_CLICKHOUSE_DEADLINES)", async () => {
    const server = await fake(
      pingThen((response) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        dribble(response, 1000);
      }),
    );
    const started = Date.now();
    const result = await analyzeAt(server.url, { JOURNEY_CLICKHOUSE_DEADLINES: "10,3" });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`journey: ClickHouse at ${server.url} did not answer the layout of events (system.columns) within 3 s`);
    expect((Date.now() - started) / 1000).toBeLessThan(9);
  }, 30_000);

  for (const [what, body] of [
    ["a body that is not JSON", "<html><body>\u001b[31mWelcome to nginx\u001b[0m</body></html>"],
    ["JSON of another shape", '[1,2,3]\n{"status":"ok"}\n'],
  ]) {
    it(`a 200 with ${what}: "did not answer as a ClickHouse server"`, async () => {
      const server = await fake(pingThen((response) => response.end(body)));
      const result = await analyzeAt(server.url);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^journey: ${server.url.replace(/[.]/g, "\\.")} did not answer as a ClickHouse server \\(.*\\); check --url$`));
      expect(result.stderr).not.toContain("internal error");
      expect(result.stderr).not.toContain("nginx");
    });
  }

  it("an endless 500 body: read to a small cap, the message one short line, no ESC", async () => {
    const server = await fake(
      pingThen((response, sent) => {
        response.writeHead(500, { "X-ClickHouse-Exception-Code": "62" });
        const chunk = `Code: 62, e.displayText() = DB::Exception: Syntax error \u001b]52;c;cHduZWQ=\u0007 ${"A".repeat(64 * 1024)}`;
        const pump = () => {
          while (!response.destroyed && response.write(chunk)) sent(chunk.length);
          if (!response.destroyed) response.once("drain", pump);
        };
        pump();
      }),
    );
    const result = await analyzeAt(server.url);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^journey: ClickHouse at ${server.url.replace(/[.]/g, "\\.")}: Code: 62, e.displayText\\(\\) = DB::Exception: Syntax error \\\\x1B\\]52;c;cHduZWQ=\\\\x07 A+…$`,
      ),
    );
    expect(result.stderr.length).toBeLessThan(400);
    // The client stopped reading at the cap: what the server could push is the cap plus socket buffers, not the endless body.
    expect(server.bytesSent()).toBeLessThan(16 * 1024 * 1024);
  }, 30_000);

  it("an endless 500 body to /ping: not ClickHouse, said at once, the body not buffered", async () => {
    const server = await fake((_, response, sent) => {
      response.writeHead(500);
      const chunk = "\u001b[2J".repeat(16 * 1024);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) sent(chunk.length);
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    });
    const started = Date.now();
    const result = await analyzeAt(server.url);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`journey: ${server.url} did not answer as a ClickHouse server (HTTP 500 to /ping); check --url`);
    expect((Date.now() - started) / 1000).toBeLessThan(8);
    expect(server.bytesSent()).toBeLessThan(16 * 1024 * 1024);
  }, 30_000);

  it("refused credentials: the message names the user actually used, never the password", async () => {
    const server = await fake(
      pingThen((response) => {
        response.writeHead(403, { "X-ClickHouse-Exception-Code": "516" });
        response.end("Code: 516. DB::Exception: analyst: Authentication failed: password s3cret-pw is incorrect. (AUTHENTICATION_FAILED)\n");
      }),
    );
    const result = await analyzeAt(`${server.url}/?log_level=TRACE`);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `journey: ClickHouse at ${server.url}/?log_level=TRACE refused the credentials of user "analyst"; set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD`,
    );
    // The client's own logger is silent even when the URL asks it to trace.
    expect(result.stdout).toBe("");
  });
});

describe("one timestamp grammar, both engines (item 8)", () => {
  const READ = ["2026-01-01T10:00:00+14:00", "2026-01-01T10:00:00-12:00", "2026-01-01T10:00:00+05:45", "2026-01-01T10:00:00+0545", "2026-01-01T10:00:00-14"];
  const SKIPPED = ["2026-01-01T10:00:00+99:99", "2026-01-01T10:00:00+24:00", "2026-01-01T10:00:00+15:00", "2026-01-01T10:00:00+14:60", "2026-01-01T10:00:00+1"];
  const rows = [...READ, ...SKIPPED].map((time, i) => ({ case_id: `c${i}`, activity: "browse", timestamp: time }));
  const project = () =>
    tempProject({
      "j.journey.yaml": JOURNEY,
      "events.csv": `case_id,activity,timestamp\n${rows.map((r) => `${r.case_id},${r.activity},${r.timestamp}`).join("\n")}\n`,
    });
  async function throughDuckDb(dir: string): Promise<AnalysisResult> {
    const duck = await runCli(["analyze", "j.journey.yaml", "--events", "events.csv", "-f", "json"], { cwd: dir });
    expect(duck.exitCode, duck.stderr).toBe(0);
    return parseJson<AnalysisResult>(duck.stdout);
  }

  it("DuckDB: +14:00, -12:00, +05:45 are read; +99:99, +24:00, +15:00, +14:60 skipped", async () => {
    const result = await throughDuckDb(project());
    expect(result.events).toEqual({ read: 10, mapped: 5, unmapped: 0, skipped: 5 });
    // 10:00 at +14:00 is 20:00 the day before in UTC; 10:00 at -14 is 00:00 the next day.
    expect(result.period).toEqual({ from: "2025-12-31T20:00:00Z", to: "2026-01-02T00:00:00Z" });
  });

  describe.runIf(clickHouseAvailable())("through a real ClickHouse", () => {
    let server: ClickHouseServer;
    beforeAll(async () => {
      server = await startClickHouse();
    }, 60_000);
    afterAll(async () => server?.stop());

    it("ClickHouse reads and skips the same rows: the same JSON as DuckDB", async () => {
      const dir = project();
      const expected = await throughDuckDb(dir);
      await server.query("CREATE TABLE offsets (case_id String, activity String, timestamp String) ENGINE = Memory");
      await server.query(`INSERT INTO offsets FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join("\n")}`);
      const clickhouse = await runCli(["analyze", "j.journey.yaml", "--engine", "clickhouse", "--url", server.url, "--table", "offsets", "-f", "json"], {
        cwd: dir,
      });
      expect(clickhouse.exitCode, clickhouse.stderr).toBe(0);
      expect(parseJson<AnalysisResult>(clickhouse.stdout).events.skipped).toBe(5);
      expect({ ...parseJson<AnalysisResult>(clickhouse.stdout), engine: "duckdb" }).toEqual(expected);
    }, 60_000);
  });
});
