/**
 * Characters that must not reach a terminal, a CI log or a rendered document as themselves: C0
 * and C1 controls and DEL (ESC starts terminal sequences: OSC 52 sets the clipboard; a line feed
 * starts a new line a CI runner may read as a command), the Unicode line and paragraph separators,
 * and the bidirectional overrides that make text read differently than it is (Trojan Source).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

/** `text` with every unsafe character written as a visible escape (`\n`, `\x1B`, `\u202E`): one line, inert. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED.get(char) ?? escapeCode(char.charCodeAt(0)));
}

/** Characters of a name (an activity, a step's name, a server's message) that human formats show before cutting it with `…`. */
export const SHOWN_NAME_LIMIT = 80;

/**
 * A name from a log, a journey or a server for a human format (a terminal, an error message): as
 * `visibleText`, cut to `limit` characters with `…` (machine formats keep it whole).
 */
export function visibleName(text: string, limit = SHOWN_NAME_LIMIT): string {
  return cutText(visibleText(text), limit);
}

/** `text` cut to `limit` characters (code points), the last one `…`, when it is longer. */
export function cutText(text: string, limit = SHOWN_NAME_LIMIT): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("")}…`;
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A file path as it starts a report line: visible escapes, and `./` before a path that would
 * begin the line with `:` (a GitHub runner reads a line starting with `::` as a workflow command;
 * only the `github` format may print one).
 */
export function lineStartPath(path: string): string {
  const shown = visibleText(path);
  return /^\s*:/.test(shown) ? `./${shown}` : shown;
}

/**
 * Text inside an HTML or XML comment (`<!-- -->`) or a Mermaid `%%` comment line: `--` would end
 * or break the comment, `<` `>` could open markup once it is broken, and controls would start a
 * new line. Percent-encoded (like a URL), so the note stays readable and unambiguous.
 */
export function commentText(text: string): string {
  return text
    .replace(/%/g, "%25")
    .replace(/-(?=-|$)/g, "%2D")
    .replace(/[<>]/g, (char) => (char === "<" ? "%3C" : "%3E"))
    .replace(UNSAFE, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
