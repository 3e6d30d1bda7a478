import { Chalk, type ChalkInstance } from "chalk";

/**
 * Colour level for a stream: `--no-color` and NO_COLOR (any non-empty value) turn colour off,
 * FORCE_COLOR turns it on (0 turns it off), otherwise only a terminal gets colour.
 */
export function colorFor(stream: { isTTY?: boolean }, options: { color?: boolean }, env = process.env): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, options, env) });
}

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
