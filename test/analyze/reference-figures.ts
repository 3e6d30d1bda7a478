/**
 * The analyze spec's figures computed the plain way, in memory, one definition per line: the
 * oracle that random logs are checked against (an engine must agree with it on every field).
 * Slow and memory-hungry by design; only for test-sized logs.
 */
import type { AnalysisPlan, EngineFigures, EngineSegment } from "../../src/analyze/types.js";
import { compareCodePoints } from "../../src/util/code-point-order.js";

/** One row of a log as an engine reads it; `time` in epoch milliseconds, null when unreadable. */
export interface ReferenceRow {
  caseId: string;
  activity: string;
  time: number | null;
  /** The value of the `--by` column (`plan.by`); null or "" when missing. */
  segment?: string | null;
}

const byCountThen =
  <T>(key: (item: T) => string) =>
  (a: T & { count: number }, b: T & { count: number }) =>
    b.count - a.count || compareCodePoints(key(a), key(b));

export function referenceFigures(plan: AnalysisPlan, rows: readonly ReferenceRow[]): EngineFigures {
  const events = { read: rows.length, mapped: 0, unmapped: 0, skipped: 0 };
  let period: { from: number; to: number } | null = null;
  const unmapped = new Map<string, number>();
  const seen = new Set<number>();
  const caseEvents = new Map<string, { time: number; step: number; segment: string | null }[]>();
  for (const row of rows) {
    if (row.caseId === "" || row.activity === "" || row.time === null) {
      events.skipped++;
      continue;
    }
    period = period === null ? { from: row.time, to: row.time } : { from: Math.min(period.from, row.time), to: Math.max(period.to, row.time) };
    const step = plan.activities.get(row.activity);
    if (step === undefined) {
      events.unmapped++;
      unmapped.set(row.activity, (unmapped.get(row.activity) ?? 0) + 1);
      continue;
    }
    events.mapped++;
    if (plan.stepIds[step] === row.activity) seen.add(step);
    caseEvents.set(row.caseId, [...(caseEvents.get(row.caseId) ?? []), { time: row.time, step, segment: row.segment || null }]);
  }

  // Ties, on the whole log: per case, the events of each instant; a group with two steps or more counts.
  const ties = { cases: 0, events: 0 };
  for (const list of caseEvents.values()) {
    const instants = new Map<number, number[]>();
    for (const event of list) instants.set(event.time, [...(instants.get(event.time) ?? []), event.step]);
    const tied = [...instants.values()].filter((steps) => new Set(steps).size > 1);
    if (tied.length > 0) ties.cases++;
    for (const steps of tied) ties.events += steps.length;
  }

  const edges = new Set(plan.edges.map(([from, to]) => `${from}>${to}`));
  const steps = plan.stepIds.map(() => ({ reached: 0, endedHere: 0 }));
  const durations = new Map<string, number[]>();
  const variants = new Map<string, { path: number[]; count: number }>();
  let converted = 0;
  let fit = 0;
  const toGoal: number[] = [];
  const startDays = new Map<number, { day: number; cases: number; converted: number; fit: number }>();
  let cases = 0;
  const segments = new Map<
    string | null,
    { value: string | null; cases: number; converted: number; fit: number; steps: { reached: number; endedHere: number }[]; toGoal: number[] }
  >();
  for (const list of caseEvents.values()) {
    list.sort((a, b) => a.time - b.time || a.step - b.step);
    const whole = list.filter((event, i) => i === 0 || event.step !== list[i - 1].step);
    const start = whole[0].time;
    if ((plan.since !== undefined && start < plan.since) || (plan.until !== undefined && start >= plan.until)) continue;
    cases++;
    const elements = plan.windowMs === undefined ? whole : whole.filter((element) => element.time - start <= plan.windowMs!);
    const path = elements.map((element) => element.step);
    const goalAt = path.findIndex((step) => plan.goals.includes(step));
    if (goalAt >= 0) toGoal.push(Math.floor((elements[goalAt].time - start) / 1000));
    for (const step of new Set(path)) steps[step].reached++;
    steps[path[path.length - 1]].endedHere++;
    if (path.some((step) => plan.goals.includes(step))) converted++;
    let inMap = plan.entries.includes(path[0]);
    for (let i = 1; i < elements.length; i++) {
      const key = `${path[i - 1]}>${path[i]}`;
      inMap &&= edges.has(key);
      durations.set(key, [...(durations.get(key) ?? []), Math.floor((elements[i].time - elements[i - 1].time) / 1000)]);
    }
    if (inMap) fit++;
    if (plan.every !== undefined) {
      const day = Math.floor(start / 86_400_000);
      const counts = startDays.get(day) ?? { day, cases: 0, converted: 0, fit: 0 };
      counts.cases++;
      if (goalAt >= 0) counts.converted++;
      if (inMap) counts.fit++;
      startDays.set(day, counts);
    }
    if (plan.by !== undefined) {
      // The case's segment: the values of its first (time, step), the smallest by code point; null when none has one.
      const values = list.filter((e) => e.time === start && e.step === whole[0].step && e.segment !== null).map((e) => e.segment!);
      const value = values.length === 0 ? null : values.reduce((a, b) => (compareCodePoints(a, b) <= 0 ? a : b));
      const segment = segments.get(value) ?? {
        value,
        cases: 0,
        converted: 0,
        fit: 0,
        steps: plan.stepIds.map(() => ({ reached: 0, endedHere: 0 })),
        toGoal: [],
      };
      segments.set(value, segment);
      segment.cases++;
      if (goalAt >= 0) {
        segment.converted++;
        segment.toGoal.push(Math.floor((elements[goalAt].time - start) / 1000));
      }
      if (inMap) segment.fit++;
      for (const step of new Set(path)) segment.steps[step].reached++;
      segment.steps[path[path.length - 1]].endedHere++;
    }
    const variant = variants.get(path.join(",")) ?? { path, count: 0 };
    variant.count++;
    variants.set(path.join(","), variant);
  }

  const joined = (path: number[]) => path.map((step) => plan.stepIds[step]).join(" ");
  return {
    events,
    period,
    cases,
    converted,
    fit,
    steps,
    measuredSteps: [...new Set(rows.flatMap((row) => (row.caseId === "" || row.time === null ? [] : [plan.activities.get(row.activity)])))]
      .filter((step): step is number => step !== undefined)
      .sort((a, b) => a - b),
    transitions: [...durations].map(([key, values]) => {
      const [from, to] = key.split(">").map(Number);
      values.sort((a, b) => a - b);
      return { from, to, count: values.length, medianSeconds: values[Math.floor((values.length - 1) / 2)], p90Seconds: nearestRank(values, 0.9) };
    }),
    timeToGoal:
      toGoal.length === 0
        ? null
        : {
            medianSeconds: [...toGoal].sort((a, b) => a - b)[Math.floor((toGoal.length - 1) / 2)],
            p90Seconds: nearestRank(
              [...toGoal].sort((a, b) => a - b),
              0.9,
            ),
          },
    ties,
    ...(plan.every !== undefined ? { startDays: [...startDays.values()] } : {}),
    ...(plan.by !== undefined
      ? {
          segments: [...segments.values()].map(({ toGoal: seconds, ...segment }): EngineSegment => ({
            ...segment,
            timeToGoal:
              seconds.length === 0
                ? null
                : {
                    medianSeconds: lowerMedianOf(seconds),
                    p90Seconds: nearestRank(
                      [...seconds].sort((a, b) => a - b),
                      0.9,
                    ),
                  },
          })),
        }
      : {}),
    variants: [...variants.values()]
      .sort(byCountThen((variant) => joined(variant.path)))
      .slice(0, plan.top)
      .map((variant) => ({ path: variant.path, cases: variant.count })),
    unmappedActivities: [...unmapped]
      .map(([activity, count]) => ({ activity, count }))
      .sort(byCountThen((item) => item.activity))
      .slice(0, plan.top),
    stepIdsSeen: [...seen].sort((a, b) => a - b),
  };
}

/** The nearest-rank percentile of sorted values: the smallest value with at least `p` of the values at or below it. */
function nearestRank(sorted: readonly number[], p: number): number {
  return sorted.find((_, i) => (i + 1) * 10 >= p * 10 * sorted.length)!;
}

/** The lower median: the value at position ceil(n / 2) of the sorted values. */
function lowerMedianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
}
