/**
 * Mermaid's own limits (its `maxTextSize` and `maxEdges` defaults): past them it draws an error
 * message instead of the diagram, in an image and on GitHub alike. journey keeps the defaults, so
 * a diagram that draws here draws wherever the Markdown is shown.
 */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;

const EDGE = / -->[ |]| -\.- /;

/** Why Mermaid will not draw `definition`, with what to do, or undefined when it will. */
export function mermaidLimitProblem(definition: string): string | undefined {
  if (definition.length > MERMAID_MAX_TEXT) {
    return `its Mermaid text is ${definition.length.toLocaleString("en")} characters, over Mermaid's limit of ${MERMAID_MAX_TEXT.toLocaleString("en")} (about 1,000 steps), so Mermaid would draw an error message instead; split the journey into smaller ones`;
  }
  let edges = 0;
  for (const line of definition.split("\n")) if (EDGE.test(line)) edges++;
  if (edges > MERMAID_MAX_EDGES) {
    return `it has ${edges.toLocaleString("en")} edges, over Mermaid's limit of ${MERMAID_MAX_EDGES}, so Mermaid would draw an error message instead; split the journey into smaller ones`;
  }
  return undefined;
}
