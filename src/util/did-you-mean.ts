import { ENGLISH } from "./message-template.js";
/** Edit distance (Levenshtein) between two short strings: two rows, no recursion. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const list = [...candidates];
  // A longer or shorter form of a name (`maximum` for `max`) is as likely as a typo.
  const prefix = list.find((c) => c.length >= 3 && lower.length >= 3 && (lower.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lower)));
  if (prefix) return prefix;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const length = Math.max(word.length, best.length);
  const allowed = length <= 4 ? 1 : Math.max(2, Math.floor(length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/**
 * Ids for a message that names what exists: all of them when few, else the first `limit` and how
 * many more (a catalog of hundreds would bury the message). In the order given: catalogs are
 * written in an order that means something.
 */
export function listIds(ids: readonly string[], limit = 10): string {
  if (ids.length === 0) return "";
  // Joined as the rule messages' English joins its lists, so every message reads alike.
  return ENGLISH.list(
    ids.slice(0, limit).map((id) => `\`${id}\``),
    Math.max(0, ids.length - limit),
  );
}
