import { PositionTableBuilder, type PositionTable } from "./positions.js";

/**
 * The YAML that journeys and configs are written in, read in one pass into plain data and a
 * table of positions, without building yaml's syntax tree or document (5 and 2 KB per step of a
 * journey: most of a lint's time and memory went there, bench/profiles.md).
 *
 * It reads block mappings and sequences, plain, quoted and block scalars, one-line flow
 * collections and comments, with the data and the offsets `yaml` gives them (yaml 1.2, core
 * schema; checked against `parseDocument` by test/load/yaml-subset.test.ts). Anything else (an
 * anchor, a tag, a tab, a multi-line plain or quoted scalar, a duplicate key, every mistake)
 * returns undefined and the caller parses the text with `yaml`, which explains what is wrong:
 * this reader never decides that a file is invalid.
 */
export interface SubsetParse {
  data: Record<string, unknown>;
  positions: PositionTable;
  /** Values as yaml's lexer counts them (`countValues` in parse.ts): keys, scalars and flow collections. */
  values: number;
}

/** The text holds more values than allowed: reading stopped there, having built little. */
export const TOO_MANY_VALUES = "too many values";

/** Characters the subset leaves to `yaml`: tabs, a carriage return not before a line feed, other controls, a byte order mark, non-characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNREAD = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)/;
/** From this many characters on, the reader shares the strings of repeated keys and short scalars (`Reader.recent`). */
export const SHARE_FROM = 256 * 1024;
/** Deeper than any journey: `yaml` says what it makes of it. */
const MAX_DEPTH = 64;

const SPACE = 32;
const NEWLINE = 10;
/** Only ever before a line feed (`UNREAD`): `\r\n` ends a line as `\n` does. */
const RETURN = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Declines the text: thrown inside the reader, caught once at the top. */
class Unread extends Error {}
const UNREAD_ERROR = new Unread();
const TOO_MANY_ERROR = new Unread();

interface Node {
  value: unknown;
  /** The record of a mapping or sequence in the table of positions; -1 for a scalar. */
  record: number;
  /** Offsets of the value as `yaml` gives them (`range[0]`, `range[1]`). */
  start: number;
  end: number;
  /** Where the node ends with its comment and line break (`yaml`'s `range[2]`): a collection ends where its last entry does. */
  nodeEnd: number;
}

/** `maxValues`: stop and return `TOO_MANY_VALUES` past this many values (counted as yaml's lexer counts them). */
export function parseYamlSubset(text: string, maxValues = Infinity): SubsetParse | typeof TOO_MANY_VALUES | undefined {
  if (UNREAD.test(text)) return undefined;
  try {
    return new Reader(text, maxValues).document();
  } catch (error) {
    if (error === TOO_MANY_ERROR) return TOO_MANY_VALUES;
    if (error instanceof Unread) return undefined;
    throw error;
  }
}

class Reader {
  private readonly length: number;
  private depth = 0;
  private values = 0;
  /** The last `skipSpaces`: from where, to where. */
  private skippedFrom = -1;
  private skippedTo = -1;
  /** Where the next ` #` (a comment, or the end of a value), `:` and `#` are. */
  private readonly comments: ForwardSearch;
  private readonly colons: ForwardSearch;
  private readonly hashes: Places;
  private readonly table = new PositionTableBuilder();
  /*
   * The keys, entries (offsets, as in the table's records) and sequence items of the collections
   * being read, innermost last: a collection takes its own from where they stood when it began,
   * so its array is made once at its exact length (an array grown by push keeps room for 17).
   */
  private readonly keyStack = new Stack<string>();
  private readonly entryStack = new Stack<number>();
  private readonly itemStack = new Stack<unknown>();
  /**
   * The keys and short scalars read last, by a hash of their length and end characters: one string
   * for each written many times (`channel`, `website`: a 40,000-step journey repeats them 200,000
   * times). A slot holds the last one that fell in it; a Map of every string was 15% of the parse.
   * Only in a file of `SHARE_FROM` characters or more: in a journey of a few kilobytes it saves
   * little and cost 5% of a 2,000-file lint.
   */
  private readonly recent: (string | undefined)[] | undefined;

  constructor(
    private readonly text: string,
    private readonly maxValues: number,
  ) {
    this.length = text.length;
    this.comments = new ForwardSearch(text, " #");
    this.colons = new ForwardSearch(text, ":");
    this.hashes = new Places(text, "#");
    this.recent = text.length >= SHARE_FROM ? new Array<string | undefined>(256) : undefined;
  }

  /** One more value (a key, a scalar, a flow collection): what yaml's lexer counts. */
  private count(): void {
    if (++this.values > this.maxValues) throw TOO_MANY_ERROR;
  }

  document(): SubsetParse | undefined {
    let line = this.contentLine(0);
    if (this.startsMarker(line, "---")) {
      // `---` alone on its line starts the document; anything after it on the line is left to yaml.
      const after = this.skipSpaces(line + 3);
      if (after < this.length && !isBreak(this.text.charCodeAt(after))) throw UNREAD_ERROR;
      line = this.contentLine(this.lineAfter(line));
    }
    if (line >= this.length) return undefined; // empty: yaml's message
    if (this.text.charCodeAt(line) === SPACE) throw UNREAD_ERROR;
    if (!this.isKeyLine(line)) throw UNREAD_ERROR; // a journey and a config are mappings
    const root = this.blockMap(0, line);
    if (this.contentLine(root.next) < this.length) throw UNREAD_ERROR; // a second document, or text yaml must explain
    return { data: root.node.value as Record<string, unknown>, positions: this.table.build(root.node.record), values: this.values };
  }

  private intern(text: string): string {
    const recent = this.recent;
    if (recent === undefined) return text;
    const slot = (text.length * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(text.length - 1)) & 255;
    const known = recent[slot];
    if (known === text) return known;
    recent[slot] = text;
    return text;
  }

  /** A scalar's value, its string shared with the same one written before when short. */
  private scalar(value: unknown): unknown {
    return typeof value === "string" ? this.short(value) : value;
  }

  private short(text: string): string {
    return text.length <= 32 ? this.intern(text) : text;
  }

  /** The record of the collection that began when the stacks held `keyFrom` keys and `entryFrom` entries; takes them off. */
  private record(start: number, end: number, isMap: boolean, keyFrom: number, entryFrom: number): number {
    const keys = this.keyStack;
    const entries = this.entryStack;
    const record = this.table.add(start, end, isMap ? keys.items : undefined, keyFrom, keys.top, entries.items, entryFrom, entries.top);
    keys.top = keyFrom;
    entries.top = entryFrom;
    return record;
  }

  /** The items of the sequence that began when the stack held `from`, as an array of their number; takes them off. */
  private items(from: number): unknown[] {
    const items = this.itemStack.items.slice(from, this.itemStack.top);
    this.itemStack.top = from;
    return items;
  }

  // ---- lines -------------------------------------------------------------------------------

  /** Where the text of the line that `from` is on ends: at its `\n`, or `\r\n`. */
  private lineEnd(from: number): number {
    const end = this.text.indexOf("\n", from);
    if (end < 0) return this.length;
    return end > from && this.text.charCodeAt(end - 1) === RETURN ? end - 1 : end;
  }

  private lineAfter(from: number): number {
    const end = this.text.indexOf("\n", from);
    return end < 0 ? this.length : end + 1;
  }

  private skipSpaces(from: number): number {
    // A line's indentation is asked for up to three times (the value before it ends, the next
    // content line, its column): it is counted once.
    if (from === this.skippedFrom) return this.skippedTo;
    let at = from;
    while (at < this.length && this.text.charCodeAt(at) === SPACE) at++;
    this.skippedFrom = from;
    this.skippedTo = at;
    return at;
  }

  /** The start of the first line at or after `from` (a line start) that is neither blank nor a comment. */
  private contentLine(from: number): number {
    let line = from;
    while (line < this.length) {
      const first = this.skipSpaces(line);
      if (first < this.length && !isBreak(this.text.charCodeAt(first)) && this.text.charCodeAt(first) !== HASH) return line;
      line = this.lineAfter(first);
    }
    return this.length;
  }

  /**
   * After a value on one line, from the line start `from`: comment lines indented deeper than its
   * mapping or sequence (`indent`), blank lines between them, are the value's in yaml's ranges.
   */
  private absorb(from: number, indent: number): number {
    let end = from;
    let line = from;
    while (line < this.length) {
      const first = this.skipSpaces(line);
      if (first >= this.length) break;
      const code = this.text.charCodeAt(first);
      if (code === HASH && first - line > indent) end = line = this.lineAfter(first);
      else if (isBreak(code)) line = this.lineAfter(first);
      else break;
    }
    return end;
  }

  /**
   * When a mapping or sequence ends, the comment lines between its last entry (from the line start
   * `from`) and the text that resumes in column `resume` (at `to`): those indented no deeper than
   * that text belong to what follows, in yaml's ranges too. One indented deeper is kept by yaml in
   * ranges this reader does not reproduce: left to yaml.
   */
  private checkTrailingComments(from: number, to: number, resume: number): void {
    for (let at = this.hashes.from(from); at < to; at = this.hashes.from(this.lineAfter(at))) {
      if (at - this.lineStartOf(at) > resume) throw UNREAD_ERROR;
    }
  }

  private startsMarker(line: number, marker: "---" | "..."): boolean {
    if (!this.text.startsWith(marker, line)) return false;
    const after = this.text.charCodeAt(line + 3);
    return Number.isNaN(after) || after === SPACE || isBreak(after);
  }

  /**
   * After a value that ends at `from`: spaces, perhaps a comment, the line break. Returns where
   * the node ends with them; anything else on the line is left to yaml.
   */
  private endOfLine(from: number): number {
    const at = this.skipSpaces(from);
    if (at >= this.length) return this.length;
    const code = this.text.charCodeAt(at);
    if (code === NEWLINE) return at + 1;
    if (code === RETURN) return at + 2;
    if (code === HASH && at > from) return this.lineAfter(at);
    throw UNREAD_ERROR;
  }

  // ---- block collections -----------------------------------------------------------------------

  /** A line (or the rest of one, after `- `) that starts with a key and `:`. */
  private isKeyLine(at: number): boolean {
    const code = this.text.charCodeAt(at);
    if (code === 91 || code === 123) return false;
    if (code === 34 || code === 39) {
      const close = this.quoteEnd(at);
      return close > 0 && this.text.charCodeAt(close) === COLON && this.isBlank(close + 1);
    }
    const end = this.lineEnd(at);
    for (let i = at; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === COLON && this.isBlank(i + 1)) return true;
      if (c === HASH && i > at && this.text.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** The first `:` in [from, to) followed by a space, a line break or the end of the text; -1 if none. */
  private blankColon(from: number, to: number): number {
    for (let colon = this.colons.from(from); colon < to; colon = this.colons.from(colon + 1)) {
      if (this.isBlank(colon + 1)) return colon;
    }
    return -1;
  }

  /** A space, a line break or the end of the text at `at`. */
  private isBlank(at: number): boolean {
    if (at >= this.length) return true;
    const code = this.text.charCodeAt(at);
    return code === SPACE || isBreak(code);
  }

  /** The block mapping whose first key starts at `first`, in column `indent`. `next`: the line after it. */
  private blockMap(indent: number, first: number): { node: Node; next: number } {
    if (++this.depth > MAX_DEPTH) throw UNREAD_ERROR;
    const value: Record<string, unknown> = {};
    const keyFrom = this.keyStack.top;
    const entryFrom = this.entryStack.top;
    let at = first;
    for (;;) {
      if (indent === 0 && (this.startsMarker(at, "---") || this.startsMarker(at, "..."))) throw UNREAD_ERROR;
      const key = this.key(at);
      const name = this.intern(key.text);
      if (Object.prototype.hasOwnProperty.call(value, key.text) || key.text === "__proto__" || key.text === "<<") throw UNREAD_ERROR;
      const entry = this.mapValue(indent, key.colon + 1);
      value[name] = entry.node.value;
      this.keyStack.push(name);
      this.entryStack.push5(at, key.end, entry.node.start, entry.node.end, entry.node.record);
      const end = entry.node.nodeEnd;
      const line = this.contentLine(entry.next);
      if (line >= this.length) {
        this.checkTrailingComments(entry.next, line, 0);
        this.depth--;
        return { node: { value, record: this.record(first, end, true, keyFrom, entryFrom), start: first, end, nodeEnd: end }, next: entry.next };
      }
      const column = this.skipSpaces(line) - line;
      if (column < indent) {
        this.checkTrailingComments(entry.next, line, column);
        this.depth--;
        return { node: { value, record: this.record(first, end, true, keyFrom, entryFrom), start: first, end, nodeEnd: end }, next: line };
      }
      if (column > indent) throw UNREAD_ERROR; // a continued scalar, or a mistake
      at = line + indent;
    }
  }

  /** A key and its `:`: plain or quoted, on one line. */
  private key(at: number): { text: string; end: number; colon: number } {
    this.count();
    const code = this.text.charCodeAt(at);
    if (code === 34 || code === 39) {
      const scalar = this.quoted(at);
      if (this.text.charCodeAt(scalar.end) !== COLON || !this.isBlank(scalar.end + 1)) throw UNREAD_ERROR;
      return { text: scalar.value, end: scalar.end, colon: scalar.end };
    }
    if (!this.plainStarts(at)) throw UNREAD_ERROR;
    // The key ends at the first `: ` (or `:` at the line's end); a comment before it is left to yaml.
    const i = this.blankColon(at, Math.min(this.comments.from(at), this.lineEnd(at)));
    if (i < 0 || this.text.charCodeAt(i - 1) === SPACE || i - at > 1024) throw UNREAD_ERROR;
    const text = this.text.slice(at, i);
    if (typeof resolvePlain(text) !== "string") throw UNREAD_ERROR; // a key yaml reads as a number, true or null
    return { text, end: i, colon: i };
  }

  /** The value after a key's `:` at `from`: on the same line, or a block collection below, or empty. */
  private mapValue(indent: number, from: number): { node: Node; next: number } {
    const at = this.skipSpaces(from);
    const code = at < this.length ? this.text.charCodeAt(at) : NEWLINE;
    if (!isBreak(code) && !(code === HASH && at > from)) return this.inline(at, indent);
    const after = this.lineAfter(at);
    const line = this.contentLine(after);
    if (line < this.length) {
      const first = this.skipSpaces(line);
      const column = first - line;
      if (column >= indent && this.isItem(first)) return this.blockSeq(column, line);
      if (column > indent) {
        if (!this.isKeyLine(first)) throw UNREAD_ERROR;
        return this.blockMap(column, first);
      }
    }
    return this.empty(at, after);
  }

  /** An empty value at `at`: null, as yaml reads it. */
  private empty(at: number, after: number): { node: Node; next: number } {
    // With a comment on its line, yaml ends the empty value at the next token, or after the line.
    if (at < this.length && this.text.charCodeAt(at) === HASH) throw UNREAD_ERROR;
    // Comment lines below it too: yaml's ranges then reach the comments or the next token.
    const next = this.contentLine(after);
    if (this.hashes.from(after) < next) throw UNREAD_ERROR;
    return { node: { value: null, record: -1, start: at, end: at, nodeEnd: at }, next: after };
  }

  /** `-` followed by a space, a line break or the end of the text. */
  private isItem(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && this.isBlank(at + 1);
  }

  /** The block sequence whose first `-` is on the line starting at `line`, in column `indent`. */
  private blockSeq(indent: number, line: number): { node: Node; next: number } {
    if (++this.depth > MAX_DEPTH) throw UNREAD_ERROR;
    const itemFrom = this.itemStack.top;
    const keyFrom = this.keyStack.top;
    const entryFrom = this.entryStack.top;
    const first = line + indent;
    let dash = first;
    for (;;) {
      const item = this.seqItem(indent, dash);
      this.itemStack.push(item.node.value);
      this.entryStack.push3(item.node.start, item.node.end, item.node.record);
      const end = item.node.nodeEnd;
      const next = this.contentLine(item.next);
      const column = next < this.length ? this.skipSpaces(next) - next : -1;
      if (column === indent && this.isItem(next + indent)) {
        dash = next + indent;
        continue;
      }
      if (column > indent) throw UNREAD_ERROR;
      // An empty last item: yaml's range of the sequence then reaches the next token.
      if (item.node.value === null && item.node.start === item.node.end) throw UNREAD_ERROR;
      this.checkTrailingComments(item.next, next, Math.max(column, 0));
      this.depth--;
      // A sequence at its mapping's indent ends at the next key; yaml checks what else follows.
      const record = this.record(first, end, false, keyFrom, entryFrom);
      return { node: { value: this.items(itemFrom), record, start: first, end, nodeEnd: end }, next: next >= this.length ? item.next : next };
    }
  }

  private seqItem(indent: number, dash: number): { node: Node; next: number } {
    const at = this.skipSpaces(dash + 1);
    const code = at < this.length ? this.text.charCodeAt(at) : NEWLINE;
    if (isBreak(code) || (code === HASH && at > dash + 1)) {
      const after = this.lineAfter(at);
      const line = this.contentLine(after);
      if (line < this.length) {
        const first = this.skipSpaces(line);
        const column = first - line;
        if (column > indent) {
          if (this.isItem(first)) return this.blockSeq(column, line);
          if (!this.isKeyLine(first)) throw UNREAD_ERROR;
          return this.blockMap(column, first);
        }
      }
      return this.empty(at, after);
    }
    if (this.isItem(at)) throw UNREAD_ERROR; // `- - a`: left to yaml
    if (this.isKeyLine(at)) return this.blockMap(at - this.lineStartOf(at), at);
    return this.inline(at, indent);
  }

  private lineStartOf(at: number): number {
    return this.text.lastIndexOf("\n", at - 1) + 1;
  }

  // ---- values on one line ----------------------------------------------------------------------

  /** A value that starts at `at` on the line of its key or `-`; `indent`: the column of that key or `-`. */
  private inline(at: number, indent: number): { node: Node; next: number } {
    const code = this.text.charCodeAt(at);
    if (code !== 91 && code !== 123) this.count(); // a flow collection counts itself
    if (code === 91 || code === 123) {
      const flow = this.flow(at);
      const nodeEnd = this.absorb(this.endOfLine(flow.end), indent);
      return { node: { ...flow, nodeEnd }, next: nodeEnd };
    }
    if (code === 34 || code === 39) {
      const scalar = this.quoted(at);
      const nodeEnd = this.absorb(this.endOfLine(scalar.end), indent);
      return { node: { value: scalar.value, record: -1, start: at, end: scalar.end, nodeEnd }, next: nodeEnd };
    }
    if (code === 124 || code === 62) return this.blockScalar(at, indent);
    if (!this.plainStarts(at)) throw UNREAD_ERROR;
    const lineEnd = this.lineEnd(at);
    // The value ends at a comment (` #`) or the line's end; a `: ` before that is left to yaml
    // (`a: b: c`). Found with indexOf: a loop over the characters was the parse's largest cost
    // in a one-file lint, run before V8 compiles it (bench/profiles.md).
    let end = Math.min(this.comments.from(at), lineEnd);
    if (this.blankColon(at + 1, end) >= 0) throw UNREAD_ERROR;
    while (end > at && this.text.charCodeAt(end - 1) === SPACE) end--;
    // ` #word` right after a value: the comment-in-value warning is yaml's path.
    if (end < lineEnd && this.text.charCodeAt(end) === SPACE && this.text.charCodeAt(end + 1) === HASH) {
      const third = end + 2 < this.length ? this.text.charCodeAt(end + 2) : NEWLINE;
      if (third !== SPACE && !isBreak(third) && third !== HASH) throw UNREAD_ERROR;
    }
    const nodeEnd = this.absorb(this.endOfLine(end), indent);
    return { node: { value: this.scalar(resolvePlain(this.text.slice(at, end))), record: -1, start: at, end, nodeEnd }, next: nodeEnd };
  }

  /** Can a plain scalar start at `at`? Indicators and what they begin are left to yaml. */
  private plainStarts(at: number): boolean {
    const code = this.text.charCodeAt(at);
    switch (code) {
      case 45: // -
      case 63: // ?
      case 58: // :
        return !this.isBlank(at + 1) && code === 45;
      case 44: // ,
      case 91: // [
      case 93: // ]
      case 123: // {
      case 125: // }
      case 35: // #
      case 38: // &
      case 42: // *
      case 33: // !
      case 124: // |
      case 62: // >
      case 39: // '
      case 34: // "
      case 37: // %
      case 64: // @
      case 96: // `
        return false;
      default:
        return !Number.isNaN(code) && code !== SPACE && !isBreak(code);
    }
  }

  /** The offset just after the closing quote of the quoted scalar at `at` on its line, or -1. */
  private quoteEnd(at: number): number {
    const quote = this.text.charCodeAt(at);
    const end = this.lineEnd(at);
    for (let i = at + 1; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (quote === 34 && c === 92) {
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === 39 && this.text.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  /** A single- or double-quoted scalar closed on its own line. */
  private quoted(at: number): { value: string; end: number } {
    const end = this.quoteEnd(at);
    if (end < 0) throw UNREAD_ERROR; // multi-line or unclosed: yaml
    const body = this.text.slice(at + 1, end - 1);
    const value =
      this.text.charCodeAt(at) === 39 ? (body.includes("''") ? body.replaceAll("''", "'") : body) : body.includes("\\") ? unescapeDouble(body) : body;
    return { value: this.short(value), end };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, clipped or stripped (`-`); the indentation is
   * that of its first line. Kept chomping (`+`), an indentation indicator, leading blank lines
   * and folded lines indented further are left to yaml.
   */
  private blockScalar(at: number, indent: number): { node: Node; next: number } {
    this.count(); // yaml's lexer gives its header and its text a token each
    const folded = this.text.charCodeAt(at) === 62;
    let header = at + 1;
    let strip = false;
    if (this.text.charCodeAt(header) === DASH) {
      strip = true;
      header++;
    }
    const afterHeader = this.endOfLine(header);
    if (afterHeader >= this.length) throw UNREAD_ERROR;
    const first = this.skipSpaces(afterHeader);
    const column = first - afterHeader;
    if (column <= indent || first >= this.length || isBreak(this.text.charCodeAt(first))) throw UNREAD_ERROR;
    const lines: string[] = [];
    let line = afterHeader;
    let end = afterHeader; // after the last line with text
    let next = afterHeader;
    while (line < this.length) {
      const textStart = this.skipSpaces(line);
      const lineEnd = this.lineEnd(line);
      if (textStart === lineEnd) {
        // A blank line: part of the scalar if text follows it at the scalar's indentation.
        if (textStart - line > column) throw UNREAD_ERROR;
        lines.push("");
        line = this.lineAfter(lineEnd);
        continue;
      }
      if (textStart - line < column) break;
      if (lineEnd >= this.length) throw UNREAD_ERROR; // no final line break: left to yaml
      if (folded && textStart - line > column) throw UNREAD_ERROR;
      lines.push(this.text.slice(line + column, lineEnd));
      line = this.lineAfter(lineEnd);
      end = line;
      next = line;
    }
    const after = this.contentLine(next);
    if (after > next && this.absorb(next, indent) > next) throw UNREAD_ERROR; // a comment below it: left to yaml
    // Trailing blank lines are not the scalar's (chomped), nor in its range.
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    let value = "";
    if (folded) {
      let blanks = -1;
      for (const text of lines) {
        if (text === "") {
          blanks++;
          continue;
        }
        if (blanks >= 0) value += blanks === 0 ? " " : "\n".repeat(blanks);
        value += text;
        blanks = 0;
      }
    } else {
      value = lines.join("\n");
    }
    if (!strip) value += "\n";
    return { node: { value, record: -1, start: at, end, nodeEnd: end }, next };
  }

  // ---- flow collections ------------------------------------------------------------------------

  /** A flow sequence or mapping closed on its own line, entries being scalars or flow collections. */
  private flow(at: number): Node {
    if (++this.depth > MAX_DEPTH) throw UNREAD_ERROR;
    this.count();
    const isMap = this.text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const lineEnd = this.lineEnd(at);
    const map: Record<string, unknown> = {};
    const itemFrom = this.itemStack.top;
    const keyFrom = this.keyStack.top;
    const entryFrom = this.entryStack.top;
    let i = this.skipSpaces(at + 1);
    if (this.text.charCodeAt(i) === close) {
      this.depth--;
      return { value: isMap ? map : [], record: this.record(at, i + 1, isMap, keyFrom, entryFrom), start: at, end: i + 1, nodeEnd: i + 1 };
    }
    for (;;) {
      if (i >= lineEnd) throw UNREAD_ERROR;
      if (isMap) {
        const key = this.flowScalar(i, lineEnd, true);
        if (typeof key.value !== "string") throw UNREAD_ERROR;
        const text = this.intern(key.value);
        if (this.text.charCodeAt(key.end) !== COLON || this.text.charCodeAt(key.end + 1) !== SPACE) throw UNREAD_ERROR;
        if (Object.prototype.hasOwnProperty.call(map, text) || text === "__proto__" || text === "<<") throw UNREAD_ERROR;
        const entry = this.flowEntry(this.skipSpaces(key.end + 1), lineEnd);
        map[text] = entry.value;
        this.keyStack.push(text);
        this.entryStack.push5(i, key.end, entry.start, entry.end, entry.record);
        i = this.skipSpaces(entry.end);
      } else {
        const entry = this.flowEntry(i, lineEnd);
        this.itemStack.push(entry.value);
        this.entryStack.push3(entry.start, entry.end, entry.record);
        i = this.skipSpaces(entry.end);
      }
      const c = this.text.charCodeAt(i);
      if (c === close) {
        this.depth--;
        const record = this.record(at, i + 1, isMap, keyFrom, entryFrom);
        return { value: isMap ? map : this.items(itemFrom), record, start: at, end: i + 1, nodeEnd: i + 1 };
      }
      if (c !== 44) throw UNREAD_ERROR;
      i = this.skipSpaces(i + 1);
      if (this.text.charCodeAt(i) === close) throw UNREAD_ERROR; // a trailing comma: yaml
    }
  }

  private flowEntry(at: number, lineEnd: number): Node {
    const code = this.text.charCodeAt(at);
    if (code === 91 || code === 123) return this.flow(at);
    const scalar = this.flowScalar(at, lineEnd, false);
    return { value: scalar.value, record: -1, start: at, end: scalar.end, nodeEnd: scalar.end };
  }

  /** A scalar inside a flow collection: quoted, or plain up to `,` `]` `}` or `: `. */
  private flowScalar(at: number, lineEnd: number, isKey: boolean): { value: unknown; end: number } {
    this.count();
    const code = this.text.charCodeAt(at);
    if (code === 34 || code === 39) return this.quoted(at);
    if (!this.plainStarts(at)) throw UNREAD_ERROR;
    if (code === DASH && !/[\w.]/.test(this.text[at + 1] ?? "")) throw UNREAD_ERROR; // `[-]`, `[- a]`: left to yaml
    let end = at;
    for (let i = at; i < lineEnd; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || c === 91 || c === 123) break;
      if (c === COLON) {
        const n = this.text.charCodeAt(i + 1);
        if (n === SPACE || n === 44 || n === 93 || n === 125 || i + 1 >= lineEnd) {
          if (!isKey) throw UNREAD_ERROR; // `[a: b]`: a pair in a sequence, left to yaml
          break;
        }
      }
      if (c === HASH && this.text.charCodeAt(i - 1) === SPACE) throw UNREAD_ERROR;
      if (c !== SPACE) end = i + 1;
    }
    const c = this.text.charCodeAt(this.skipSpaces(end));
    if (c === 91 || c === 123) throw UNREAD_ERROR;
    return { value: this.scalar(resolvePlain(this.text.slice(at, end))), end };
  }
}

/**
 * The next place of `needle` in a text read from start to end: `from(at)` searches again only once
 * `at` has passed the last place found, so reading a whole file scans it about once. indexOf does
 * not stop at the end of a line: searched afresh from each value, it ran on to the next `:`
 * anywhere in the file, and 400,000 list items with no `:` after them took 9 s to read.
 */
class ForwardSearch {
  private searchedFrom = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** Where the needle is next at or after `at`; the text's length if nowhere. */
  from(at: number): number {
    if (at < this.searchedFrom || at > this.found) {
      const found = this.text.indexOf(this.needle, at);
      this.searchedFrom = at;
      this.found = found < 0 ? this.text.length : found;
    }
    return this.found;
  }
}

/**
 * Every place of a character in the text, found in one pass when first asked for: `from(at)`
 * answers in any order (when a collection ends, the comment lines before what follows are looked
 * for from its last entry, which an enclosing collection's end asks again from further back).
 */
class Places {
  private places: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** Where the character is next at or after `at`; the text's length if nowhere. */
  from(at: number): number {
    const places = (this.places ??= this.find());
    let low = 0;
    let high = places.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (places[middle] < at) low = middle + 1;
      else high = middle;
    }
    return low < places.length ? places[low] : this.text.length;
  }

  private find(): number[] {
    const places: number[] = [];
    for (let at = this.text.indexOf(this.char); at >= 0; at = this.text.indexOf(this.char, at + 1)) places.push(at);
    return places;
  }
}

/**
 * A stack over an array that is never made shorter: taking items off moves `top` (an array whose
 * length is set down is trimmed, and grown again for the next collection).
 */
class Stack<T> {
  readonly items: T[] = [];
  top = 0;

  push(item: T): void {
    this.items[this.top++] = item;
  }

  push3(a: T, b: T, c: T): void {
    const items = this.items;
    const top = this.top;
    items[top] = a;
    items[top + 1] = b;
    items[top + 2] = c;
    this.top = top + 3;
  }

  push5(a: T, b: T, c: T, d: T, e: T): void {
    const items = this.items;
    const top = this.top;
    items[top] = a;
    items[top + 1] = b;
    items[top + 2] = c;
    items[top + 3] = d;
    items[top + 4] = e;
    this.top = top + 5;
  }
}

/** A line feed, or the carriage return before one. */
function isBreak(code: number): boolean {
  return code === NEWLINE || code === RETURN;
}

/** Escapes of a double-quoted scalar; one outside the common set is left to yaml. */
function unescapeDouble(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[++i];
    switch (next) {
      case "\\":
      case '"':
      case "/":
        out += next;
        break;
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "0":
        out += "\0";
        break;
      case "u": {
        const hex = body.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw UNREAD_ERROR;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        throw UNREAD_ERROR;
    }
  }
  return out;
}

const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]|^$/;

/** What yaml's core schema makes of a plain scalar: null, a boolean, a number or the string itself. */
export function resolvePlain(text: string): unknown {
  if (!MAYBE_NOT_STRING.test(text)) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === "t" || text[0] === "T";
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}
