import type { Document } from "yaml";
import { yamlLib } from "./yaml-lib.js";

/** A YAML mistake recognised from the line the parser stopped at: its cause and the fix. */
export interface YamlHint {
  messageId: string;
  message: string;
  /** The safe fix, where there is one: replace columns [start, end) (0-based) of `line` with `text`. */
  edit?: { line: number; start: number; end: number; text: string };
}

/** Where a plain value starts: not a quote, flow collection, block scalar, anchor, alias, tag or comment. */
const PLAIN_START = /^[^"'[{|>&*!#%@`]/;
/** `key:value`: a key, then a colon with no space after it (so YAML reads one plain text). */
const NO_SPACE_AFTER_COLON = /^\s*(?:-\s+)?([A-Za-z_][\w-]*):([^\s:].*)$/;
/** `key: value` on one line (optionally a list item), the value as written. */
const KEY_VALUE = /^\s*(?:-\s+)?([^\s"'#[{-][^:#]*?):\s+(.*?)\s*$/d;
const DASH_WITHOUT_SPACE = /^\s*-([^\s-].*)$/;

/**
 * The likely cause and fix of a YAML error from the line it is on, for the mistakes that show
 * on one line (`key:value`, `-item`, `: ` inside a value). The parser's own words describe its
 * grammar ("nested mappings are not allowed in compact mappings"); these name what the user
 * typed and what to type instead. Undefined when the line shows no such mistake. Mistakes that
 * reach over lines (indentation, tabs, unclosed quotes and brackets) are `yaml-cascade.ts`'s.
 */
export function explainYamlLine(lines: readonly string[], line: number): YamlHint | undefined {
  const text = lines[line - 1] ?? "";
  const dash = DASH_WITHOUT_SPACE.exec(text);
  if (dash && !text.trimStart().startsWith("---"))
    return {
      messageId: "dash-without-space",
      message: `\`-${dash[1]}\` has no space after \`-\`, so YAML does not read it as a list item: write \`- ${dash[1]}\``,
    };
  const colon = NO_SPACE_AFTER_COLON.exec(text);
  if (colon)
    return {
      messageId: "colon-without-space",
      message: `\`${colon[1]}:${colon[2]}\` has no space after \`:\`, so YAML reads it as one text, not a key and its value: write \`${colon[1]}: ${colon[2]}\``,
    };
  const pair = KEY_VALUE.exec(text);
  const value = pair?.[2].replace(/\s+#.*$/, "");
  if (pair && value && PLAIN_START.test(value) && (value.includes(": ") || value.endsWith(":"))) {
    const start = pair.indices![2][0];
    return {
      messageId: "colon-in-value",
      // Quoting keeps the text the user wrote as the value they meant: --fix applies it.
      edit: { line, start, end: start + value.length, text: quoted(value) },
      message: `the value of \`${pair[1].trim()}\` holds \`: \`, which YAML reads as the start of another key: put the value in quotes, \`${pair[1].trim()}: ${quoted(value)}\``,
    };
  }
  return undefined;
}

/** The value in double quotes, or in single ones when it holds what double quotes would escape. */
function quoted(value: string): string {
  return /["\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : `"${value}"`;
}

export interface CutValue {
  /** Offsets of the whole text as meant: the value and the comment that cut it. */
  start: number;
  end: number;
  message: string;
  /** The value and its comment in quotes: the suggestion (it changes the value, so the user chooses). */
  meant: string;
}

/**
 * Plain values followed by one space and a `#` glued to a word (`name: Order #42`): YAML reads
 * ` #` as the start of a comment, so the value silently loses `#42`. A comment written on
 * purpose has a space after `#` (`# note`) or sits apart from the value; one space and a word
 * after `#` is what an issue number, a hashtag or a channel name looks like, so that is all
 * this reports.
 */
export function valuesCutByComments(doc: Document, text: string): CutValue[] {
  if (!text.includes(" #")) return [];
  const cut: CutValue[] = [];
  const { visit, Scalar: YamlScalar, isPair, isScalar } = yamlLib();
  visit(doc, {
    Scalar(key, node, path) {
      if (key === "key" || node.type !== YamlScalar.PLAIN || typeof node.value !== "string" || !node.range) return;
      const end = node.range[1];
      if (text[end] !== " " || text[end + 1] !== "#" || !/[^\s#]/.test(text[end + 2] ?? " ")) return;
      const lineEnd = text.slice(end).search(/\r|\n|$/);
      const comment = text.slice(end + 1, end + lineEnd).trimEnd();
      const parent = path[path.length - 1];
      const name = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : undefined;
      const meant = quoted(`${node.value} ${comment}`);
      cut.push({
        start: node.range[0],
        end: end + 1 + comment.length,
        meant,
        message: `\`${comment.split(/\s/)[0]}\` is read as a comment, not as part of the value ${name === undefined ? "" : `of \`${name}\` `}(\` #\` starts a comment): quote the value if it belongs, \`${name === undefined ? "" : `${name}: `}${meant}\`, or write a comment as \`# ${comment.slice(1)}\``,
      });
    },
  });
  return cut;
}
