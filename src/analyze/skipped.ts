import { visibleName } from "../escape/terminal.js";
import type { SkippedReasons } from "./types.js";

/** Characters of an unreadable value a message shows at most (the value is log content). */
const SHOWN_VALUE = 40;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The first unreadable time as a message shows it: escaped, cut, with its `file:line` when known. */
export function firstUnreadableText(reasons: SkippedReasons): string | undefined {
  const first = reasons.firstUnreadable;
  if (!first) return undefined;
  return `\`${visibleName(first.value, SHOWN_VALUE)}\`${first.where !== undefined ? ` at ${first.where}` : ""}`;
}

/** Each reason with its count, most frequent first (ties in a fixed order); undefined when none. */
export function skippedReasonsText(reasons: SkippedReasons): string | undefined {
  const first = firstUnreadableText(reasons);
  const parts = [
    { n: reasons.unreadableTime, text: plural(reasons.unreadableTime, "unreadable time", "unreadable times") + (first ? ` (first ${first})` : "") },
    { n: reasons.noCaseId, text: plural(reasons.noCaseId, "without a case id", "without a case id") },
    { n: reasons.noActivity, text: plural(reasons.noActivity, "without an activity", "without an activity") },
    { n: reasons.malformedLines, text: plural(reasons.malformedLines, "line not split into the header's fields", "lines not split into the header's fields") },
  ].filter((p) => p.n > 0);
  if (parts.length === 0) return undefined;
  return parts
    .sort((a, b) => b.n - a.n)
    .map((p) => p.text)
    .join(", ");
}

/** The times journey reads, for a message about unreadable ones. */
export function acceptedTimes(timestampFormat?: string): string {
  if (timestampFormat !== undefined) return `times as --timestamp-format \`${visibleName(timestampFormat, SHOWN_VALUE)}\` writes them`;
  return "ISO 8601 (2026-04-05T10:00:00Z, 2026-04-05 10:00:00+02:00, 2026-04-05) or epoch milliseconds; name another form with --timestamp-format (strftime codes, e.g. '%m/%d/%Y %H:%M')";
}
