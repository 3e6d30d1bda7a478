/**
 * Hand-built analysis plans for the ClickHouse engine tests (the journey -> plan builder lives
 * with the command). A plan is written by step ids, as a reader of the test thinks of it.
 */
import type { AnalysisPlan, ColumnNames } from "../../src/analyze/types.js";
import type { EventRow } from "../helpers/clickhouse.js";
import type { ReferenceRow } from "./reference-figures.js";

export const COLUMNS: ColumnNames = { caseId: "case_id", activity: "activity", timestamp: "timestamp" };

export function makePlan(spec: {
  steps: string[];
  events?: Record<string, string[]>;
  edges: [string, string][];
  entries: string[];
  goals: string[];
  top?: number;
}): AnalysisPlan {
  const index = (id: string) => {
    const i = spec.steps.indexOf(id);
    if (i < 0) throw new Error(`no step ${id}`);
    return i;
  };
  const activities = new Map<string, number>(spec.steps.map((id, i) => [id, i]));
  for (const [step, names] of Object.entries(spec.events ?? {})) for (const name of names) activities.set(name, index(step));
  return {
    journeyId: "test-journey",
    stepIds: spec.steps,
    activities,
    edges: spec.edges.map(([from, to]) => [index(from), index(to)] as const),
    entries: spec.entries.map(index),
    goals: spec.goals.map(index),
    top: spec.top ?? 10,
  };
}

/** The shop journey of the known-answer scenarios: step ids deliberately not in code-point order. */
export const SHOP = makePlan({
  steps: ["home", "search", "product", "cart", "pay", "support"],
  events: { product: ["view_item", "page_view:/product"], cart: ["🛒 add"], pay: ["purchase"], support: ["ticket_opened"] },
  edges: [
    ["home", "search"],
    ["home", "product"],
    ["search", "product"],
    ["product", "cart"],
    ["cart", "pay"],
  ],
  entries: ["home"],
  goals: ["pay"],
});

/** Rows loaded into a DateTime (text `YYYY-MM-DD hh:mm:ss`, UTC) or epoch-millisecond table, as the in-memory oracle reads them. */
export function referenceRows(rows: readonly EventRow[]): ReferenceRow[] {
  return rows.map((row) => ({
    caseId: row.case_id,
    activity: row.activity,
    time: typeof row.timestamp === "number" ? row.timestamp : Date.parse(`${row.timestamp.replace(" ", "T")}Z`),
  }));
}
