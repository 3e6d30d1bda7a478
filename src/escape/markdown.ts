/**
 * Text for a Markdown table cell: pipes, line breaks and HTML would break the table or inject
 * markup, and backticks, brackets and emphasis characters would change the rendering.
 */
export function markdownCell(text: string): string {
  return markdownText(text).replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, "<br>");
}

/** Text in Markdown prose, shown literally. */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]~])/g, "\\$1");
}
