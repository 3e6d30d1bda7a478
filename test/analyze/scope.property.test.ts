/**
 * Windows, periods, trends, segments (`--by`), ties, p90 and time to goal through the DuckDB engine on random logs,
 * against the plain in-memory definitions (`reference-figures.ts`); the ClickHouse engine gets the
 * same property in clickhouse.test.ts.
 */
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, test } from "vitest";
import { createDuckDbEngine } from "../../src/analyze/engines/duckdb.js";
import type { EngineFigures } from "../../src/analyze/types.js";
import { removeTempProjects, tempProject } from "../helpers/index.js";
import { COLUMNS, SHOP } from "./clickhouse-plan.js";
import { writeLog } from "./fixtures.js";
import { referenceFigures } from "./reference-figures.js";
import { orderSegments } from "../../src/analyze/segments.js";

afterAll(removeTempProjects);

/** Lists the engine returns in any order, ordered. */
const normalized = (figures: EngineFigures): EngineFigures => ({
  ...figures,
  transitions: [...figures.transitions].sort((a, b) => a.from - b.from || a.to - b.to),
  ...(figures.startDays ? { startDays: [...figures.startDays].sort((a, b) => a.day - b.day) } : {}),
  ...(figures.segments ? { segments: orderSegments(figures.segments) } : {}),
});

test("random logs with random scopes: DuckDB gives the figures the definitions give", async () => {
  // Three days around midnight UTC, whole seconds so that ties are frequent.
  const base = Date.UTC(2026, 2, 1, 23, 59, 50);
  const event = fc.record({
    caseId: fc.constantFrom("a", "b", "c", "d", "e"),
    activity: fc.constantFrom(...SHOP.activities.keys(), "heartbeat"),
    second: fc.integer({ min: 0, max: 40 }).map((n) => n * (n % 3 === 0 ? 4000 : 1)),
    // The --by column: a few values, some missing (empty), some differing only in case or by code point.
    device: fc.constantFrom("", "mobile", "Mobile", "desktop", "é", "z"),
  });
  const scope = fc.record(
    {
      windowMs: fc.integer({ min: 1, max: 60 }).map((n) => n * 1000),
      since: fc.integer({ min: 0, max: 60 }).map((n) => base + n * 1000),
      until: fc.integer({ min: 0, max: 200 }).map((n) => base + n * 1000),
      every: fc.constantFrom("day" as const, "week" as const, "month" as const),
      by: fc.constant("device"),
    },
    { requiredKeys: [] },
  );
  const dir = tempProject({});
  await fc.assert(
    // CSV is grouped both ways in one pass, Parquet read once per grouping: both paths.
    fc.asyncProperty(
      fc.array(event, { minLength: 1, maxLength: 40 }),
      scope,
      fc.constantFrom("csv" as const, "parquet" as const),
      async (events, scoped, format) => {
        const rows = events.map((e) => ({ case_id: e.caseId, activity: e.activity, timestamp: base + e.second * 1000, device: e.device }));
        const path = join(dir, `log.${format}`);
        await writeLog(rows, path, format);
        const plan = { ...SHOP, ...scoped };
        const engine = createDuckDbEngine();
        let actual: EngineFigures;
        try {
          actual = await engine.analyze(plan, COLUMNS, { kind: "files", files: [{ path, format, gzip: false }] });
        } finally {
          await engine.close();
        }
        const expected = referenceFigures(
          plan,
          rows.map((r) => ({ caseId: r.case_id, activity: r.activity, time: r.timestamp, segment: r.device })),
        );
        expect(normalized(actual)).toEqual(normalized(expected));
      },
    ),
    // A log of unmapped rows only, first: no path, and still a (empty) trend.
    { numRuns: 40, examples: [[[{ caseId: "a", activity: "heartbeat", second: 0, device: "" }], { every: "week", by: "device" }, "parquet"]] },
  );
}, 120_000);
