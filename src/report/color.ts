import type { ChalkInstance } from "chalk";

/**
 * The colours of a report for a stream (the level `colorLevel` gives): chalk, or with colour off
 * (a pipe, a file, NO_COLOR) `PLAIN`, which gives back the text it is given. chalk is loaded only
 * for colour: loading it (it builds its styles as it loads) was 3.5 M instructions, 2.2% of a
 * one-file lint into a pipe (bench/profiles.md).
 */
export async function colorFor(stream: { isTTY?: boolean }, options: { color?: boolean }, env = process.env): Promise<ChalkInstance> {
  const level = colorLevel(stream, options, env);
  if (level === 0) return PLAIN;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}

/**
 * chalk with colour off, without chalk: any chain of styles (`color.red.bold`) is `PLAIN` again,
 * and a call gives back its text as chalk's does at level 0 (one value as a string, several
 * joined by spaces). It is no promise (`then` is undefined) and keeps a function's own members.
 */
export const PLAIN: ChalkInstance = new Proxy(((...text: unknown[]) => (text.length === 1 ? String(text[0]) : text.join(" "))) as ChalkInstance, {
  get: (target, key): unknown => (key === "level" ? 0 : typeof key === "string" && key !== "then" && !(key in target) ? PLAIN : Reflect.get(target, key)),
});

/**
 * Colour level for a stream: `--no-color` and NO_COLOR (any non-empty value) turn colour off,
 * FORCE_COLOR turns it on (0 turns it off), otherwise only a terminal gets colour.
 */
export function colorLevel(stream: { isTTY?: boolean }, options: { color?: boolean }, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (options.color === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") {
    if (force === "0" || force === "false") return 0;
    const level = Number(force);
    return level === 2 || level === 3 ? level : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (!stream.isTTY || env.TERM === "dumb") return 0;
  return 1;
}
