/**
 * What the ClickHouse engine does with user input: values become literals through one escaping
 * function (round-tripped through a real server), identifiers are validated, and what users get
 * wrong (server, credentials, table, columns) ends in an AnalyzeError that says what to fix.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createClickHouseEngine } from "../../src/analyze/engines/clickhouse.js";
import { identifier, stringLiteral, timestampKind } from "../../src/analyze/engines/clickhouse-sql.js";
import { AnalyzeError, type EventSource } from "../../src/analyze/types.js";
import { clickHouseAvailable } from "../helpers/index.js";
import { freePort, loadEvents, PASSWORD_USER, READONLY_USER, startClickHouse, type ClickHouseServer } from "../helpers/clickhouse.js";
import { COLUMNS, SHOP } from "./clickhouse-plan.js";

/** Any text a journey or a log may hold: characters SQL treats specially, control characters, NUL, any code point, lone surrogates. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("'", "\\", "\0", "\n", "\r", "\t", "\x7f", "`", '"', "\\x41", "\\'", "?", "{x}", "$1", "--", "/*"),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)), // U+D800..U+DFFF: lone surrogates
  ),
  maxLength: 40,
});

describe("literals and identifiers (no server)", () => {
  test("a literal is printable ASCII inside quotes, whatever the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(stringLiteral(text)).toMatch(/^'([\x20-\x26\x28-\x5b\x5d-\x7e]|\\\\|\\'|\\x[0-9a-f]{2})*'$/);
      }),
    );
  });

  test.each([
    ["DateTime", "datetime"],
    ["DateTime('Europe/Berlin')", "datetime"],
    ["Nullable(DateTime)", "datetime"],
    ["DateTime64(3)", "datetime64"],
    ["Nullable(DateTime64(6, 'UTC'))", "datetime64"],
    ["Date", "date"],
    ["String", "string"],
    ["LowCardinality(Nullable(String))", "string"],
    ["FixedString(24)", "string"],
    ["UInt64", "integer"],
    ["Int64", "integer"],
    ["Nullable(UInt32)", "integer"],
    ["Float64", undefined],
    ["Int16", undefined],
    ["Array(DateTime)", undefined],
  ])("a time column of type %s is read as %s", (type, kind) => {
    expect(timestampKind(type)).toBe(kind);
  });

  test.each(["events", "Events_2026", "_tmp", "case:concept:name", "time:timestamp"])("identifier %s is backquoted", (name) => {
    expect(identifier(name, "--table")).toBe(`\`${name}\``);
  });

  test.each(["", "events; DROP TABLE x", "db.events", "a`b", "a b", "1st", "naïve", "x'y", "__j_path", "a".repeat(129)])("identifier %j is refused", (name) => {
    expect(() => identifier(name, "--table")).toThrow(AnalyzeError);
    expect(() => identifier(name, "--table")).toThrow(/--table .* is not a plain ClickHouse identifier/);
  });
});

const available = clickHouseAvailable();
let server: ClickHouseServer;

async function analyzeError(source: Partial<Extract<EventSource, { kind: "clickhouse" }>>, columns = COLUMNS): Promise<Error> {
  const engine = createClickHouseEngine();
  try {
    await engine.analyze(SHOP, columns, { kind: "clickhouse", url: server.url, table: "events", ...source });
  } catch (error) {
    return error as Error;
  } finally {
    await engine.close();
  }
  throw new Error("the analysis did not fail");
}

describe.skipIf(!available)("through a real server", () => {
  beforeAll(async () => {
    server = await startClickHouse();
    await loadEvents(server, "events", [{ case_id: "c1", activity: "home", timestamp: "2026-01-05 10:00:00" }]);
    await loadEvents(server, "float_times", [], { timestampType: "Float64" });
  });
  afterAll(() => server?.stop());

  test("SELECT <literal> gives back the same string, byte for byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 10 }), async (texts) => {
        const literals = texts.map(stringLiteral).join(", ");
        const [line] = (await server.query(`SELECT [${literals}] AS texts, arrayMap(t -> hex(t), texts) AS bytes FORMAT JSONEachRow`)).trim().split("\n");
        const row = JSON.parse(line) as { texts: string[]; bytes: string[] };
        // What a UTF-8 encoder makes of the text (lone surrogates become U+FFFD).
        expect(row.bytes).toEqual(texts.map((text) => Buffer.from(text, "utf8").toString("hex").toUpperCase()));
        expect(row.texts).toEqual(texts.map((text) => Buffer.from(text, "utf8").toString("utf8")));
      }),
      { numRuns: 150 },
    );
  });

  test("an unreachable server: the message names the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await analyzeError({ url });
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toContain(`cannot reach ClickHouse at ${url}`);
  });

  // The server either drops the handshake at once (a TLS error code) or waits for a request line
  // that never comes (then /ping times out): either way the message comes in seconds, not after
  // the one-hour query timeout.
  test("TLS spoken to a plain HTTP port: cannot reach, with the reason", { timeout: 60_000 }, async () => {
    const url = `https://127.0.0.1:${server.httpPort}`;
    const error = await analyzeError({ url });
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toMatch(new RegExp(`^cannot reach ClickHouse at ${url} \\(([A-Z][A-Z0-9_]+|no answer to /ping within 10 s)\\)`));
  });

  test("an error of the server itself is passed on with its code, not as a stack trace", async () => {
    // A view that fails when read: its columns are fine, its query is not.
    await server.query("CREATE VIEW IF NOT EXISTS failing AS SELECT case_id, activity, timestamp FROM events WHERE throwIf(length(case_id) > 0)");
    const error = await analyzeError({ table: "failing" });
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toMatch(new RegExp(`^ClickHouse at ${server.url}: Code: \\d+`));
  });

  test("a URL that is no URL", async () => {
    const error = await analyzeError({ url: "not a url" });
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toMatch(/--url "not a url"/);
  });

  test.each([
    ["a wrong password", { user: PASSWORD_USER.user, password: "wrong" }],
    ["no password", { user: PASSWORD_USER.user }],
    ["an unknown user", { user: "nobody", password: "x" }],
  ])("bad credentials (%s) say so", async (_, credentials) => {
    const error = await analyzeError(credentials);
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toMatch(/refused the credentials of user ".*"; set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD/);
  });

  // The readonly user also proves that the engine changes no setting (readonly=1 refuses any).
  test.each([
    ["a user with a password", PASSWORD_USER],
    ["a readonly user", READONLY_USER],
  ])("the right credentials of %s work", async (_, credentials) => {
    const engine = createClickHouseEngine();
    try {
      const figures = await engine.analyze(SHOP, COLUMNS, { kind: "clickhouse", url: server.url, table: "events", ...credentials });
      expect(figures.cases).toBe(1);
      expect(figures.steps[0]).toEqual({ reached: 1, endedHere: 1 });
    } finally {
      await engine.close();
    }
  });

  test.each([
    [{ table: "no_such_table" }, /has no table no_such_table/],
    [{ database: "no_such_db" }, /has no table no_such_db\.events/],
    [{ table: "events; DROP TABLE events" }, /--table "events; DROP TABLE events" is not a plain ClickHouse identifier/],
    [{ table: "float_times" }, /column "timestamp" of float_times is Float64; the time column must be DateTime/],
  ])("%j is refused with a message", async (source, message) => {
    const error = await analyzeError(source);
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toMatch(message);
    expect(await server.query("SELECT count() FROM events")).toBe("1\n");
  });

  test("a missing column: the message lists the table's columns", async () => {
    const error = await analyzeError({}, { ...COLUMNS, activity: "concept:name" });
    expect(error).toBeInstanceOf(AnalyzeError);
    expect(error.message).toBe(
      'table events has no column "concept:name"; its columns are `case_id`, `activity`, `timestamp` (rename with --case-column, --activity-column, --time-column)',
    );
  });
});
