import type { Named, Written } from "../model/types.js";

/**
 * Reads a catalog entry's name as written (`name: Live chat` or `name: { en: Live chat, da: Chat }`):
 * `name` becomes the English name, or the first given, which lint messages and terminal output
 * show (they are English); the names by language are kept for reports.
 */
export function readName<T extends Named>(entry: Written<T>): T {
  const written = entry.name;
  if (typeof written === "string") return { ...entry, name: written } as T;
  const name = Object.prototype.hasOwnProperty.call(written, "en") ? written.en : Object.values(written)[0];
  return { ...entry, name, names: written } as T;
}

/** A catalog (`channels:`, `personas:`, `teams:`) with every entry's name read. */
export function readNames<T extends Named>(catalog: Readonly<Record<string, Written<T>>> | undefined): Record<string, T> {
  return Object.fromEntries(Object.entries(catalog ?? {}).map(([id, entry]) => [id, readName<T>(entry)]));
}
