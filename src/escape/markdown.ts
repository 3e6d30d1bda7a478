import { visibleText } from "./terminal.js";

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;

/**
 * Text for a Markdown table cell: pipes, line breaks and HTML would break the table or inject
 * markup, and backticks, brackets and emphasis characters would change the rendering. Each line
 * break is a `<br>`.
 */
export function markdownCell(text: string): string {
  return markdownInline(text.replace(LINE_BREAK, "\n").trim()).replace(/\n/g, "<br>").replace(/\|/g, "\\|");
}

/**
 * A table cell built from pieces, as `markdownCell` escapes them, with the pieces marked `isolate`
 * wrapped in FSI ... PDI after escaping (ids and user text among the words of a right-to-left
 * report): the isolates are the renderer's; any in the text itself are shown as escapes.
 */
export function markdownCellIsolated(parts: readonly { text: string; isolate: boolean }[]): string {
  return parts
    .map(({ text, isolate }) => {
      const cell = markdownInline(text.replace(LINE_BREAK, "\n")).replace(/\n/g, "<br>").replace(/\|/g, "\\|");
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
