/**
 * The one way text gets into the HTML of the map and the preview: the `markup` tag escapes every
 * interpolated value unless it is already `Html` (built by this tag). The same escaping is right
 * for HTML text, for double-quoted attribute values and for SVG inside HTML, because all three
 * are read by the HTML parser; characters XML forbids become U+FFFD so the SVG also survives
 * being copied out as a file, and bidirectional controls become visible escapes (`visibleBidi`).
 * URLs in attributes must still be built with encodeURIComponent.
 * (Not named `html`: Prettier would reformat templates with that tag, and so the bytes written.)
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
 * One of them in a step name makes the browser show the rest of the text, and what follows it on
 * the line, reordered or reversed (Trojan Source): a name can read as another. The map is
 * generated from user text, so they are shown as visible escapes (`\u202E`), as the terminal
 * formats show them (escape/terminal.ts); the map's own markup isolates user text with
 * `dir="auto"` instead. The marks U+200E and U+200F stay: they only set the direction of the
 * characters beside them, and right-to-left text (and Arabic number formatting) needs them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every bidirectional embedding, override or isolate control written as a visible `\uXXXX`. */
export function visibleBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function htmlEscape(text: string): string {
  return visibleBidi(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

type Part = Html | string | number | false | null | undefined | readonly Part[];

function piece(value: Part): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  return htmlEscape(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup that is trusted as is: only for text this program writes (styles, scripts, our own markup). */
export function trusted(markup: string): Html {
  return new Html(markup);
}
