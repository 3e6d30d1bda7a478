import { markup, type Html } from "../../escape/html.js";
import type { Step } from "../../model/types.js";
import type { Names } from "../names.js";
import { COLUMN_WIDTH } from "./style.js";

const HEIGHT = 132;
const TOP = 28; // room for the value written above a +2 point
const LEVEL_GAP = 20; // pixels between two emotion levels

/** Vertical position of an emotion -2..2. */
const yOf = (emotion: number) => TOP + (2 - emotion) * LEVEL_GAP;

/**
 * The emotion curve: one SVG across every step column, a point per step that records an
 * emotion, drawn over the middle of its column and joined to the next point (dashed across
 * steps without one). Each point carries its value as text (+1) and its meaning in a title, and
 * the whole curve has a text equivalent, so the colour of a point is never the only clue. In a
 * right-to-left page the columns run from the right, and so does the curve.
 */
export function emotionCurve(steps: readonly Step[], names: Names): Html {
  const rtl = names.labels.dir === "rtl";
  const width = steps.length * COLUMN_WIDTH;
  const xOf = (column: number) => (rtl ? steps.length - 1 - column : column) * COLUMN_WIDTH + COLUMN_WIDTH / 2;
  const points = steps.flatMap((step, column) =>
    step.emotion === undefined ? [] : [{ step, column, x: xOf(column), y: yOf(step.emotion), emotion: step.emotion }],
  );
  const segments = points.slice(1).map((point, i) => {
    const previous = points[i];
    const gap = point.column - previous.column > 1;
    return markup`<line class="path${gap ? " gap" : ""}" x1="${previous.x}" y1="${previous.y}" x2="${point.x}" y2="${point.y}"/>`;
  });
  const levels = [2, 1, 0, -1, -2].map(
    (level) => markup`<line class="level${level === 0 ? " zero" : ""}" x1="0" x2="${width}" y1="${yOf(level)}" y2="${yOf(level)}"/>`,
  );
  const described = steps.map((step) => `${step.name}: ${step.emotion === undefined ? names.labels.map.noEmotion : names.emotion(step.emotion)}`).join("; ");
  const marks = points.map(({ step, column, x, y, emotion }) => {
    const kind = emotion > 0 ? "pos" : emotion < 0 ? "neg" : "zero-point";
    const value = `${emotion > 0 ? "+" : ""}${emotion}`;
    return markup`<g class="point" data-col="${column}" data-emotion="${emotion}"><title>${step.name}: ${names.emotion(emotion)}</title><circle class="${kind}" cx="${x}" cy="${y}" r="7"/><text x="${x}" y="${y - 12}" direction="ltr">${value}</text></g>`;
  });
  return markup`<svg class="curve" role="img" aria-label="${names.labels.map.emotionCurve}: ${described}" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">${levels}${segments}${marks}</svg>`;
}
