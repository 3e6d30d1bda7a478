/**
 * Random YAML near what journeys are written in, from a seeded source (bench/generate.mjs's
 * `random`): block mappings and sequences, compact mappings in items, flow collections, quoted,
 * plain and block scalars whose text yaml's core schema reads as strings, numbers, booleans and
 * nulls, comments and blank lines at every indent, empty values; then up to two random edits (a
 * deleted character, an inserted indicator, a tab), so that mistakes are among them; a quarter of
 * them with Windows line ends. Used to hold the subset reader to `yaml` (test/load/yaml-subset.test.ts).
 */
// prettier-ignore
const SCALARS = [
  "a", "hello world", "1", "-1", "0.5", "1e3", "true", "False", "null", "~", "", "0x1F", "0o17", ".inf", "-.Inf", ".nan", "007",
  "+3", "2026-11-01", "café", "C#", "a#b", "http://x.y/z", "a:b", "it's", 'say "hi"', "x ", "-x", "%p", "@a", "`b", "a, b", "[a]",
  "{b}", "a ]", "ü\u0301", "12:30", "yes", "No", "1_000", "- a", "? q", ": c", "#h", "a #b", "a # c", "\\", "é\\n", "-", "-.5",
  "1.", ".5e-3",
];

export function randomYaml(rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const scalar = (): string => {
    const text = pick(SCALARS);
    const style = rand();
    if (style < 0.15) return `'${text.replaceAll("'", "''")}'`;
    if (style < 0.3) return JSON.stringify(text);
    return text;
  };
  const flow = (depth: number): string => {
    const entry = () => (depth < 2 && rand() < 0.2 ? flow(depth + 1) : scalar());
    if (rand() < 0.5) return `[${Array.from({ length: Math.floor(rand() * 4) }, entry).join(pick([", ", ",", " , "]))}]`;
    const space = pick([" ", ""]);
    return `{${space}${Array.from({ length: Math.floor(rand() * 4) }, (_, i) => `k${i}${pick([": ", ":"])}${entry()}`).join(", ")}${space}}`;
  };
  const comment = () => (rand() < 0.15 ? pick([" # c", "  # note", " #x", "#y"]) : "");
  const lines: string[] = [];
  const block = (indent: number, depth: number, kind: "map" | "seq") => {
    const pad = " ".repeat(indent);
    for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
      const head = kind === "map" ? `${pad}${rand() < 0.1 ? pick(['"q k"', "'s k'", "1", "true", "a b", "-k"]) : `k${i}`}:` : `${pad}-`;
      if (rand() < 0.08) lines.push(pick(["", "  ", "# comment", `${pad}# indented`, "   # deeper"]));
      const shape = rand();
      if (depth < 4 && shape < 0.3) {
        lines.push(head + comment());
        const below = indent + pick([2, 2, 4, 1, 3]) + (kind === "map" && rand() < 0.2 ? -indent - 1 : 0);
        block(Math.max(kind === "map" && rand() < 0.3 ? indent : below, 0), depth + 1, rand() < 0.5 ? "map" : "seq");
      } else if (depth < 4 && kind === "seq" && shape < 0.45) {
        lines.push(`${pad}- k0: ${scalar()}${comment()}`);
        for (let j = 1; j < 1 + Math.floor(rand() * 3); j++) lines.push(`${" ".repeat(indent + 2)}k${j}: ${scalar()}${comment()}`);
      } else if (shape < 0.55) {
        lines.push(`${head} ${flow(0)}${comment()}`);
      } else if (shape < 0.65) {
        lines.push(`${head} ${pick(["|", ">", "|-", ">-", "|+", "|2"])}${comment()}`);
        const inner = " ".repeat(indent + pick([2, 2, 1, 4]));
        for (let j = 0; j < 1 + Math.floor(rand() * 4); j++)
          lines.push(rand() < 0.15 ? pick(["", `${inner}  more`, " "]) : `${inner}${pick(["text", "more words", "# not a comment", "a: b"])}`);
      } else if (shape < 0.7) {
        lines.push(`${head}${pick(["", " ", "  "])}${comment()}`);
      } else {
        lines.push(`${head} ${scalar()}${comment()}`);
      }
    }
  };
  if (rand() < 0.1) lines.push(pick(["---", "# top", "--- # doc"]));
  block(0, 0, "map");
  let text = lines.join("\n") + (rand() < 0.8 ? "\n" : "");
  if (rand() < 0.25) text = text.replaceAll("\n", "\r\n"); // as saved on Windows
  for (let i = 0, edits = Math.floor(rand() * 3) - 1; i < edits; i++) {
    const at = Math.floor(rand() * text.length);
    if (rand() < 0.4) text = text.slice(0, at) + text.slice(at + 1);
    else text = text.slice(0, at) + pick([" ", ":", "-", "\n", "#", "'", '"', "[", "]", "{", "}", ",", "  ", "\t", "\r", "&a", "*a", "!"]) + text.slice(at);
  }
  return text;
}
