import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { SCENARIOS, SHOP, type EventRow } from "./fixtures.js";

afterAll(removeTempProjects);

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface XesEvent {
  activity: string;
  time?: string;
  lifecycle?: string;
  resource?: string;
}

/** An XES document as ProM and pm4py write one: a header with extensions, globals and classifiers, then the traces. */
function xes(traces: readonly { name?: string; nameAfterEvents?: boolean; events: readonly XesEvent[] }[]): string {
  const event = (e: XesEvent) =>
    [
      "    <event>",
      `      <string key="concept:name" value="${escapeXml(e.activity)}"/>`,
      ...(e.lifecycle !== undefined ? [`      <string key="lifecycle:transition" value="${e.lifecycle}"/>`] : []),
      ...(e.resource !== undefined ? [`      <string key="org:resource" value="${escapeXml(e.resource)}"/>`] : []),
      ...(e.time !== undefined ? [`      <date key="time:timestamp" value="${e.time}"/>`] : []),
      '      <list key="notes"><string key="concept:name" value="a nested attribute, not the activity"/></list>',
      "    </event>",
    ].join("\n");
  const name = (t: { name?: string }) => (t.name !== undefined ? [`    <string key="concept:name" value="${escapeXml(t.name)}"/>`] : []);
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<log xes.version="1.0" xes.features="nested-attributes" openxes.version="1.0RC7">',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
    '  <global scope="trace"><string key="concept:name" value="__INVALID__"/></global>',
    '  <global scope="event"><string key="concept:name" value="__INVALID__"/><string key="lifecycle:transition" value="complete"/></global>',
    '  <classifier name="Activity" keys="concept:name"/>',
    '  <string key="concept:name" value="the log\'s own name, not a case"/>',
    ...traces.map((t) =>
      [
        "  <trace>",
        ...(t.nameAfterEvents ? [] : name(t)),
        '    <string key="variant" value="trace attribute"/>',
        ...t.events.map(event),
        ...(t.nameAfterEvents ? name(t) : []),
        "  </trace>",
      ].join("\n"),
    ),
    "</log>",
    "",
  ].join("\n");
}

/** A CSV twin of rows (case_id, activity, timestamp), every text quoted. */
function csv(rows: readonly EventRow[]): string {
  const field = (value: string | number | null) => (value === null ? "" : `"${String(value).replace(/"/g, '""')}"`);
  return ["case_id,activity,timestamp", ...rows.map((r) => [r.case_id, r.activity, r.timestamp].map(field).join(","))].join("\n") + "\n";
}

async function analyze(dir: string, log: string, ...flags: string[]) {
  return runCli(["analyze", "shop.journey.yaml", "--events", log, "--format", "json", ...flags], { cwd: dir });
}

/** The log of the tests: offsets, lifecycle start/schedule/complete (any case), a trace named after its events. */
const TRACES = [
  {
    name: "c1",
    events: [
      { activity: "lands", lifecycle: "schedule", time: "2026-03-01T11:58:00+01:00" },
      { activity: "lands", lifecycle: "start", time: "2026-03-01T11:59:00+01:00" },
      { activity: "lands", lifecycle: "complete", time: "2026-03-01T12:00:00+01:00", resource: "Ann" },
      { activity: "views", lifecycle: "COMPLETE", time: "2026-03-01T06:31:30.250-04:30" },
      { activity: "cart", time: "2026-03-01T11:03:00Z" },
      { activity: "payment_ok", lifecycle: "start", time: "2026-03-01T11:04:00Z" },
      { activity: "payment_ok", lifecycle: "Complete", time: "2026-03-01T11:05:00Z" },
    ],
  },
  {
    name: "c2 & <later>",
    nameAfterEvents: true,
    events: [
      { activity: "search", lifecycle: "start", time: "2026-03-01T09:00:00Z" },
      { activity: "search", lifecycle: "complete", time: "2026-03-01T09:00:10Z" },
      { activity: "views", time: "2026-03-01T10:00:20+01:00" },
      { activity: "heartbeat", time: "2026-03-01T09:01:00Z" },
    ],
  },
  { name: "c3", events: [{ activity: "lands", lifecycle: "complete", time: "2026-03-02T00:00:00+14:00" }] },
];

/** What each event is, as a CSV row, when `keep` says it counts. */
const rowsOf = (keep: (e: XesEvent) => boolean): EventRow[] =>
  TRACES.flatMap((t) => t.events.filter(keep).map((e) => ({ case_id: t.name, activity: e.activity, timestamp: e.time })));
const complete = (e: XesEvent) => e.lifecycle === undefined || e.lifecycle.toLowerCase() === "complete";

describe("XES logs", () => {
  it("give exactly the JSON of their CSV twin of complete events, plus events.lifecycle_dropped; gzipped too", async () => {
    const document = xes(TRACES);
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": document, "log.xes.gz": gzipSync(document), "twin.csv": csv(rowsOf(complete)) });
    const twin = await analyze(dir, "twin.csv");
    expect(twin.stderr).toBe("");
    const expected = parseJson<AnalysisResult>(twin.stdout);
    expect(expected.cases).toBe(3);
    const dropped = TRACES.flatMap((t) => t.events).filter((e) => !complete(e)).length;
    expect(dropped).toBe(4);
    for (const log of ["log.xes", "log.xes.gz"]) {
      const run = await analyze(dir, log);
      expect(run.stderr, log).toBe("");
      expect(run.exitCode, log).toBe(0);
      expect(parseJson<AnalysisResult>(run.stdout), log).toEqual({ ...expected, events: { ...expected.events, lifecycle_dropped: dropped } });
    }
  });

  it("--lifecycle all keeps every event: the CSV twin of all of them", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": xes(TRACES), "twin.csv": csv(rowsOf(() => true)) });
    const expected = parseJson<AnalysisResult>((await analyze(dir, "twin.csv")).stdout);
    const run = await analyze(dir, "log.xes", "--lifecycle", "all");
    expect(run.stderr).toBe("");
    expect(parseJson<AnalysisResult>(run.stdout)).toEqual({ ...expected, events: { ...expected.events, lifecycle_dropped: 0 } });
  });

  for (const scenario of SCENARIOS.filter((s) => s.journey === SHOP && s.rows.every((r) => typeof r.timestamp === "string" && r.case_id && r.activity))) {
    it(`a scenario as XES gives the JSON of its CSV: ${scenario.name}`, async () => {
      const traces = new Map<string, XesEvent[]>();
      for (const row of scenario.rows)
        traces.set(row.case_id!, [...(traces.get(row.case_id!) ?? []), { activity: row.activity!, time: row.timestamp as string }]);
      const dir = tempProject({
        "shop.journey.yaml": SHOP,
        "log.xes": xes([...traces].map(([name, events]) => ({ name, events }))),
        "twin.csv": csv(scenario.rows),
      });
      const expected = parseJson<AnalysisResult>((await analyze(dir, "twin.csv")).stdout);
      const run = await analyze(dir, "log.xes");
      expect(run.stderr).toBe("");
      expect(parseJson<AnalysisResult>(run.stdout)).toEqual({ ...expected, events: { ...expected.events, lifecycle_dropped: 0 } });
    });
  }

  it("keeps other event attributes as columns: org:resource as the case column, for instance", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": xes(TRACES) });
    const run = await analyze(dir, "log.xes", "--case-column", "org:resource", "--lifecycle", "all");
    expect(run.stderr).toBe("");
    // Only one event has a resource (Ann, on lands): one case; the rest have no case id and are skipped.
    const result = parseJson<AnalysisResult>(run.stdout);
    expect(result.cases).toBe(1);
    expect(result.events).toMatchObject({ read: 12, mapped: 1, skipped: 11 });
  });

  it("--by org:resource gives the JSON of its CSV twin with a resource column; --by case:<key> reads a trace's attribute", async () => {
    // c1's first complete event has Ann; c2's first complete event has none (Zed is on its start,
    // which the lifecycle filter drops): the missing value; c3's has Bob.
    const traces: { name: string; nameAfterEvents?: boolean; events: XesEvent[] }[] = TRACES.map((t) => ({
      ...t,
      events: t.events.map((e, i) => (t.name === "c3" ? { ...e, resource: "Bob" } : t.name.startsWith("c2") && i === 0 ? { ...e, resource: "Zed" } : e)),
    }));
    const rows = traces.flatMap((t) => t.events.filter(complete).map((e): string[] => [t.name, e.activity, e.time ?? "", e.resource ?? ""]));
    const twin = ["case_id,activity,timestamp,resource", ...rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(","))].join("\n") + "\n";
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": xes(traces), "twin.csv": twin });
    const expected = parseJson<AnalysisResult>((await analyze(dir, "twin.csv", "--by", "resource")).stdout);
    expect(expected.segments!.map((s) => [s.value, s.cases])).toEqual([
      ["Ann", 1],
      ["Bob", 1],
      [null, 1],
    ]);
    const run = await analyze(dir, "log.xes", "--by", "org:resource");
    expect(run.stderr).toBe("");
    expect(parseJson<AnalysisResult>(run.stdout)).toEqual({ ...expected, by: "org:resource", events: { ...expected.events, lifecycle_dropped: 4 } });

    const byTrace = parseJson<AnalysisResult>((await analyze(dir, "log.xes", "--by", "case:variant")).stdout);
    expect(byTrace.segments!.map((s) => [s.value, s.cases])).toEqual([["trace attribute", 3]]);
  });

  it("names the line of malformed XML, of a trace without a name and of an event without a time (exit 2)", async () => {
    const good = xes(TRACES);
    const lines = good.split("\n");
    const dir = tempProject({
      "shop.journey.yaml": SHOP,
      "broken.xes": good.replace("</trace>", "</event>"),
      "unnamed.xes": xes([TRACES[0], { events: [{ activity: "lands", time: "2026-03-01T10:00:00Z" }] }]),
      "untimed.xes.gz": gzipSync(xes([TRACES[0], { name: "c9", events: [{ activity: "lands" }] }])),
    });
    const broken = await analyze(dir, "broken.xes");
    expect(broken.exitCode).toBe(2);
    const brokenLine = lines.findIndex((l) => l.includes("</trace>")) + 1;
    expect(broken.stderr).toMatch(new RegExp(`^journey: broken\\.xes:${brokenLine}: not well-formed XML: `));
    expect(broken.stderr).not.toContain("    at ");

    const unnamed = await analyze(dir, "unnamed.xes");
    expect(unnamed.exitCode).toBe(2);
    const unnamedLine =
      xes([TRACES[0], { events: [] }])
        .split("\n")
        .lastIndexOf("  <trace>") + 1;
    expect(unnamed.stderr).toBe(
      `journey: unnamed.xes:${unnamedLine}: a trace has no name (no <string key="concept:name"> of its own); every XES trace needs one, its case id`,
    );

    const untimed = await analyze(dir, "untimed.xes.gz");
    expect(untimed.exitCode).toBe(2);
    const untimedLine =
      xes([TRACES[0], { name: "c9", events: [{ activity: "lands" }] }])
        .split("\n")
        .lastIndexOf("    <event>") + 1;
    expect(untimed.stderr).toBe(
      `journey: untimed.xes.gz:${untimedLine}: an event of trace \`c9\` has no time (no <date key="time:timestamp">); every XES event needs one`,
    );
  });

  it("stylish says how many events the lifecycle filter left out", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": xes(TRACES) });
    const run = await runCli(["analyze", "shop.journey.yaml", "--events", "log.xes"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Left out: 4 XES events whose lifecycle:transition is not complete (--lifecycle all keeps them)");
  });

  it("writes its rows in a fresh temporary folder, removed after the run and on Ctrl-C", async () => {
    // Many traces, so that the run is still reading when it is interrupted.
    const many = Array.from({ length: 20_000 }, (_, i) => ({ name: `t${i}`, events: TRACES[0].events }));
    const dir = tempProject({ "shop.journey.yaml": SHOP, "small.xes": xes(TRACES), "big.xes": xes(many) });
    const tmp = mkdtempSync(join(tmpdir(), "journey-xes-tmp-"));
    const env = { TMPDIR: tmp };
    const done = await runCli(["analyze", "shop.journey.yaml", "--events", "small.xes", "-f", "json"], { cwd: dir, env });
    expect(done.exitCode).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);

    const child = runCli(["analyze", "shop.journey.yaml", "--events", "big.xes", "-f", "json"], { cwd: dir, env });
    const begun = Date.now();
    const rows = () => readdirSync(tmp).flatMap((folder) => readdirSync(join(tmp, folder)).filter((f) => f.endsWith(".jsonl")));
    while (rows().length === 0 && child.exitCode === null && Date.now() - begun < 30_000) await sleep(20);
    expect(child.exitCode, "still reading when interrupted").toBe(null);
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toBe("journey: the analysis was interrupted");
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("is refused by the clickhouse engine, which analyses a table", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP, "log.xes": xes(TRACES) });
    const run = await runCli(["analyze", "shop.journey.yaml", "--engine", "clickhouse", "--url", "http://127.0.0.1:1", "--table", "t", "-e", "log.xes"], {
      cwd: dir,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("XES logs are read by the duckdb engine only");
  });

  it("a log that is not UTF-8 is refused as other text logs are", async () => {
    const dir = tempProject({ "shop.journey.yaml": SHOP });
    writeFileSync(join(dir, "latin.xes"), Buffer.from(xes(TRACES).replace("c1", "caf\u00e9"), "latin1"));
    const run = await analyze(dir, "latin.xes");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("latin.xes` is not UTF-8");
  });
});
