import { relative } from "node:path";
import { lineStartPath, visibleText } from "../../escape/terminal.js";
import { toPosix } from "../../util/paths.js";
import type { Severity } from "../../finding.js";
import { changedFigures, countChanges } from "../summary.js";
import type { DiffResult, Figure, FigureName, JourneyDiff } from "../types.js";
import type { DiffFormatContext } from "./index.js";

const FIGURE_TEXT = {
  path_to_goal: "path to goal",
  contacts: "contacts",
  handoffs: "handoffs",
  channels: "channels",
  emotion_low: "lowest emotion",
  emotion_avg: "average emotion",
  goal_reached: "customers reaching the goal",
} as const;

/**
 * The default, for people at a terminal: per journey its file and status, one line per change
 * (`line:col  severity  message  kind`; `was line:col` for a place in the base file), the impact
 * figures that moved, and a summary.
 */
export function formatDiffStylish(result: DiffResult, context: DiffFormatContext): string {
  const { color } = context;
  const path = (file: string) => toPosix(relative(context.cwd, file)) || file;
  const paint = (severity: Severity) => (severity === "error" ? color.red : severity === "warning" ? color.yellow : color.blue);
  const out: string[] = [];
  for (const journey of result.journeys) {
    if (journey.status === "unchanged") continue;
    const renamed = journey.baseFile ? `, renamed from ${visibleText(path(journey.baseFile))}` : "";
    out.push(`${color.bold(lineStartPath(path(journey.file)))}  ${visibleText(journey.id)} (${journey.status}${renamed})`);
    const width = Math.max(0, ...journey.changes.map((c) => location(c.side, c.line, c.column).length));
    for (const change of journey.changes) {
      const kind = change.rule ? `${change.kind} ${change.rule}` : change.kind;
      out.push(
        `  ${location(change.side, change.line, change.column).padEnd(width)}  ${paint(change.severity)(change.severity.padEnd(7))}  ${visibleText(change.message)}  ${color.dim(kind)}`,
      );
    }
    const figures = changedFigures(journey).map(([name, figure]) => figureText(journey, name, figure));
    if (figures.length > 0) out.push(`  ${color.dim("impact:")} ${figures.join("; ")}`);
    out.push("");
  }
  const counts = countChanges(result.journeys);
  const compared = `${result.journeys.length} journey file${result.journeys.length === 1 ? "" : "s"}`;
  if (counts.changes === 0)
    out.push(color.green(`✔ ${compared} compared (${visibleText(result.head.name)} against ${visibleText(result.base.name)}): no changes`));
  else {
    const parts = (["error", "warning", "info"] as const)
      .filter((s) => counts.bySeverity[s] > 0)
      .map((s) => `${counts.bySeverity[s]} ${s === "info" ? "info" : s + (counts.bySeverity[s] === 1 ? "" : "s")}`);
    const summary = `${counts.changes} change${counts.changes === 1 ? "" : "s"} (${parts.join(", ")}) in ${counts.journeysChanged} of ${compared} (${visibleText(result.head.name)} against ${visibleText(result.base.name)})`;
    out.push(counts.bySeverity.error > 0 ? color.red.bold(`✖ ${summary}`) : color.yellow.bold(`● ${summary}`));
  }
  return out.join("\n") + "\n";
}

/** Why a figure has no value on one side, said in words rather than a dash. */
const NO_VALUE: Record<FigureName, string> = {
  path_to_goal: "goal not reachable",
  contacts: "none",
  handoffs: "none",
  channels: "none",
  emotion_low: "no emotions",
  emotion_avg: "no emotions",
  goal_reached: "not measured",
};

/**
 * One figure that moved: `path to goal 5 -> 7`; a side without a value says why
 * (`customers reaching the goal: not measured before, 24 now`); an added or removed journey has
 * its one side only (`path to goal 6`, `path to goal was 6`).
 */
function figureText(journey: JourneyDiff, name: FigureName, { before, after }: Figure): string {
  const text = FIGURE_TEXT[name];
  if (!journey.base) return `${text} ${after ?? NO_VALUE[name]}`;
  if (!journey.head) return `${text} was ${before ?? NO_VALUE[name]}`;
  if (before !== null && after !== null) return `${text} ${before} -> ${after}`;
  // A side whose file has structural errors has no model, so no figures at all.
  const missing = (side: typeof journey.base) => (side.model ? NO_VALUE[name] : "not known (the file has errors)");
  return `${text}: ${before ?? missing(journey.base)} before, ${after ?? missing(journey.head)} now`;
}

function location(side: "base" | "head", line: number, column: number): string {
  return `${side === "base" ? "was " : ""}${line}:${column}`;
}
