import type { ChalkInstance } from "chalk";
import type { AnalysisResult } from "../types.js";

/** What the people-facing formatters know besides the result: names and goals from the journey. */
export interface AnalyzeFormatContext {
  color: ChalkInstance;
  /** Step id -> the step's name. */
  names: ReadonlyMap<string, string>;
  goals: ReadonlySet<string>;
  /** Steps of `type: end`: a path ending there is not lost. */
  ends: ReadonlySet<string>;
}

export type AnalyzeFormatter = (result: AnalysisResult, context: AnalyzeFormatContext) => string;

export interface FunnelRow {
  id: string;
  name: string;
  reached: number;
  /** reached / cases. */
  share: number;
  /** Cases whose path ended at this step; "goal" or "end" where ending there is arriving. */
  lost: number | "goal" | "end";
  /** The most frequent transition out of the step, with its median time. */
  next: { to: string; seconds: number } | undefined;
}

/** The funnel both the stylish and the Markdown formatter show, one row per step in file order. */
export function funnelRows(result: AnalysisResult, context: AnalyzeFormatContext): FunnelRow[] {
  const next = new Map<string, AnalysisResult["transitions"][number]>();
  // transitions are ordered by from, then to: the first with the highest count wins ties.
  for (const t of result.transitions) if ((next.get(t.from)?.count ?? -1) < t.count) next.set(t.from, t);
  return result.steps.map((step) => {
    const out = next.get(step.id);
    return {
      id: step.id,
      name: context.names.get(step.id) ?? step.id,
      reached: step.reached,
      share: result.cases === 0 ? 0 : step.reached / result.cases,
      lost: context.goals.has(step.id) ? "goal" : context.ends.has(step.id) ? "end" : step.ended_here,
      next: out && { to: out.to, seconds: out.median_seconds },
    };
  });
}

/** 0.8123 -> "81.2%" (display only; the JSON keeps the exact number). */
export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Whole seconds as the two largest units: "45s", "3m 20s", "2h 5m", "3d 4h". */
export function duration(seconds: number): string {
  const units: [string, number][] = [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${amount}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? "0s" : parts.filter((p, i) => i === 0 || !p.startsWith("0")).join(" ");
}

export const count = (n: number) => n.toLocaleString("en-US");
