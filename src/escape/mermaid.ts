/**
 * The one way user text gets into a Mermaid diagram. Characters that Mermaid's grammars give a
 * meaning to are written as Mermaid entity codes (`#58;` for `:`), which Mermaid turns back into
 * the character when it draws the label: a raw `:` in a journey task would silently cut the
 * task's name and corrupt its score. Line breaks and other control characters become spaces.
 */
const RESERVED = /[:;#,"'<>&%{}\\`|[\]()=]/g;

export function mermaidText(text: string, maxLength?: number): string {
  let plain = text
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (maxLength !== undefined) plain = shorten(plain, maxLength);
  // A label of only spaces or control characters would leave a section, title or actor empty,
  // which Mermaid cannot parse: an em dash stands in.
  return plain === "" ? PLACEHOLDER : plain.replace(RESERVED, (char) => `#${char.codePointAt(0)};`);
}

const PLACEHOLDER = "#8212;";

const KEYWORDS = /^(title|section|accTitle|accDescr|journey|flowchart|graph|subgraph|end|click|style|classDef|class|linkStyle|direction)\b/i;

/**
 * A journey task name: escaped, and never starting with a word Mermaid would read as a keyword
 * (`title`, `section`, ...), whose first letter is then written as an entity code.
 */
export function mermaidTaskName(text: string, maxLength?: number): string {
  const escaped = mermaidText(text, maxLength);
  const match = KEYWORDS.exec(escaped);
  if (!match) return escaped;
  return `#${escaped.codePointAt(0)};${escaped.slice(1)}`;
}

/** Shortens to `max` characters (by code point, so emoji are not cut in half), ending with "…". */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return (
    chars
      .slice(0, Math.max(1, max - 1))
      .join("")
      .trimEnd() + "…"
  );
}
