/**
 * The analyze spec computed directly over the rows, in plain TypeScript, as the oracle the
 * engines are compared with. Written from the spec's definitions (not from the engines' SQL):
 * one case at a time, sorting events, merging repeats, counting.
 */
import type { AnalysisResult } from "../../src/analyze/types.js";
import type { FlowGraph } from "../../src/model/flow-graph.js";
import type { Journey } from "../../src/model/types.js";
import type { EventRow } from "./fixtures.js";

/** Readable times lie in the years 1 to 9999 (ISO 8601's range). */
const inRange = (ms: number) => (ms >= -62135596800000 && ms <= 253402300799999 ? ms : undefined);

/** Epoch milliseconds of an ISO 8601 text (no zone: UTC) or of epoch milliseconds; undefined when unreadable. */
export function parseTime(value: string | number | null): number | undefined {
  if (value === null) return undefined;
  if (typeof value === "number") return Number.isInteger(value) ? inRange(value) : undefined;
  if (/^-?\d{1,18}$/.test(value)) return inRange(Number(value));
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(utc(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offset = 0;
  if (m[8] && m[8] !== "Z") {
    const sign = m[8].startsWith("-") ? -1 : 1;
    const digits = m[8].slice(1).replace(":", "");
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return inRange(utc(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
}

/** Date.UTC, also for the years 0 to 99 (which Date.UTC takes as 1900 to 1999). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

/** Code-point order, written out: compare the arrays of code points. */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function isoSeconds(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.replace(/\.\d{3}Z$/, "Z") : iso;
}

/** `--window` (milliseconds), `--since` and `--until` (epoch milliseconds). */
export interface ReferenceScope {
  windowMs?: number;
  since?: number;
  until?: number;
  every?: "day" | "week" | "month";
  /** `--by`: the segment column, whose values the rows carry as `device`. */
  by?: string;
}

/** The UTC start of the day, the week (from Monday) or the month holding `ms`, as a Date. */
function periodStart(every: "day" | "week" | "month", ms: number): Date {
  const date = new Date(ms);
  const start = new Date(Date.UTC(2000, 0, 1));
  start.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth(), every === "month" ? 1 : date.getUTCDate());
  // getUTCDay: Sunday 0, Monday 1, ... Saturday 6.
  if (every === "week") start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start;
}

/** The value at position `rank(n)` (counting from 1) of the values sorted ascending. */
function atRank(values: readonly number[], rank: (n: number) => number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[rank(sorted.length) - 1];
}
const lowerMedian = (n: number) => Math.ceil(n / 2);
/** ceil(0.9 n), in integers: the smallest p with p / n >= 9 / 10. */
const ninetieth = (n: number) => {
  let p = 1;
  while (p * 10 < 9 * n) p++;
  return p;
};

export function referenceAnalysis(journey: Journey, graph: FlowGraph, rows: readonly EventRow[], top = 10, scope: ReferenceScope = {}): AnalysisResult {
  const stepOf = new Map<string, number>();
  for (const step of journey.steps) {
    stepOf.set(step.id, step.index);
    for (const activity of step.events) stepOf.set(activity, step.index);
  }
  const events = { read: rows.length, mapped: 0, unmapped: 0, skipped: 0 };
  let earliest = Infinity;
  let latest = -Infinity;
  const unmapped = new Map<string, number>();
  const byCase = new Map<string, { step: number; time: number; value: string | null }[]>();
  /** Steps one of whose activities occurs in a row not skipped: measured; the others are null. */
  const shown = new Set<number>();
  for (const row of rows) {
    const time = parseTime(row.timestamp);
    if (!row.case_id || !row.activity || time === undefined) {
      events.skipped++;
      continue;
    }
    earliest = Math.min(earliest, time);
    latest = Math.max(latest, time);
    const step = stepOf.get(row.activity);
    if (step === undefined) {
      events.unmapped++;
      unmapped.set(row.activity, (unmapped.get(row.activity) ?? 0) + 1);
      continue;
    }
    events.mapped++;
    shown.add(step);
    if (!byCase.has(row.case_id)) byCase.set(row.case_id, []);
    byCase.get(row.case_id)!.push({ step, time, value: row.device === undefined || row.device === "" ? null : row.device });
  }

  const reached = journey.steps.map(() => 0);
  const endedHere = journey.steps.map(() => 0);
  const transitions = new Map<string, { from: number; to: number; seconds: number[] }>();
  const variants = new Map<string, { path: string[]; cases: number }>();
  let converted = 0;
  let fit = 0;
  let cases = 0;
  const toGoal: number[] = [];
  /** Per kept case, in order: the time of its first element, and whether it converted and fits (filled below). */
  const startedAt: number[] = [];
  const outcome: { converted: boolean; fit: boolean }[] = [];
  const ties = { cases: 0, events: 0 };
  /** `--by`: per segment value, its kept cases' outcomes, reached and ended-here counts, and seconds to goal. */
  const segments = new Map<string | null, { cases: number; converted: number; fit: number; reached: number[]; ended: number[]; toGoal: number[] }>();
  for (const list of byCase.values()) {
    // Ties: the case's events at each instant; two steps or more at one instant is a tie.
    const atInstant = new Map<number, { step: number }[]>();
    for (const event of list) atInstant.set(event.time, [...(atInstant.get(event.time) ?? []), event]);
    let tiedEvents = 0;
    for (const group of atInstant.values()) if (group.some((e) => e.step !== group[0].step)) tiedEvents += group.length;
    if (tiedEvents > 0) ties.cases++;
    ties.events += tiedEvents;

    list.sort((a, b) => a.time - b.time || a.step - b.step);
    const whole: { step: number; time: number }[] = [];
    for (const event of list) if (whole.length === 0 || whole[whole.length - 1].step !== event.step) whole.push(event);
    const first = whole[0].time;
    if (scope.since !== undefined && first < scope.since) continue;
    if (scope.until !== undefined && !(first < scope.until)) continue;
    cases++;
    startedAt.push(first);
    const path = scope.windowMs === undefined ? whole : whole.filter((e) => e.time <= first + scope.windowMs!);
    const goal = path.find((e) => graph.isGoal[e.step]);
    if (goal) toGoal.push(Math.floor((goal.time - first) / 1000));
    for (const step of new Set(path.map((e) => e.step))) reached[step]++;
    endedHere[path[path.length - 1].step]++;
    if (path.some((e) => graph.isGoal[e.step])) converted++;
    let follows = graph.entries.includes(path[0].step);
    for (let i = 1; i < path.length; i++) {
      const [a, b] = [path[i - 1], path[i]];
      const key = `${a.step}>${b.step}`;
      if (!transitions.has(key)) transitions.set(key, { from: a.step, to: b.step, seconds: [] });
      transitions.get(key)!.seconds.push(Math.floor((b.time - a.time) / 1000));
      if (!graph.successors[a.step].includes(b.step)) follows = false;
    }
    if (follows) fit++;
    outcome.push({ converted: path.some((e) => graph.isGoal[e.step]), fit: follows });
    if (scope.by !== undefined) {
      // The segment: the value on the path's first event; of several events at its time and step,
      // the smallest value by code point; missing only when none of them has one.
      const values = list
        .filter((e) => e.time === list[0].time && e.step === list[0].step && e.value !== null)
        .map((e) => e.value!)
        .sort(byCodePoint);
      const key = values.length > 0 ? values[0] : null;
      const segment = segments.get(key) ?? {
        cases: 0,
        converted: 0,
        fit: 0,
        reached: journey.steps.map(() => 0),
        ended: journey.steps.map(() => 0),
        toGoal: [],
      };
      segments.set(key, segment);
      segment.cases++;
      if (goal) {
        segment.converted++;
        segment.toGoal.push(Math.floor((goal.time - first) / 1000));
      }
      if (follows) segment.fit++;
      for (const step of new Set(path.map((e) => e.step))) segment.reached[step]++;
      segment.ended[path[path.length - 1].step]++;
    }
    const ids = path.map((e) => journey.steps[e.step].id);
    const variant = variants.get(ids.join(" ")) ?? { path: ids, cases: 0 };
    variant.cases++;
    variants.set(ids.join(" "), variant);
  }

  const id = (index: number) => journey.steps[index].id;
  const transitionList = [...transitions.values()]
    .map((t) => {
      const sorted = [...t.seconds].sort((x, y) => x - y);
      return {
        from: id(t.from),
        to: id(t.to),
        count: sorted.length,
        in_map: graph.successors[t.from].includes(t.to),
        median_seconds: sorted[Math.ceil(sorted.length / 2) - 1],
        p90_seconds: atRank(t.seconds, ninetieth),
      };
    })
    .sort((a, b) => byCodePoint(a.from, b.from) || byCodePoint(a.to, b.to));
  return {
    journey: journey.id,
    engine: "duckdb",
    events,
    period: events.read - events.skipped > 0 ? { from: isoSeconds(earliest), to: isoSeconds(latest) } : null,
    cases,
    conversion: cases === 0 ? 0 : converted / cases,
    fitness: cases === 0 ? 0 : fit / cases,
    steps: journey.steps.map((s, i) =>
      shown.has(i) ? { id: s.id, reached: reached[i], ended_here: endedHere[i] } : { id: s.id, reached: null, ended_here: null },
    ),
    transitions: transitionList,
    time_to_goal: toGoal.length === 0 ? null : { median_seconds: atRank(toGoal, lowerMedian), p90_seconds: atRank(toGoal, ninetieth) },
    ties,
    deviations: transitionList
      .filter((t) => !t.in_map)
      .sort((a, b) => b.count - a.count || byCodePoint(a.from, b.from) || byCodePoint(a.to, b.to))
      .slice(0, top)
      .map(({ from, to, count }) => ({ from, to, count })),
    variants: [...variants.entries()]
      .sort(([ka, a], [kb, b]) => b.cases - a.cases || byCodePoint(ka, kb))
      .slice(0, top)
      .map(([, v]) => v),
    unmapped_activities: [...unmapped.entries()]
      .sort(([a, x], [b, y]) => y - x || byCodePoint(a, b))
      .slice(0, top)
      .map(([activity, count]) => ({ activity, count })),
    ...(scope.every !== undefined ? { trend: referenceTrend(scope.every, startedAt, outcome) } : {}),
    ...(scope.by !== undefined
      ? {
          by: scope.by,
          segments: [...segments.entries()]
            .sort(([a, x], [b, y]) => (a === null ? 1 : b === null ? -1 : y.cases - x.cases || byCodePoint(a, b)))
            .map(([value, segment]) => ({
              value,
              cases: segment.cases,
              conversion: segment.converted / segment.cases,
              fitness: segment.fit / segment.cases,
              steps: journey.steps.map((s, i) =>
                shown.has(i) ? { id: s.id, reached: segment.reached[i], ended_here: segment.ended[i] } : { id: s.id, reached: null, ended_here: null },
              ),
              time_to_goal:
                segment.toGoal.length === 0 ? null : { median_seconds: atRank(segment.toGoal, lowerMedian), p90_seconds: atRank(segment.toGoal, ninetieth) },
            })),
        }
      : {}),
    ...(scope.windowMs !== undefined ? { window_seconds: scope.windowMs / 1000 } : {}),
    ...(scope.since !== undefined || scope.until !== undefined
      ? { started: { since: scope.since === undefined ? null : isoSeconds(scope.since), until: scope.until === undefined ? null : isoSeconds(scope.until) } }
      : {}),
  };
}

/** Every period from the first case's to the last case's, walking the calendar one period at a time. */
function referenceTrend(every: "day" | "week" | "month", startedAt: number[], outcome: { converted: boolean; fit: boolean }[]): AnalysisResult["trend"] {
  if (startedAt.length === 0) return [];
  const key = (ms: number) => periodStart(every, ms).getTime();
  const first = Math.min(...startedAt.map(key));
  const last = Math.max(...startedAt.map(key));
  const trend: NonNullable<AnalysisResult["trend"]> = [];
  for (const cursor = new Date(first); cursor.getTime() <= last;) {
    const at = cursor.getTime();
    const members = startedAt.flatMap((ms, i) => (key(ms) === at ? [outcome[i]] : []));
    trend.push({
      from: isoSeconds(at),
      cases: members.length,
      conversion: members.length === 0 ? null : members.filter((m) => m.converted).length / members.length,
      fitness: members.length === 0 ? null : members.filter((m) => m.fit).length / members.length,
    });
    if (every === "day") cursor.setUTCDate(cursor.getUTCDate() + 1);
    else if (every === "week") cursor.setUTCDate(cursor.getUTCDate() + 7);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return trend;
}
