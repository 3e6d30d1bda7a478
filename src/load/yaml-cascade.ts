import { yamlLib } from "./yaml-lib.js";
import { parseYamlDocument } from "./yaml-document.js";
import type { FindingSuggestion, TextEdit } from "../finding.js";
import { explainYamlLine } from "./yaml-hints.js";

/**
 * One mistake, one message. The `yaml` parser reports what a mistake does to the lines after it:
 * one key indented two columns too far gives "nested mappings are not allowed in compact
 * mappings" and "implicit keys need to be on a single line" on the line above it, one tab six
 * errors, an unclosed `[` ten. This module finds the line the user must change (the misindented
 * line, the tab, the opening quote or bracket, the stray closing bracket), says what to do there
 * with the columns of the lines around it, and names the parser's errors that this cause
 * explains, so that they are dropped. Errors elsewhere in the file are left for the next cause.
 */
export interface YamlCause {
  messageId: string;
  message: string;
  /** Offsets of the place to change. */
  start: number;
  end: number;
  /** The safe fix, checked by parsing the fixed text: the lines it explains parse after it. */
  fix?: TextEdit;
  suggestions?: FindingSuggestion[];
}

/** One line as the block structure sees it. */
interface Line {
  /** 0-based line number and offset of its first character. */
  index: number;
  start: number;
  text: string;
  /** Leading whitespace characters (a tab counts one). */
  indent: number;
  /** A tab among the leading whitespace. */
  tab: boolean;
  /**
   * `key`: `key:` or `key: value`; `item`: `- ...`; `inner`: inside a block scalar, a quoted
   * value or a flow collection begun on a line above; `other`: the rest (a plain value going on).
   */
  kind: "blank" | "comment" | "key" | "item" | "inner" | "other";
  /** Where the key starts (after `- ` for an item holding a key), -1 when there is none. */
  keyColumn: number;
  key?: string;
  /** Nothing after `key:` or `-` but a comment, anchor or tag: the next lines may be deeper. */
  opens: boolean;
}

interface Level {
  column: number;
  kind: "map" | "seq";
  line: Line;
}

const KEY = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'[\]{},&*!|>%@`?-][^#]*?|-[^\s#][^#]*?))\s*:(?:\s+(.*?))?\s*$/;
const ITEM = /^-( +|$)(.*)$/;
const BLOCK_SCALAR = /^[|>][-+1-9]{0,2}\s*(?:#.*)?$/;
/** What may stand after `key:` with the value on the lines below: nothing, a comment, an anchor or a tag. */
const OPENER = /^(?:(?:&\S+|!\S*)\s*)*(?:#.*)?$/;

/** The codes of the errors an indentation mistake makes on its own line and the lines around it. */
const INDENT_CODES = new Set(["BLOCK_AS_IMPLICIT_KEY", "MULTILINE_IMPLICIT_KEY", "BAD_INDENT", "MISSING_CHAR", "UNEXPECTED_TOKEN"]);
/** Fixes are checked by parsing the fixed text: at most this many parses per file, then messages only. */
const MAX_FIX_CHECKS = 6;
/** Errors looked into for a cause; past this (a file of garbage) the rest get the parser's words. */
const MAX_LOOKUPS = 50;
/** Mistakes read one after another in the text fixed so far (see `groupYamlErrors`). */
const MAX_DEPTH = 4;

/** What the parser reports: a `YAMLError`, or one moved back from a fixed text. */
export interface YamlProblem {
  code: string;
  message: string;
  pos: [number, number];
}

export interface Cascade {
  causes: YamlCause[];
  /** The errors no cause explains, for the per-line hints and the parser's own words. */
  unexplained: YamlProblem[];
}

/**
 * Groups the parser's errors by cause. A line-local hint of `yaml-hints.ts` (`key:value`,
 * `-item`, `: ` in a value) reads as misindentation too: on its line, its own message is the
 * right one, so the error is left unexplained here for it.
 *
 * Mistakes close together change what the parser makes of each other (a tab and an unclosed
 * `[` two lines below it give ten errors that are neither's alone): when the first mistake has a
 * fix, the rest of the file is read as it is once that fix is applied, as `--fix` will read it.
 */
export function groupYamlErrors(text: string, errors: readonly YamlProblem[], depth = 0, budget = { parses: MAX_FIX_CHECKS }): Cascade {
  // Nesting too deep for the parser: nothing to group, and the text is not worth reading line by line.
  if (errors.some((e) => e.code === "RESOURCE_EXHAUSTION")) return { causes: [], unexplained: [...errors] };
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const lines = text.split(/\r\n|\r|\n/);
  const analysis = new Analysis(text, errors.length, (line) => explainYamlLine(lines, line) !== undefined, budget);
  const causes: YamlCause[] = [];
  const unexplained: YamlProblem[] = [];
  const found: Found[] = [];
  let lookups = 0;
  for (const error of sorted) {
    const line = analysis.lineAt(error.pos[0]);
    if (found.some((f) => explains(f, line, error.code))) continue;
    const cause = lookups++ < MAX_LOOKUPS ? analysis.cause(error) : undefined;
    if (!cause) {
      unexplained.push(error);
      continue;
    }
    causes.push(cause.cause);
    found.push({ ...cause, from: Math.min(cause.from, line) });
    const fixed = cause.fixed;
    if (causes.length === 1 && unexplained.length === 0 && fixed && fixed.errors.length > 0 && depth < MAX_DEPTH) {
      const rest = groupYamlErrors(fixed.text, fixed.errors, depth + 1, budget);
      const edit = cause.cause.fix!;
      return {
        causes: [cause.cause, ...rest.causes.map((c) => movedBack(c, edit))],
        unexplained: rest.unexplained.map((e) => ({ code: e.code, message: e.message, pos: [back(e.pos[0], edit), back(e.pos[1], edit)] })),
      };
    }
  }
  return { causes, unexplained };
}

/** An offset of the text with `edit` applied, in the text before it (inside the edit: its start). */
function back(offset: number, edit: TextEdit): number {
  const [start, end] = edit.range;
  if (offset <= start) return offset;
  if (offset >= start + edit.text.length) return offset - edit.text.length + (end - start);
  return start;
}

function movedBack(cause: YamlCause, edit: TextEdit): YamlCause {
  const range = (r: [number, number]): [number, number] => [back(r[0], edit), back(r[1], edit)];
  return {
    ...cause,
    start: back(cause.start, edit),
    end: back(cause.end, edit),
    ...(cause.fix && { fix: { ...cause.fix, range: range(cause.fix.range) } }),
    ...(cause.suggestions && { suggestions: cause.suggestions.map((s) => ({ ...s, fix: { ...s.fix, range: range(s.fix.range) } })) }),
  };
}

interface Found {
  cause: YamlCause;
  /** The lines (0-based, inclusive) whose errors the cause explains, when there is no fix to tell. */
  from: number;
  to: number;
  /**
   * With a fix: the errors (`line:code`) the fixed text still has. The cause explains the errors
   * from its first line on that the fix makes go away, and no others: a mistake further down
   * keeps its own finding.
   */
  remaining?: ReadonlySet<string>;
  /** With a fix: the fixed text and its errors, where the next mistakes are read. */
  fixed?: { text: string; errors: YamlProblem[] };
}

function explains(found: Found, line: number, code: string): boolean {
  if (line < found.from) return false;
  return found.remaining ? !found.remaining.has(`${line}:${code}`) : line <= found.to;
}

class Analysis {
  readonly lines: Line[];
  readonly indentWidth: number;
  private tokens?: { offset: number; type: string | undefined; source: string }[];
  /** The text and errors of the last fix `fixedErrors` accepted. */
  lastFixed?: { text: string; errors: YamlProblem[] };

  constructor(
    readonly text: string,
    private readonly errorCount: number,
    private readonly lineLocalHint: (line: number) => boolean,
    /** Parses left for checking fixes, shared with the readings of the fixed text. */
    private readonly budget: { parses: number },
  ) {
    this.lines = classify(text);
    this.indentWidth = indentWidth(this.lines);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lines[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  cause(error: YamlProblem): Found | undefined {
    this.lastFixed = undefined;
    const found = this.findCause(error);
    return found?.remaining && this.lastFixed ? { ...found, fixed: this.lastFixed } : found;
  }

  private findCause(error: YamlProblem): Found | undefined {
    const offset = error.pos[0];
    if (error.code === "TAB_AS_INDENT") return this.tab(offset);
    if (error.code === "MISSING_CHAR" && /closing ["']quote/.test(error.message)) return this.unclosedQuote(offset);
    if (/^Flow (?:sequence|map) (?:in block collection|must end)/.test(error.message)) return this.unclosedFlow(offset);
    if (error.code === "UNEXPECTED_TOKEN" && /flow-(?:seq|map)-end/.test(error.message)) return this.strayCloser(offset);
    // `key:value`, `-item` and `: ` in a value read as misindentation too: their own hint is the right message.
    const line = this.lineAt(offset);
    if (INDENT_CODES.has(error.code) && !this.lineLocalHint(line + 1)) return this.misindented(line);
    return undefined;
  }

  // --- indentation -------------------------------------------------------------------------

  /**
   * The first line at or just after `errorLine` that no open mapping or list can hold, and the
   * column it belongs at: among the columns of the mappings (lists, for an item) open above it,
   * the nearest with which the line after it fits too; else the line above it was the one
   * moved (a key dedented out of its step, found when its sibling below no longer fits).
   */
  private misindented(errorLine: number): Found | undefined {
    const candidates = [errorLine, this.nextStructural(errorLine)].filter((i): i is number => i !== undefined);
    for (const index of candidates) {
      const line = this.lines[index];
      if (!isStructural(line) || this.fits(index, new Map())) continue;
      const move = this.placeLine(index) ?? this.placePrevious(index);
      if (!move) return undefined;
      const target = this.lines[move.index];
      const from = Math.min(errorLine, move.index);
      const to = this.regionEnd(Math.max(index, move.index), Math.min(target.indent, move.column));
      const fix = this.reindent(move.index, move.column);
      // Past the budget of parses (a file of many mistakes) the reading stands without its proof, and without a fix.
      const unchecked = this.budget.parses <= 0;
      const remaining = fix && !unchecked ? this.fixedErrors(fix, from, Math.max(index, move.index)) : undefined;
      if (!remaining && !unchecked) return undefined;
      const what = target.kind === "item" ? "this list item" : `\`${target.key}:\``;
      const like = this.describeLevel(move.level, move.index);
      const message =
        target.kind !== "item"
          ? `${what} starts at column ${target.indent + 1}, the keys beside it at column ${move.column + 1}: indent \`${target.key}:\` to column ${move.column + 1}, ${like}`
          : like.startsWith("the item")
            ? `this list item starts at column ${target.indent + 1}, ${like}: the items of one list start at the same column; indent it to column ${move.column + 1}`
            : `this list item starts at column ${target.indent + 1}: indent it to column ${move.column + 1}, ${like}`;
      const at = target.start + target.indent;
      return {
        cause: {
          messageId: target.kind === "item" ? "list-item-indent" : "key-indent",
          message,
          start: at,
          end: at + (target.kind === "item" ? 1 : (target.key?.length ?? 0) + 1),
          ...(remaining && fix ? { fix } : {}),
        },
        from,
        to,
        ...(remaining ? { remaining } : {}),
      };
    }
    return undefined;
  }

  /** The column of an open level the line fits at, with the line after it, nearest first. */
  private placeLine(index: number): { index: number; column: number; level: Level } | undefined {
    const line = this.lines[index];
    const context = this.context(index, new Map());
    const kind = line.kind === "item" ? "seq" : "map";
    const levels = context.levels.filter((l) => l.kind === kind);
    const nearest = uniqueBy(levels, (l) => l.column)
      .filter((l) => l.column !== line.indent)
      .sort((a, b) => Math.abs(a.column - line.indent) - Math.abs(b.column - line.indent) || b.column - a.column);
    // Under `key:` with nothing after it, the line is its first child: indented one step further, first.
    const opener = context.opener;
    const child: Level[] = opener
      ? [{ column: (opener.kind === "item" && opener.key === undefined ? opener.indent : opener.keyColumn) + this.indentWidth, kind, line: opener }]
      : [];
    const ordered = [...child, ...nearest];
    for (const level of ordered) {
      const moved = new Map([[index, level.column]]);
      if (this.fits(index, moved) && this.nextFits(index, moved)) return { index, column: level.column, level };
    }
    return undefined;
  }

  /** The line above, moved to this line's column, when that makes both fit (the line above was the one dedented). */
  private placePrevious(index: number): { index: number; column: number; level: Level } | undefined {
    const line = this.lines[index];
    const previous = this.previousStructural(index);
    if (previous === undefined || this.lines[previous].kind !== line.kind || this.lines[previous].indent >= line.indent) return undefined;
    const moved = new Map([[previous, line.indent]]);
    if (!this.fits(previous, moved) || !this.fits(index, moved) || !this.nextFits(index, moved)) return undefined;
    const level = this.context(previous, moved).levels.find((l) => l.column === line.indent && l.kind === (line.kind === "item" ? "seq" : "map"));
    return level ? { index: previous, column: line.indent, level } : undefined;
  }

  /**
   * Where the column comes from: "like `type:` above it", "like `steps:` on line 8", "under
   * `steps:` above it" (the first line of a block), "the item before it (line 10) at column 7".
   */
  private describeLevel(level: Level, index: number): string {
    const line = level.line;
    const where = this.previousStructural(index) === line.index ? "above it" : `on line ${line.index + 1}`;
    const own =
      level.kind === "seq" ? line.kind === "item" && level.column === line.indent : level.column === (line.kind === "item" ? line.keyColumn : line.indent);
    if (!own) return `under \`${line.key ?? "-"}${line.key === undefined ? "" : ":"}\` ${where}`;
    if (level.kind === "seq") return `the item before it (line ${line.index + 1}) at column ${level.column + 1}`;
    return `like \`${line.key ?? ""}:\` ${where}`;
  }

  /** Whether the line fits the lists and mappings open above it, with `moved` lines at new columns. */
  private fits(index: number, moved: ReadonlyMap<number, number>): boolean {
    const line = this.lines[index];
    const indent = moved.get(index) ?? line.indent;
    const context = this.context(index, moved);
    if (!context.previous) return true;
    if (context.opener) {
      const opener = context.opener;
      const openerIndent = moved.get(opener.index) ?? opener.indent;
      const childColumn = opener.kind === "item" && opener.key === undefined ? openerIndent : opener.keyColumn + (openerIndent - opener.indent);
      if (line.kind === "key" && indent > childColumn) return true;
      if (line.kind === "item" && (opener.kind === "key" ? indent >= childColumn : indent > childColumn)) return true;
    }
    const kind = line.kind === "item" ? "seq" : "map";
    return context.levels.some((l) => l.kind === kind && l.column === indent);
  }

  /** Whether the structural line after `index` (and after its block, when it holds one) fits. */
  private nextFits(index: number, moved: ReadonlyMap<number, number>, carryBlock = true): boolean {
    const line = this.lines[index];
    let next = this.nextStructural(index, moved);
    if (carryBlock && this.carries(index))
      while (next !== undefined && this.lines[next].indent > line.indent) {
        // A child moves with the line: it fits if its parent does.
        moved = new Map([...moved, [next, this.lines[next].indent + (moved.get(index) ?? line.indent) - line.indent]]);
        next = this.nextStructural(next, moved);
      }
    return next === undefined || this.lines[next].tab || this.fits(next, moved);
  }

  /**
   * The lists and mappings open at a line: the previous structural line's and its ancestors',
   * and the previous line when it opens a block (`key:` or `-` with the value below).
   */
  private context(index: number, moved: ReadonlyMap<number, number>): { previous?: Line; opener?: Line; levels: Level[] } {
    const previousIndex = this.previousStructural(index, moved);
    if (previousIndex === undefined) return { levels: [] };
    const previous = this.lines[previousIndex];
    const levels: Level[] = [];
    const add = (line: Line) => {
      const indent = moved.get(line.index) ?? line.indent;
      if (line.kind === "key") levels.push({ column: indent, kind: "map", line });
      else {
        levels.push({ column: indent, kind: "seq", line });
        if (line.key !== undefined) levels.push({ column: line.keyColumn + indent - line.indent, kind: "map", line });
      }
    };
    add(previous);
    let threshold = moved.get(previousIndex) ?? previous.indent;
    for (let i = previousIndex - 1; i >= 0 && threshold > 0; i--) {
      const line = this.lines[i];
      if (!this.structural(i, moved)) continue;
      const indent = moved.get(i) ?? line.indent;
      if (indent >= threshold) continue;
      add(line);
      threshold = indent;
    }
    return { previous, ...(previous.opens ? { opener: previous } : {}), levels };
  }

  /**
   * Whether the lines below move with the line: a key's value below it always does; an item's
   * keys only when they line up with its first key (`- id: a` then `name:` under `id`), else
   * they belong where they are and only the item's line moves.
   */
  private carries(index: number): boolean {
    const line = this.lines[index];
    if (!holdsBlock(line)) return false;
    if (line.opens || line.key === undefined) return true;
    const next = this.nextStructural(index);
    return next === undefined || this.lines[next].indent <= line.indent || this.lines[next].indent === line.keyColumn;
  }

  /** A key or list item without a tab; a line given a new column in `moved` counts as one (a tab read as spaces). */
  private structural(index: number, moved?: ReadonlyMap<number, number>): boolean {
    const line = this.lines[index];
    return moved?.has(index) ? line.kind === "key" || line.kind === "item" : isStructural(line);
  }

  private previousStructural(index: number, moved?: ReadonlyMap<number, number>): number | undefined {
    for (let i = index - 1; i >= 0; i--) if (this.structural(i, moved)) return i;
    return undefined;
  }

  private nextStructural(index: number, moved?: ReadonlyMap<number, number>): number | undefined {
    for (let i = index + 1; i < this.lines.length; i++) if (this.structural(i, moved)) return i;
    return undefined;
  }

  /** The last line (0-based) before the first structural line after `index` at `indent` or less. */
  private regionEnd(index: number, indent: number): number {
    for (let i = index + 1; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (isStructural(line) && line.indent <= indent) return i - 1;
    }
    return this.lines.length - 1;
  }

  /** The edit moving a line to `column`, with the lines of the block it holds. */
  private reindent(index: number, column: number): TextEdit | undefined {
    const line = this.lines[index];
    let last = index;
    if (this.carries(index))
      for (let i = index + 1; i < this.lines.length; i++) {
        const next = this.lines[i];
        if (next.kind === "blank") continue;
        if (isStructural(next) && next.indent <= line.indent) break;
        if (next.kind !== "inner" && next.kind !== "comment" && !isStructural(next) && next.indent <= line.indent) break;
        last = i;
      }
    const delta = column - line.indent;
    const parts: string[] = [];
    for (let i = index; i <= last; i++) {
      const text = this.lines[i].text;
      if (text.trim() === "") parts.push(text);
      else if (delta >= 0) parts.push(" ".repeat(delta) + text);
      else if (/^ *$/.test(text.slice(0, -delta))) parts.push(text.slice(-delta));
      else return undefined;
    }
    const end = this.lines[last].start + this.lines[last].text.length;
    // The lines keep their own line breaks: only the text between them is replaced.
    const original = this.text.slice(line.start, end);
    const breaks = original.match(/\r\n|\r|\n/g) ?? [];
    return { range: [line.start, end], text: parts.map((part, i) => part + (breaks[i] ?? "")).join("") };
  }

  /**
   * The errors (`line:code`, 0-based lines: fixes never add or remove one) of the text with
   * `edit` applied, when the edit is a fix: no error is left on lines `from` to `to` (the
   * cause's line and the lines the parser blamed for it) and fewer errors in all. Undefined
   * when the edit fixes nothing there, or the budget of parses is spent.
   */
  private fixedErrors(edit: TextEdit, from: number, to: number): Set<string> | undefined {
    if (this.budget.parses-- <= 0) return undefined;
    const fixed = this.text.slice(0, edit.range[0]) + edit.text + this.text.slice(edit.range[1]);
    const lineCounter = new (yamlLib().LineCounter)();
    const doc = parseYamlDocument(fixed, { lineCounter });
    const remaining = new Set<string>();
    for (const error of doc.errors) {
      const line = lineCounter.linePos(error.pos[0]).line - 1;
      if (line >= from && line <= to) return undefined;
      remaining.add(`${line}:${error.code}`);
    }
    if (doc.errors.length >= this.errorCount) return undefined;
    this.lastFixed = { text: fixed, errors: doc.errors };
    return remaining;
  }

  // --- tabs --------------------------------------------------------------------------------

  /**
   * A tab in indentation: one finding for the line, with the column to indent it to when exactly
   * one reading of the tab (2, 4 or 8 columns, or the file's indent width) fits the lines around.
   */
  private tab(offset: number): Found {
    const index = this.lineAt(offset);
    const line = this.lines[index];
    const lead = /^[ \t]*/.exec(line.text)![0];
    const content = line.text.slice(lead.length);
    if (offset >= line.start + lead.length) {
      // After `-`: `-<tab>id: x`.
      const at = offset;
      const fix: TextEdit = { range: [at, at + 1], text: " " };
      const dash = line.text.slice(lead.length, at - line.start).trim();
      const remaining = this.fixedErrors(fix, index, index);
      return {
        cause: {
          messageId: "TAB_AS_INDENT",
          message: `tab after \`${dash || "-"}\`: YAML indents with spaces only; put a space there instead of the tab`,
          start: at,
          end: at + 1,
          ...(remaining ? { fix } : {}),
        },
        from: index,
        to: this.regionEnd(index, line.indent),
        ...(remaining ? { remaining } : {}),
      };
    }
    const kind = /^-(\s|$)/.test(content) ? "item" : "key";
    const fitting = (columns: Iterable<number>) => {
      const found: { column: number; level?: Level }[] = [];
      for (const column of new Set(columns)) {
        const moved = new Map([[index, column]]);
        // Only the tab is replaced: the lines below keep their columns.
        if (!this.fits(index, moved) || !this.nextFits(index, moved, false)) continue;
        const level = this.context(index, moved).levels.find((l) => l.kind === (kind === "item" ? "seq" : "map") && l.column === column);
        found.push({ column, level });
      }
      return found;
    };
    // The tab read as 2, 4 or 8 columns or the file's indent width, when a reading that fits is
    // where the line above says the line goes (beside it, or under it when it opens a block);
    // with no reading fitting, the one open list or mapping the line can join. A reading that
    // fits elsewhere only (a tab read as a new stage among steps) is the user's choice.
    const context = this.context(index, new Map());
    const levelKind = kind === "item" ? "seq" : "map";
    const opener = context.opener;
    const beside = opener
      ? (opener.kind === "item" && opener.key === undefined ? opener.indent : opener.keyColumn) + this.indentWidth
      : context.levels.find((l) => l.kind === levelKind)?.column;
    const readings = fitting([this.indentWidth, 2, 4, 8].map((width) => expandTabs(lead, width)));
    const levels = fitting(context.levels.filter((l) => l.kind === levelKind).map((l) => l.column));
    const only = readings.find((r) => r.column === beside) ?? (readings.length === 0 && levels.length === 1 ? levels[0] : undefined);
    // The parser reads the lines after a tab as part of the tab's line, up to the next line left of it.
    const to = this.regionEnd(index, line.indent);
    const fix: TextEdit | undefined = only ? { range: [line.start, line.start + lead.length], text: " ".repeat(only.column) } : undefined;
    const remaining = fix && this.fixedErrors(fix, index, index);
    const checked = remaining ? fix : undefined;
    const name = kind === "item" ? "this list item" : `\`${line.key ?? content.split(":")[0]}:\``;
    const like = only?.level && checked && kind === "key" ? ` ${this.describeLevel(only.level, index)}` : "";
    const base = "tab used for indentation: YAML indents with spaces only";
    return {
      cause: {
        messageId: "TAB_AS_INDENT",
        message:
          checked && only
            ? `${base}; indent ${name} with ${only.column} spaces instead, to column ${only.column + 1}${like}`
            : `${base}; replace the tabs at the start of this line with spaces`,
        start: line.start,
        end: line.start + lead.length,
        ...(checked ? { fix: checked } : {}),
      },
      from: index,
      to,
      ...(remaining ? { remaining } : {}),
    };
  }

  // --- quotes and brackets -----------------------------------------------------------------

  /** The lexer's tokens with their offsets in the text (the lexer's markers take no room). */
  private lex(): { offset: number; type: string | undefined; source: string }[] {
    if (this.tokens) return this.tokens;
    const tokens: { offset: number; type: string | undefined; source: string }[] = [];
    let offset = 0;
    const { Lexer, CST } = yamlLib();
    for (const source of new Lexer().lex(this.text)) {
      const type = CST.tokenType(source);
      const marker = source === CST.SCALAR || source === CST.FLOW_END || source === CST.DOCUMENT;
      tokens.push({ offset, type: type ?? undefined, source });
      if (!marker) offset += source.length;
    }
    this.tokens = tokens;
    return tokens;
  }

  /** The quote that opens the value the parser ran out of text in: at the quote, everything after it explained. */
  private unclosedQuote(offset: number): Found | undefined {
    const quote = this.lex()
      .filter((t) => (t.type === "double-quoted-scalar" || t.type === "single-quoted-scalar") && t.offset < offset)
      .pop();
    if (!quote) return undefined;
    const index = this.lineAt(quote.offset);
    const line = this.lines[index];
    const mark = quote.source[0];
    const lineEnd = line.start + line.text.trimEnd().length;
    return {
      cause: {
        messageId: "unclosed-quote",
        message: `the ${mark === '"' ? "double" : "single"} quote opened on line ${index + 1} (\`${line.text.trim()}\`) is never closed: close it with \`${mark}\` where the value ends`,
        start: quote.offset,
        end: lineEnd,
        // Where the value ends is the user's choice: a quoted value may go on over lines.
        suggestions: [{ desc: `close the quote at the end of line ${index + 1}`, fix: { range: [lineEnd, lineEnd], text: mark } }],
      },
      from: index,
      to: this.lines.length - 1,
    };
  }

  /**
   * A flow collection cut by a line that is not indented into it. When the line before ends
   * with `,` (or an opening bracket or `:`), the collection was meant to go on: that line is
   * under-indented. Otherwise the bracket was never closed: the finding is at the bracket.
   */
  private unclosedFlow(offset: number): Found | undefined {
    const open: { offset: number; char: string }[] = [];
    for (const token of this.lex()) {
      if (token.offset > offset || (token.offset === offset && token.type !== "flow-error-end")) break;
      if (token.type === "flow-map-start" || token.type === "flow-seq-start") open.push({ offset: token.offset, char: token.source });
      else if (token.type === "flow-map-end" || token.type === "flow-seq-end") open.pop();
      else if (token.type === "flow-error-end" && token.offset === offset) break;
    }
    const opener = open[open.length - 1];
    if (!opener) return undefined;
    const openerLine = this.lines[this.lineAt(opener.offset)];
    const errorIndex = this.lineAt(offset);
    let lastContent = Math.max(openerLine.index, errorIndex - 1);
    while (lastContent > openerLine.index && ["blank", "comment"].includes(this.lines[lastContent].kind)) lastContent--;
    const before = stripComment(this.lines[lastContent].text).trimEnd();
    const closer = opener.char === "[" ? "]" : "}";
    const noun = opener.char === "[" ? "list" : "map";
    if (/[,[{:]$/.test(before) && errorIndex > openerLine.index && this.lines[errorIndex].text.trim() !== "") {
      const line = this.lines[errorIndex];
      const column = openerLine.indent + this.indentWidth;
      const closes = this.closingLine(errorIndex, open.length);
      let fix: TextEdit | undefined;
      if (closes !== undefined) {
        const edits = [];
        for (let i = errorIndex; i <= closes; i++) {
          const text = this.lines[i].text;
          const lead = /^ */.exec(text)![0].length;
          edits.push(text.trim() === "" ? text : " ".repeat(Math.max(column, lead)) + text.slice(lead));
        }
        const end = this.lines[closes].start + this.lines[closes].text.length;
        const original = this.text.slice(line.start, end);
        const breaks = original.match(/\r\n|\r|\n/g) ?? [];
        fix = { range: [line.start, end], text: edits.map((part, i) => part + (breaks[i] ?? "")).join("") };
      }
      const to = closes ?? errorIndex;
      const remaining = fix && this.fixedErrors(fix, openerLine.index, errorIndex);
      const checked = remaining ? fix : undefined;
      const key = openerLine.key ? `\`${openerLine.key}:\`` : "the line it opens on";
      return {
        cause: {
          messageId: "flow-indent",
          message: `this line goes on with the \`${opener.char}\` opened on line ${openerLine.index + 1} (\`${openerLine.text.trim()}\`), so it must be indented more than ${key}: indent it to column ${column + 1}`,
          start: line.start + line.indent,
          end: line.start + line.text.length,
          ...(checked ? { fix: checked } : {}),
        },
        from: openerLine.index,
        to,
        ...(remaining ? { remaining } : {}),
      };
    }
    // Spaced as it was opened: `{ a: 1` closes with ` }`, `[a, b` with `]`.
    const spaced = this.text[opener.offset + 1] === " " ? " " : "";
    let fix: TextEdit;
    if (/^[\]}]$/.test(this.text[offset] ?? "")) {
      // The parser stopped at the closing bracket of an outer collection (`{ steps: [done }`):
      // the inner one closes just before it.
      const at = offset - (/\s*$/.exec(this.text.slice(this.lines[errorIndex].start, offset))?.[0].length ?? 0);
      fix = { range: [at, at], text: `${at > 0 && this.text[at - 1] === " " ? "" : spaced}${closer}` };
    } else {
      // Close every collection still open, innermost first, where the last line of the collection ends.
      const at = this.lines[lastContent].start + before.length;
      fix = {
        range: [at, at],
        text:
          spaced +
          open
            .map((o) => (o.char === "[" ? "]" : "}"))
            .reverse()
            .join(""),
      };
    }
    const at = fix.range[0];
    const remaining = open.every((o) => o.offset < at) ? this.fixedErrors(fix, openerLine.index, Math.min(errorIndex, this.lines.length - 1)) : undefined;
    const checked = remaining ? fix : undefined;
    return {
      cause: {
        messageId: "unclosed-bracket",
        message: `the \`${opener.char}\` opened on line ${openerLine.index + 1} (\`${openerLine.text.trim()}\`) is never closed: close the ${noun} with \`${closer}\` where it ends`,
        start: opener.offset,
        end: opener.offset + 1,
        ...(checked ? { fix: checked } : {}),
      },
      from: openerLine.index,
      to: this.lines.length - 1,
      ...(remaining ? { remaining } : {}),
    };
  }

  /** The line where `depth` open flow collections close, reading from `index` (quotes skipped), if it does. */
  private closingLine(index: number, depth: number): number | undefined {
    for (let i = index; i < this.lines.length; i++) {
      const text = this.lines[i].text;
      if (text.trim() === "") return undefined;
      let quote = "";
      for (let c = 0; c < text.length; c++) {
        const char = text[c];
        if (quote) {
          if (char === quote && !(quote === "'" && text[c + 1] === "'")) quote = "";
          else if (quote === '"' && char === "\\") c++;
          continue;
        }
        if (char === "#" && (c === 0 || /\s/.test(text[c - 1]))) break;
        if ((char === '"' || char === "'") && (c === 0 || /[\s,[{:]/.test(text[c - 1]))) quote = char;
        else if (char === "[" || char === "{") depth++;
        else if ((char === "]" || char === "}") && --depth === 0) return i;
      }
    }
    return undefined;
  }

  /**
   * A `]` or `}` that closes nothing: the parser stops understanding the file there, so every
   * error after it is its echo. Deleting it is the fix when it follows a closing bracket (`]]`);
   * otherwise the opening bracket may be what is missing, and the deletion only a suggestion.
   */
  private strayCloser(offset: number): Found {
    const index = this.lineAt(offset);
    const line = this.lines[index];
    const char = this.text[offset];
    const opening = char === "]" ? "[" : "{";
    const edit: TextEdit = { range: [offset, offset + 1], text: "" };
    const afterCloser = /[\]}]\s*$/.test(this.text.slice(line.start, offset));
    const remaining = afterCloser ? this.fixedErrors(edit, index, index) : undefined;
    const fix = remaining ? edit : undefined;
    return {
      cause: {
        messageId: "stray-bracket",
        message: `this \`${char}\` closes no \`${opening}\`: delete it${afterCloser ? "" : `, or open the ${char === "]" ? "list" : "map"} with \`${opening}\` where it starts`}`,
        start: offset,
        end: offset + 1,
        ...(fix ? { fix } : { suggestions: [{ desc: `delete \`${char}\``, fix: edit }] }),
      },
      from: index,
      to: this.lines.length - 1,
      ...(remaining ? { remaining } : {}),
    };
  }
}

function isStructural(line: Line): boolean {
  return (line.kind === "key" || line.kind === "item") && !line.tab;
}

/** A list item, or a key whose value is on the lines below: the deeper lines after it are its own. */
function holdsBlock(line: Line): boolean {
  return line.kind === "item" || line.opens;
}

function uniqueBy<T>(items: T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

function expandTabs(lead: string, width: number): number {
  let column = 0;
  for (const char of lead) column = char === "\t" ? (Math.floor(column / width) + 1) * width : column + 1;
  return column;
}

/** The text before a comment (` #` outside quotes). */
function stripComment(text: string): string {
  let quote = "";
  for (let c = 0; c < text.length; c++) {
    const char = text[c];
    if (quote) {
      if (char === quote) quote = "";
      continue;
    }
    if (char === "#" && (c === 0 || /\s/.test(text[c - 1]))) return text.slice(0, c);
    if ((char === '"' || char === "'") && (c === 0 || /[\s,[{:]/.test(text[c - 1]))) quote = char;
  }
  return text;
}

/**
 * The lines of the text, each classified for the block structure: keys and list items with
 * their columns, and the lines inside block scalars, multi-line quoted values and flow
 * collections (`inner`), whose indentation means nothing to the structure.
 */
function classify(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let blockScalarParent: number | undefined;
  const open = { quote: "", depth: 0 };
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const lineText = match[1];
    const start = match.index;
    const lead = /^[ \t]*/.exec(lineText)![0];
    const line: Line = {
      index: lines.length,
      start,
      text: lineText,
      indent: lead.length,
      tab: lead.includes("\t"),
      kind: "other",
      keyColumn: -1,
      opens: false,
    };
    lines.push(line);
    const content = lineText.slice(lead.length);
    if (blockScalarParent !== undefined) {
      if (content === "" || line.indent > blockScalarParent) {
        line.kind = content === "" ? "blank" : "inner";
        if (match[2] === "") break;
        continue;
      }
      blockScalarParent = undefined;
    }
    if (open.quote || open.depth > 0) {
      line.kind = content === "" ? "blank" : "inner";
      scanValue(lineText, open, true);
    } else if (content === "") line.kind = "blank";
    else if (content.startsWith("#")) line.kind = "comment";
    else {
      let rest = content;
      let column = line.indent;
      const item = ITEM.exec(content);
      if (item) {
        line.kind = "item";
        column = line.indent + 1 + item[1].length;
        rest = item[2];
        line.opens = rest === "" || OPENER.test(rest);
      }
      const key = KEY.exec(rest);
      if (key && !/^[[{]/.test(rest)) {
        if (!item) line.kind = "key";
        line.key = key[1];
        line.keyColumn = column;
        const value = key[2] ?? "";
        line.opens = OPENER.test(value);
        if (BLOCK_SCALAR.test(value)) blockScalarParent = item ? column : line.indent;
        else scanValue(value, open, false);
      } else if (item) {
        if (BLOCK_SCALAR.test(rest)) blockScalarParent = line.indent;
        else scanValue(rest, open, false);
      } else if (/^[[{"']/.test(content)) scanValue(content, open, false);
    }
    if (match[2] === "") break;
  }
  return lines;
}

/**
 * Follows quotes and flow brackets through a value, so that the lines of a quoted value or a
 * flow collection that goes on are known as its own. A quote opens a value only at its start
 * (or after `[`, `{`, `,`, `: ` inside a flow collection); a plain value may hold quotes.
 */
function scanValue(value: string, open: { quote: string; depth: number }, continued: boolean): void {
  const trimmed = value.trimStart();
  if (!continued && !/^[[{"']/.test(trimmed)) return;
  // The last character before this one that is not a space: a quote opens a value after none, or after `[{,:`.
  let previous = "";
  for (let c = 0; c < value.length; c++) {
    const char = value[c];
    const before = previous;
    if (char !== " " && char !== "\t") previous = char;
    if (open.quote) {
      if (open.quote === '"' && char === "\\") c++;
      else if (char === open.quote) {
        if (open.quote === "'" && value[c + 1] === "'") c++;
        else open.quote = "";
      }
      continue;
    }
    if (char === "#" && (c === 0 || /\s/.test(value[c - 1]))) return;
    if ((char === '"' || char === "'") && (before === "" || "[{,:".includes(before))) open.quote = char;
    else if (char === "[" || char === "{") open.depth++;
    else if ((char === "]" || char === "}") && open.depth > 0) open.depth--;
    if (open.depth === 0 && !open.quote && !continued) return;
  }
}

/** The indentation step of the file: the most common step from a line that opens a block to its first child. */
function indentWidth(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  let previous: Line | undefined;
  for (const line of lines) {
    if (!isStructural(line)) continue;
    if (previous?.opens) {
      const base = previous.kind === "item" && previous.key === undefined ? previous.indent : previous.indent;
      const step = line.indent - base;
      if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    previous = line;
  }
  let best = 2;
  let most = 0;
  for (const [step, count] of counts)
    if (count > most || (count === most && step < best)) {
      best = step;
      most = count;
    }
  return best;
}
