import { visibleText } from "./terminal.js";

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;

/**
 * Text for a Markdown table cell: pipes, line breaks and HTML would break the table or inject
 * markup, and backticks, brackets and emphasis characters would change the rendering. Each line
 * break is a `<br>`.
 */
export function markdownCell(text: string): string {
  return cellText(text.replace(LINE_BREAK, "\n").trim());
}

function cellText(text: string): string {
  return markdownInline(text).replace(/\n/g, "<br>").replace(/\|/g, "\\|");
}

/**
 * A message of ours for a Markdown table cell: the `code` spans it was written with stay code
 * spans (so `` `name: "x"` `` reads as code, not as `\`name: "x"\``), the prose between them is
 * escaped like `markdownCell`. Inside a code span Markdown shows every character literally
 * (HTML included), so a span needs only what would end it or the table row: its text never holds a
 * backtick (the spans are split on them), a line break is shown as `\n` (as control characters are) and `|` is escaped, which
 * GitHub's tables read inside code too. A span that cannot be code is prose between escaped
 * backticks: an unpaired backtick, an empty span (two backticks open a longer span) and a
 * backslash (before a `|` a table reads it as an escape, which code cannot undo).
 */
export function markdownMessageCell(message: string): string {
  return messageCell(message.replace(LINE_BREAK, "\n").trim());
}

function messageCell(message: string): string {
  const parts = message.split("`");
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return cellText(part);
      const closed = i < parts.length - 1;
      if (closed && part !== "" && !part.includes("\\")) return "`" + visibleText(part.replace(/\n/g, "\\n")).replace(/\|/g, "\\|") + "`";
      return "\\`" + cellText(part) + (closed ? "\\`" : "");
    })
    .join("");
}

/**
 * A table cell built from pieces, as `markdownCell` escapes them (or `markdownMessageCell`, for
 * the pieces marked `message`: our messages keep their code spans), with the pieces marked
 * `isolate` wrapped in FSI ... PDI after escaping (ids and user text among the words of a
 * right-to-left report): the isolates are the renderer's; any in the text itself are shown as
 * escapes.
 */
export function markdownCellIsolated(parts: readonly { text: string; isolate: boolean; message?: boolean }[]): string {
  return parts
    .map(({ text, isolate, message }) => {
      const cell = (message ? messageCell : cellText)(text.replace(LINE_BREAK, "\n"));
      return isolate && cell !== "" ? `\u2068${cell}\u2069` : cell;
    })
    .join("")
    .trim();
}

/**
 * Text in Markdown prose (a paragraph, a heading, a list item), shown literally and inline
 * wherever it is put, so a value can never start a heading, a list or a code block: a blank line
 * becomes `<br><br>` and a single line break a space (as Markdown itself reads it), a block
 * marker at the start (`#`, `+`, `-`, `=`, `1.`) is escaped and leading spaces are dropped.
 */
export function markdownText(text: string): string {
  const paragraphs = text
    .replace(LINE_BREAK, "\n")
    .trim()
    .split(/[ \t]*\n[ \t]*\n\s*/);
  return paragraphs
    .map((paragraph) => markdownInline(paragraph.replace(/[ \t]*\n[ \t]*/g, " ")))
    .join("<br><br>")
    .replace(/^[#+=-]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** Markup characters escaped and control characters shown as escapes; line feeds are left to the caller. */
function markdownInline(text: string): string {
  const lines = text.split("\n").map((line) =>
    visibleText(
      line
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/([\\`*_[\]~])/g, "\\$1"),
    ),
  );
  return lines.join("\n");
}

/** A relative path as a Markdown link target: percent-encoded, including what ends or changes a link (`(`, `)`, `#`, `?`, quotes). */
export function markdownUrl(path: string): string {
  return encodeURI(path).replace(/[()#?'"]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
