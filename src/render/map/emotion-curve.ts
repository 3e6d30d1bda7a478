import { markup, type Html } from "../../escape/html.js";
import { shortestPaths, stronglyConnectedComponents, type FlowGraph } from "../../model/flow-graph.js";
import type { Step } from "../../model/types.js";
import type { Names } from "../../i18n/names.js";
import { COLUMN_WIDTH } from "./style.js";

const HEIGHT = 132;
/** Extra room below the lowest level for the arcs of loops, when the curve has any. */
const RETURN_ROOM = 22;
const TOP = 28; // room for the value written above a +2 point
const LEVEL_GAP = 20; // pixels between two emotion levels
/** A stroke passing closer than this to the centre of a point it does not join is bent around it. */
const CLEARANCE = 14;
/**
 * Strokes spanning more columns than this are drawn straight without looking for points in the
 * way: on a map that wide (a decision with thousands of branches) the search would take time
 * quadratic in the steps.
 */
const CLEARANCE_SPAN = 100;

/** Vertical position of an emotion -2..2. */
const yOf = (emotion: number) => TOP + (2 - emotion) * LEVEL_GAP;

/**
 * One stroke of the curve, between two steps with an emotion (indexes into `journey.steps`):
 * - `main`: consecutive points of the main path;
 * - `branch`: any other connection drawn forwards (a decision's other branches, another entry,
 *   a branch that rejoins);
 * - `return`: a connection back to a step earlier in the file that leads here again (a loop),
 *   drawn as an arc below the curve with an arrowhead.
 * `gap` when the map has no transition from `from` to `to` itself, only paths through steps
 * without an emotion (drawn dashed).
 */
export interface CurveSegment {
  from: number;
  to: number;
  kind: "main" | "branch" | "return";
  gap: boolean;
}

export interface CurveLayout {
  /** The main path, every step on it (with or without an emotion), from an entry. */
  mainPath: number[];
  segments: CurveSegment[];
  /** Steps with an emotion where a path stops: `type: end`, or no following step at all. */
  ends: number[];
}

/**
 * The main path: the shortest path (fewest steps) from the first entry, in `entry:` order, from
 * which a goal step can be reached, to the nearest goal step, and on from there by the shortest
 * way to a step where the flow stops (no following step), unless that way goes back over the
 * path; when no entry reaches a goal, the shortest path from the first entry to the step
 * farthest from it. Ties go to the step earlier in the file, so one file always draws the same
 * path. Empty for a journey without steps.
 */
export function mainPath(graph: FlowGraph): number[] {
  const unit = () => 1 as const;
  const backtrack = (cost: Map<number, number>, target: number) => {
    const path = [target];
    let node = target;
    while (cost.get(node)! > 1) {
      const before = cost.get(node)! - 1;
      node = graph.predecessors[node].filter((p) => cost.get(p) === before).reduce((a, b) => Math.min(a, b));
      path.push(node);
    }
    return path.reverse();
  };
  // After the goal, the way on to where the flow stops (thanks, a survey), unless it goes back over the path.
  const onwards = (path: number[]) => {
    const goal = path[path.length - 1];
    const stops = (i: number) => graph.successors[i].length === 0;
    if (stops(goal)) return path;
    const { cost, stoppedAt } = shortestPaths(graph, [goal], unit, { until: stops });
    if (stoppedAt === undefined) return path;
    const rest = backtrack(cost, stoppedAt).slice(1);
    const on = new Set(path);
    return rest.some((i) => on.has(i)) ? path : [...path, ...rest];
  };
  for (const entry of graph.entries) {
    if (graph.isGoal[entry]) return onwards([entry]);
    const { cost, stoppedAt } = shortestPaths(graph, [entry], unit, { until: (i) => graph.isGoal[i] });
    if (stoppedAt !== undefined) return onwards(backtrack(cost, stoppedAt));
  }
  if (graph.entries.length === 0) return [];
  const { cost } = shortestPaths(graph, [graph.entries[0]], unit);
  let farthest = graph.entries[0];
  for (const [step, c] of cost) if (c > cost.get(farthest)! || (c === cost.get(farthest)! && step < farthest)) farthest = step;
  return backtrack(cost, farthest);
}

/**
 * The strokes of the curve on the flow graph: a stroke joins two steps with an emotion when the
 * map leads from one to the other directly or only through steps without one, never otherwise
 * (file order plays no part). Each such pair is one segment, in order of `from` then `to`.
 */
export function curveLayout(steps: readonly Step[], graph: FlowGraph): CurveLayout {
  const felt = (i: number) => steps[i].emotion !== undefined;
  const path = mainPath(graph);
  const onPath = path.filter(felt);
  const mainPairs = new Set(onPath.slice(1).map((to, i) => `${onPath[i]} ${to}`));
  const { component } = stronglyConnectedComponents(graph);
  const segments: CurveSegment[] = [];
  for (let from = 0; from < steps.length; from++) {
    if (!felt(from)) continue;
    // The steps with an emotion reachable from `from` through steps without one.
    const targets = new Set<number>();
    const seen = new Set<number>();
    const stack = [...graph.successors[from]];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      if (felt(next)) targets.add(next);
      else stack.push(...graph.successors[next]);
    }
    const direct = new Set(graph.successors[from]);
    for (const to of [...targets].sort((a, b) => a - b)) {
      const kind = mainPairs.has(`${from} ${to}`) ? "main" : to <= from && component[to] === component[from] ? "return" : "branch";
      segments.push({ from, to, kind, gap: !direct.has(to) });
    }
  }
  const ends = steps.filter((s) => felt(s.index) && (s.type === "end" || graph.successors[s.index].length === 0)).map((s) => s.index);
  return { mainPath: path, segments, ends };
}

interface Point {
  step: Step;
  x: number;
  y: number;
  emotion: number;
}

/**
 * The emotion curve: one SVG across every step column, a point per step that records an emotion,
 * drawn over the middle of its column, and strokes that follow the flow (`curveLayout`): the
 * main path thick, other branches thin, dashed across steps without an emotion, loops as arcs
 * below with an arrowhead, and a bar after each point where a path ends. Every stroke carries
 * the ids of the steps it joins (`data-from`, `data-to`). Each point carries its value as text
 * (+1) and its meaning in a title, and the curve has a text equivalent (the main path, the
 * branches, the loops), so colour and line style are never the only clue. In a right-to-left
 * page the columns run from the right, and so does the curve.
 */
export function emotionCurve(steps: readonly Step[], graph: FlowGraph, names: Names): Html {
  const m = names.labels.map;
  const rtl = names.labels.dir === "rtl";
  const width = steps.length * COLUMN_WIDTH;
  const xOf = (column: number) => (rtl ? steps.length - 1 - column : column) * COLUMN_WIDTH + COLUMN_WIDTH / 2;
  const layout = curveLayout(steps, graph);
  const hasReturns = layout.segments.some((s) => s.kind === "return");
  const height = HEIGHT + (hasReturns ? RETURN_ROOM : 0);
  const points = new Map<number, Point>();
  for (const step of steps) if (step.emotion !== undefined) points.set(step.index, { step, x: xOf(step.index), y: yOf(step.emotion), emotion: step.emotion });
  const ends = new Set(layout.ends);

  const strokes = layout.segments.map((segment) => {
    const a = points.get(segment.from)!;
    const b = points.get(segment.to)!;
    const classes = `path ${segment.kind}${segment.gap ? " gap" : ""}`;
    const ids = { from: a.step.id, to: b.step.id };
    if (segment.kind === "return") {
      const { d, arrow } = returnArc(a, b, height);
      return markup`<g class="${classes}" data-from="${ids.from}" data-to="${ids.to}"><title>${m.curveReturn.replace("{from}", () => a.step.name).replace("{to}", () => b.step.name)}</title><path d="${d}"/>${arrow ? markup`<path class="arrow" d="${arrow}"/>` : ""}</g>`;
    }
    const [low, high] = [Math.min(segment.from, segment.to), Math.max(segment.from, segment.to)];
    const between: Point[] = [];
    if (high - low <= CLEARANCE_SPAN)
      for (let column = low + 1; column < high; column++) {
        const point = points.get(column);
        if (point) between.push(point);
      }
    return markup`<g class="${classes}" data-from="${ids.from}" data-to="${ids.to}"><path d="${forwardPath(a, b, between, height)}"/></g>`;
  });
  const levels = [2, 1, 0, -1, -2].map(
    (level) => markup`<line class="level${level === 0 ? " zero" : ""}" x1="0" x2="${width}" y1="${yOf(level)}" y2="${yOf(level)}"/>`,
  );
  const ending = (step: Step) => `(${m.curveEnds}${step.type === "end" && step.outcome ? `: ${names.labels.outcomes[step.outcome]}` : ""})`;
  const marks = [...points.values()].map(({ step, x, y, emotion }) => {
    const kind = emotion > 0 ? "pos" : emotion < 0 ? "neg" : "zero-point";
    const value = `${emotion > 0 ? "+" : ""}${emotion}`;
    const end = ends.has(step.index);
    const bar = rtl ? x - 13 : x + 13;
    return markup`<g class="point${end ? " end" : ""}" data-col="${step.index}" data-point="${step.id}" data-emotion="${emotion}"><title>${step.name}: ${names.emotion(emotion)}${end ? ` ${ending(step)}` : ""}</title>${end ? markup`<line class="end-bar${step.outcome === "abandoned" ? " abandoned" : ""}" x1="${bar}" x2="${bar}" y1="${y - 9}" y2="${y + 9}"/>` : ""}<circle class="${kind}" cx="${x}" cy="${y}" r="7"/><text x="${x}" y="${y - 12}" direction="ltr">${value}</text></g>`;
  });
  const described = describe(steps, layout, names, ending);
  const label = described ? `${m.emotionCurve}. ${described}` : m.emotionCurve;
  return markup`<svg class="curve" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${levels}${strokes}${marks}</svg>`;
}

/**
 * A forward stroke: straight, unless it would pass closer than `CLEARANCE` to a point it does not
 * join (which would read as joining it), then a curve bent up or down until it clears them.
 */
function forwardPath(a: Point, b: Point, between: readonly Point[], height: number): string {
  const straight = `M${a.x} ${a.y}L${b.x} ${b.y}`;
  if (between.length === 0) return straight;
  // A quadratic curve with its control point over the middle: x runs linearly with t.
  const clearance = (control: number) => {
    let least = Infinity;
    for (const p of between) {
      const t = (p.x - a.x) / (b.x - a.x);
      least = Math.min(least, Math.abs((1 - t) ** 2 * a.y + 2 * t * (1 - t) * control + t ** 2 * b.y - p.y));
    }
    return least;
  };
  const middle = (a.y + b.y) / 2;
  if (clearance(middle) >= CLEARANCE) return straight;
  let best = { control: middle, clearance: clearance(middle) };
  for (const offset of [-30, 30, -60, 60, -90, 90]) {
    const control = middle + offset;
    const top = (a.y + b.y) / 4 + control / 2; // the curve's height at t = 1/2
    if (top < 4 || top > height - 4) continue;
    const c = clearance(control);
    if (c >= CLEARANCE) return `M${a.x} ${a.y}Q${(a.x + b.x) / 2} ${control} ${b.x} ${b.y}`;
    if (c > best.clearance) best = { control, clearance: c };
  }
  return `M${a.x} ${a.y}Q${(a.x + b.x) / 2} ${best.control} ${b.x} ${b.y}`;
}

/** A loop: an arc from `a` down below the levels and up into `b`, with an arrowhead under `b`. */
function returnArc(a: Point, b: Point, height: number): { d: string; arrow?: string } {
  const bottom = height - 4;
  if (a === b) return { d: `M${a.x - 6} ${a.y + 6}C${a.x - 26} ${bottom}, ${a.x + 26} ${bottom}, ${a.x + 6} ${a.y + 6}` };
  const tip = b.y + 9;
  return {
    d: `M${a.x} ${a.y + 9}C${a.x} ${bottom}, ${b.x} ${bottom}, ${b.x} ${tip + 5}`,
    arrow: `M${b.x} ${tip}L${b.x - 4} ${tip + 7}L${b.x + 4} ${tip + 7}Z`,
  };
}

/**
 * The text equivalent: the main path step by step (steps without an emotion said so), then each
 * branch as a chain of points from where it leaves (a point already named) to where it rejoins
 * or stops, then the loops. A point's value is said where it is first named.
 */
function describe(steps: readonly Step[], layout: CurveLayout, names: Names, ending: (step: Step) => string): string {
  const m = names.labels.map;
  const arrow = names.labels.dir === "rtl" ? " ← " : " → ";
  const ends = new Set(layout.ends);
  const named = new Set<number>();
  const say = (index: number) => {
    const step = steps[index];
    if (named.has(index)) return step.name;
    named.add(index);
    if (step.emotion === undefined) return `${step.name}: ${m.noEmotion}`;
    return `${step.name}: ${names.emotion(step.emotion)}${ends.has(index) ? ` ${ending(step)}` : ""}`;
  };
  const parts: string[] = [];
  if (layout.mainPath.length > 0) parts.push(`${m.curveMainPath}: ${layout.mainPath.map(say).join(arrow)}`);

  const onMain = new Set(layout.mainPath);
  // The branches leaving each point, not yet described, in order.
  const leaving = new Map<number, { list: CurveSegment[]; next: number }>();
  for (const s of layout.segments) {
    if (s.kind !== "branch") continue;
    const entry = leaving.get(s.from);
    if (entry) entry.list.push(s);
    else leaving.set(s.from, { list: [s], next: 0 });
  }
  const used = new Set<CurveSegment>();
  const from = (index: number): CurveSegment[] => {
    const entry = leaving.get(index);
    if (!entry) return [];
    while (entry.next < entry.list.length && used.has(entry.list[entry.next])) entry.next++;
    return entry.list.slice(entry.next, entry.next + 1);
  };
  const starts = [...layout.mainPath, ...steps.map((s) => s.index).filter((i) => !onMain.has(i))];
  for (const start of starts) {
    if (steps[start].emotion === undefined) continue;
    let next: CurveSegment | undefined = from(start)[0];
    if (next === undefined && !named.has(start)) parts.push(`${m.curveBranch}: ${say(start)}`);
    while (next !== undefined) {
      const chain = [say(start)];
      while (next !== undefined) {
        used.add(next);
        const at: number = next.to;
        chain.push(say(at));
        next = onMain.has(at) ? undefined : from(at)[0];
      }
      parts.push(`${m.curveBranch}: ${chain.join(arrow)}`);
      next = from(start)[0];
    }
  }
  for (const loop of layout.segments.filter((s) => s.kind === "return"))
    parts.push(m.curveReturn.replace("{from}", () => steps[loop.from].name).replace("{to}", () => steps[loop.to].name));
  return parts.join(". ");
}
