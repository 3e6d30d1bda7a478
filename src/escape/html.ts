/**
 * The one way text gets into the HTML of the map and the preview: the `markup` tag escapes every
 * interpolated value unless it is already `Html` (built by this tag). The same escaping is right
 * for HTML text, for double-quoted attribute values and for SVG inside HTML, because all three
 * are read by the HTML parser; characters XML forbids become U+FFFD so the SVG also survives
 * being copied out as a file. URLs in attributes must still be built with encodeURIComponent.
 * (Not named `html`: Prettier would reformat templates with that tag, and so the bytes written.)
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function htmlEscape(text: string): string {
  return text
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
