/**
 * The one way user text gets into a Mermaid diagram. Characters that Mermaid's grammars give a
 * meaning to are written as Mermaid entity codes (`#58;` for `:`), which Mermaid turns back into
 * the character when it draws the label: a raw `:` in a journey task would silently cut the
 * task's name and corrupt its score. Line breaks and other control characters become spaces.
 */
const RESERVED = /[:;#,"'<>&%{}\\`|[\]()=]/g;

export function mermaidText(text: string): string {
  return escapeLine(plainText(text));
}

/**
 * A label wrapped at word boundaries into lines of at most `width` characters, escaped line by
 * line and joined with `<br/>`, which Mermaid draws as a line break both as HTML (GitHub) and as
 * SVG text (images); its journey renderer only as SVG text, which `render/mermaid-journey.ts`
 * asks for. The user's text is never cut: a word longer than `width` alone is broken.
 */
export function mermaidLabel(text: string, width: number): string {
  return wrapWords(plainText(text), width).map(escapeLine).join("<br/>");
}

/** Line breaks and other control characters become spaces; runs of spaces one. */
function plainText(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function escapeLine(plain: string): string {
  // A label of only spaces or control characters would leave a section, title or actor empty,
  // which Mermaid cannot parse, and one of only format characters (a zero-width space) an
  // invisible one: an em dash stands in.
  return !VISIBLE.test(plain) ? PLACEHOLDER : plain.replace(RESERVED, (char) => `#${char.codePointAt(0)};`);
}

/** A character that shows: neither a space nor a format character (zero-width space, joiners, direction marks, soft hyphen). */
const VISIBLE = /[^\s\p{Cf}]/u;

/** Lines of at most `width` code points (emoji are not cut in half), broken between words where there is one. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of text.split(" ")) {
    const chars = [...word];
    for (let start = 0; start < Math.max(1, chars.length); start += width) {
      const piece = chars.slice(start, start + width);
      if (line.length > 0 && line.length + 1 + piece.length > width) {
        lines.push(line.join(""));
        line = [];
      }
      line = line.length > 0 ? [...line, " ", ...piece] : piece;
    }
  }
  return [...lines, line.join("")];
}

const PLACEHOLDER = "#8212;";

const KEYWORDS = /^(title|section|accTitle|accDescr|journey|flowchart|graph|subgraph|end|click|style|classDef|class|linkStyle|direction)\b/i;

/**
 * A journey task name: escaped, and never starting with a word Mermaid would read as a keyword
 * (`title`, `section`, ...), whose first letter is then written as an entity code.
 */
export function mermaidTaskName(text: string, width: number): string {
  const escaped = mermaidLabel(text, width);
  const match = KEYWORDS.exec(escaped);
  if (!match) return escaped;
  return `#${escaped.codePointAt(0)};${escaped.slice(1)}`;
}
