import { createHash } from "node:crypto";
import { accessSync, constants, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { checkJourneyText } from "../check.js";
import type { ProjectConfig } from "../config/types.js";
import type { MeasuredSpec } from "../model/types.js";
import { describeIoError } from "../load/source.js";
import { parseYamlDocument } from "../load/yaml-document.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { AnalyzeError, type AnalysisResult } from "./types.js";

/**
 * `journey analyze --write`: records a measurement in the journey file by editing the source
 * text at the ranges of the nodes it changes. Re-stringifying the parsed document would reformat
 * flow lists and fold long lines, so everything outside the written keys stays byte for byte:
 * comments, key order, quoting, line endings and a byte order mark.
 */

/** `conversion` and `fitness` are kept to 4 decimals in the file (the JSON has them unrounded). */
export function measuredBlock(result: AnalysisResult): MeasuredSpec {
  if (result.period === null) throw new AnalyzeError("the log has no readable rows, so there is no measurement to write");
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { from: result.period.from, to: result.period.to, cases: result.cases, conversion: round(result.conversion), fitness: round(result.fitness) };
}

/** A measured step's figures (neither is null once the step is measured). */
interface MeasuredFigure {
  reached: number;
  ended_here: number;
}

/**
 * What `--write` records in `metrics:` of every measured step, in this order: the key and its
 * value from the step's figures in the result. A new key is one line here.
 */
const STEP_METRICS: readonly (readonly [string, (step: MeasuredFigure) => number])[] = [
  ["reached", (step) => step.reached],
  ["ended_here", (step) => step.ended_here],
];

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A key to set in a mapping: the value as data (to see whether it changed) and as YAML text. */
interface Entry {
  key: string;
  value: unknown;
  /** The value as YAML text on one line; it serves block mappings too unless `block` is given. */
  flow: string;
  /** The value as a nested block under a key indented by `indent` (starting with a line break). */
  block?: (indent: string, eol: string) => string;
}

/** The keys of `metrics` a measurement writes. */
const FIGURE_KEYS = STEP_METRICS.map(([key]) => key);

/**
 * Returns `text` with `metrics.reached` and `metrics.ended_here` of every step in `instrumented`
 * (the steps the log measures) set from `result.steps`, those keys removed from every other step
 * (a step this log does not measure has no figures of this measurement), and the journey-level
 * `measured:` set from the result. Applying it again with
 * the same result returns the text unchanged. Throws `AnalyzeError` when the file is not the
 * journey the result measures or cannot be edited (its YAML does not parse, or a value to change
 * is shared through an anchor).
 */
export function applyMeasurement(text: string, result: AnalysisResult, instrumented: ReadonlySet<string>): string {
  const doc = parseYamlDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0)
    throw new AnalyzeError(`the journey file does not parse as YAML (${doc.errors[0].message.split("\n")[0]}); fix it before writing a measurement`);
  const root = doc.contents;
  if (!isMap(root)) throw new AnalyzeError("the journey file is not a mapping of keys; fix it before writing a measurement");
  const journeyId = scalarValue(root, "id");
  if (journeyId !== result.journey) {
    throw new AnalyzeError(`the analysis is of journey \`${result.journey}\`, but the file is journey \`${String(journeyId)}\``);
  }

  const style = new Style(text, root);
  const edits: Edit[] = [];
  const figuresById = new Map(result.steps.map((s) => [s.id, s]));
  const unmeasured: [string, YAMLMap][] = [];
  for (const [id, step] of stepMaps(root)) {
    const metrics = step.get("metrics", true) as Node | undefined;
    if (!instrumented.has(id)) {
      unmeasured.push([id, step]);
      continue;
    }
    const figure = figuresById.get(id);
    if (figure?.reached === null || figure?.reached === undefined || figure.ended_here === null)
      throw new Error(`internal: step ${id} is measured but has no figures in the analysis result`);
    const measuredFigure: MeasuredFigure = { reached: figure.reached, ended_here: figure.ended_here };
    shared(metrics, `\`metrics\` of step \`${id}\``);
    const entries = STEP_METRICS.map(([key, value]): Entry => ({ key, value: value(measuredFigure), flow: String(value(measuredFigure)) }));
    const flow = `{ ${entries.map((e) => `${e.key}: ${e.flow}`).join(", ")} }`;
    if (metrics === undefined) {
      // New metrics go where the bundled examples keep them: before `next:`, else last.
      const nextIndex = step.items.findIndex((p) => keyOf(p) === "next");
      const after = nextIndex > 0 ? nextIndex - 1 : nextIndex === 0 ? -1 : step.items.length - 1;
      setKeys(style, step, [{ key: "metrics", value: undefined, flow }], edits, after);
    } else if (isMap(metrics)) {
      setKeys(style, metrics, entries, edits);
    } else {
      throw new AnalyzeError(`\`metrics\` of step \`${id}\` is not a mapping; write it as \`metrics: ${flow}\` or remove it`);
    }
  }

  // Steps this log does not measure: figures of an earlier measurement (or typed by hand) would be
  // read as this one's, so they go; other keys of `metrics` stay.
  for (const [id, step] of unmeasured) {
    const metrics = step.get("metrics", true) as Node | undefined;
    if (!isMap(metrics) || !FIGURE_KEYS.some((key) => metrics.has(key))) continue;
    shared(metrics, `\`metrics\` of step \`${id}\``);
    removeKeys(style, step, metrics, FIGURE_KEYS, edits);
  }

  const m = measuredBlock(result);
  const entries: Entry[] = (Object.keys(m) as (keyof MeasuredSpec)[]).map((key) => ({
    key,
    value: m[key],
    flow: typeof m[key] === "string" ? JSON.stringify(m[key]) : String(m[key]),
  }));
  const measured = root.get("measured", true) as Node | undefined;
  shared(measured, "`measured`");
  if (measured === undefined) {
    const flow = `{ ${entries.map((e) => `${e.key}: ${e.flow}`).join(", ")} }`;
    const block = (indent: string, eol: string) => entries.map((e) => `${eol}${indent}${style.unit}${e.key}: ${e.flow}`).join("");
    const goal = root.items.findIndex((p) => keyOf(p) === "goal");
    setKeys(style, root, [{ key: "measured", value: undefined, flow, block }], edits, goal >= 0 ? goal : root.items.length - 1);
  } else if (isMap(measured)) {
    setKeys(style, measured, entries, edits);
  } else {
    throw new AnalyzeError("`measured` in the journey file is not a mapping; remove it and write the measurement again");
  }

  return applyEdits(text, edits);
}

/**
 * The text with every edit applied, built once from the edits in order (each a range of the
 * original text, none overlapping), so the cost is the file's length plus the edits', however many.
 */
function applyEdits(text: string, edits: Edit[]): string {
  // Insertions at one offset: the one made last comes first (as applying them back to front did).
  const sorted = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.start - b.edit.start || b.order - a.order);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at) throw new Error(`internal: overlapping edits at offset ${edit.start}`);
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The SHA-256 of a file's bytes: `journey analyze --write` takes it before the analysis and compares it before writing. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads the journey file, applies the measurement, checks that the new text still passes the
 * structural pipeline, and replaces the file atomically, with its permissions and its byte order
 * mark. Refuses (`AnalyzeError`, nothing written) a file that changed since `analyzedHash` was
 * taken (edited during the analysis: the figures are of the old map), a read-only file, and a
 * file with other hard links (replacing it would leave them with the old content).
 */
export function writeMeasurement(path: string, result: AnalysisResult, instrumented: ReadonlySet<string>, config: ProjectConfig, analyzedHash?: string): void {
  let text: string;
  let target: string;
  let stat: Stats;
  let bytes: Buffer;
  try {
    // Through a symbolic link, the file it points to is the journey: edit that, keep the link.
    target = realpathSync(path);
    stat = statSync(target);
    bytes = readFileSync(target);
    // ignoreBOM: the mark stays in the text, so the file is written back with it.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new AnalyzeError(`cannot write the measurement to ${path}: ${error instanceof TypeError ? "the file is not valid UTF-8" : describeIoError(error)}`);
  }
  if (analyzedHash !== undefined && contentHash(bytes) !== analyzedHash)
    throw new AnalyzeError(`${path} changed while it was analysed, so the figures are of its old version; nothing was written. Run analyze --write again`);
  const mode = stat.mode & 0o7777;
  // Root may write any file; a file whose permissions let no one write it is read-only all the same.
  if ((mode & 0o222) === 0 || !writable(target))
    throw new AnalyzeError(`${path} is read-only; make it writable (chmod u+w) to record the measurement; nothing was written`);
  if (stat.nlink > 1)
    throw new AnalyzeError(
      `${path} has ${stat.nlink - 1} other hard link${stat.nlink === 2 ? "" : "s"}; the measurement is written by replacing the file, which would leave ${stat.nlink === 2 ? "that name" : "those names"} with the old content. Nothing was written: replace the hard links with symbolic links, or copy the figures from --format json`,
    );
  const updated = applyMeasurement(text, result, instrumented);
  if (updated === text) return;
  const checked = checkJourneyText(path, updated.replace(/^\uFEFF/, ""), config);
  const errors = checked.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const first = errors[0];
    throw new AnalyzeError(`the measured file would not validate (${path}:${first.line}:${first.column}: ${first.message}); nothing was written`);
  }
  writeFileAtomic(target, updated, { mode });
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** An anchored or aliased value is shared with another place: editing it would change both. */
function shared(node: Node | undefined, what: string): void {
  if (isAlias(node)) throw new AnalyzeError(`${what} is an alias (\`*${node.source}\`); write its value out so the measurement can be recorded`);
  if (node?.anchor)
    throw new AnalyzeError(
      `${what} has an anchor (\`&${node.anchor}\`) that other places may share; write those values out so the measurement can be recorded`,
    );
}

/** Steps of the document by id, in file order. */
function* stepMaps(root: YAMLMap): Generator<[string, YAMLMap]> {
  const stages = root.get("stages", true);
  if (!isSeq(stages)) return;
  for (const stage of stages.items) {
    if (!isMap(stage)) continue;
    const steps = stage.get("steps", true);
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const id = isMap(step) ? scalarValue(step, "id") : undefined;
      if (typeof id === "string") yield [id, step as YAMLMap];
    }
  }
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : undefined;
}

function scalarValue(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

/**
 * Sets `entries` in `map`: an existing scalar that already holds the value is left as written
 * (so its quoting survives and a second run changes nothing); another existing value is replaced
 * at its range; missing keys are inserted after the pair at index `after` (default: the last),
 * in the mapping's own style.
 */
function setKeys(style: Style, map: YAMLMap, entries: Entry[], edits: Edit[], after = map.items.length - 1): void {
  const missing: Entry[] = [];
  for (const entry of entries) {
    const pair = map.items.find((p) => keyOf(p) === entry.key);
    if (!pair) {
      missing.push(entry);
      continue;
    }
    const value = pair.value as Node | null;
    shared(value ?? undefined, `\`${entry.key}\``);
    if (isScalar(value) && value.value === entry.value) continue;
    if (value?.range) edits.push({ start: value.range[0], end: value.range[1], text: entry.flow });
    else {
      const end = (pair.key as Node).range![1];
      const colon = style.text.indexOf(":", end);
      edits.push({ start: colon + 1, end: colon + 1, text: ` ${entry.flow}` });
    }
  }
  if (missing.length === 0) return;

  if (map.flow) {
    if (map.items.length === 0) {
      edits.push({ start: map.range![0], end: map.range![1], text: `{ ${missing.map((e) => `${e.key}: ${e.flow}`).join(", ")} }` });
      return;
    }
    const text = missing.map((e) => `${e.key}: ${e.flow}`).join(", ");
    if (after < 0) edits.push({ start: nodeStart(map.items[0]), end: nodeStart(map.items[0]), text: `${text}, ` });
    else edits.push({ start: pairEnd(map.items[after]), end: pairEnd(map.items[after]), text: `, ${text}` });
    return;
  }

  const indent = " ".repeat(style.column(nodeStart(map.items[0])));
  const lines = missing.map((e) => `${indent}${e.key}:${e.block ? withSpace(e.block(indent, style.eol)) : ` ${e.flow}`}${style.eol}`).join("");
  if (after < 0) {
    // Before the first key, on its line (after a `- ` of a sequence item): the key moves down.
    const start = nodeStart(map.items[0]);
    edits.push({ start, end: start, text: lines.slice(indent.length) + indent });
    return;
  }
  const end = style.lineEnd(pairEnd(map.items[after]));
  edits.push({ start: end, end, text: end === style.text.length && !/\n$/.test(style.text) ? style.eol + lines.slice(0, -style.eol.length) : lines });
}

/**
 * Removes `keys` from `metrics` (a mapping under `step`), or the whole `metrics` pair when
 * nothing else would be left in it.
 */
function removeKeys(style: Style, step: YAMLMap, metrics: YAMLMap, keys: readonly string[], edits: Edit[]): void {
  const remaining = metrics.items.filter((p) => !keys.includes(keyOf(p) as string));
  if (remaining.length === 0) {
    removePair(
      style,
      step,
      step.items.find((p) => keyOf(p) === "metrics")!,
      edits,
    );
    return;
  }
  for (const pair of metrics.items) if (keys.includes(keyOf(pair) as string)) removePair(style, metrics, pair, edits);
}

/** Removes one pair of a mapping: in a flow mapping with its comma, in a block mapping its lines. */
function removePair(style: Style, map: YAMLMap, pair: Pair, edits: Edit[]): void {
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1] as Pair | undefined;
  if (map.flow) {
    if (next) edits.push({ start: nodeStart(pair), end: nodeStart(next), text: "" });
    else if (index > 0) edits.push({ start: pairEnd(map.items[index - 1]), end: pairEnd(pair), text: "" });
    else edits.push({ start: nodeStart(pair), end: pairEnd(pair), text: "" });
    return;
  }
  const start = nodeStart(pair);
  const lineStart = style.text.lastIndexOf("\n", start - 1) + 1;
  // A key after `- ` on its line: the next key takes its place on that line.
  if (/\S/.test(style.text.slice(lineStart, start).replace(/^\uFEFF/, ""))) {
    if (next) edits.push({ start, end: nodeStart(next), text: "" });
    return;
  }
  edits.push({ start: lineStart, end: style.lineEnd(pairEnd(pair)), text: "" });
}

/** A nested block starts on the next line; an inline value after one space. */
function withSpace(value: string): string {
  return value.startsWith("\n") || value.startsWith("\r\n") ? value : ` ${value}`;
}

function nodeStart(pair: Pair): number {
  return (pair.key as Node).range![0];
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return (value?.range ?? (pair.key as Node).range!)[1];
}

/** How the file is written: its line break, and the indentation step of nested mappings. */
class Style {
  readonly eol: string;
  readonly unit: string;

  constructor(
    readonly text: string,
    root: YAMLMap,
  ) {
    const firstBreak = text.indexOf("\n");
    this.eol = firstBreak > 0 && text[firstBreak - 1] === "\r" ? "\r\n" : "\n";
    this.unit = " ".repeat(this.indentStep(root) ?? 2);
  }

  /** Column (0-based) of an offset; a byte order mark at the start of the file takes none. */
  column(offset: number): number {
    const lineStart = this.text.lastIndexOf("\n", offset - 1) + 1;
    return offset - lineStart - (lineStart === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0);
  }

  /** The offset after the line break that ends the line holding `offset - 1` (past a trailing comment). */
  lineEnd(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === "\n") return offset;
    const found = this.text.indexOf("\n", offset);
    return found < 0 ? this.text.length : found + 1;
  }

  /** The smallest indentation of a block mapping nested in a block mapping, as the file writes it. */
  private indentStep(map: YAMLMap): number | undefined {
    let step: number | undefined;
    const visit = (node: unknown, parentColumn: number | undefined) => {
      if (isSeq(node)) for (const item of node.items) visit(item, undefined);
      if (!isMap(node) || node.items.length === 0) return;
      const column = node.flow ? undefined : this.column(nodeStart(node.items[0]));
      if (column !== undefined && parentColumn !== undefined && column > parentColumn) step = Math.min(step ?? Infinity, column - parentColumn);
      for (const pair of node.items) visit(pair.value, column);
    };
    visit(map, undefined);
    return step;
  }
}
