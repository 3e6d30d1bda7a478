import { sep } from "node:path";

/** A path with `/` separators, as reports, globs and generated links show it on every system. */
export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
