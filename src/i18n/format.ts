import type { Labels, Plural } from "./types.js";

/**
 * Counts and shares as the report's language writes them, from CLDR through Intl rather than by
 * hand: the plural form that fits the count (Polish and Russian have three, Arabic six), the
 * digit grouping (12.345 in Danish, 12 345 in Bulgarian) and the percent sign's place.
 */
export function plural(labels: Labels, forms: Plural, count: number): string {
  const category = cached(`plural ${labels.lang}`, () => new Intl.PluralRules(labels.lang)).select(count);
  return (forms[category] ?? forms.other).replace("{count}", formatNumber(labels, count));
}

export function formatNumber(labels: Labels, value: number): string {
  return cached(`number ${labels.lang}`, () => new Intl.NumberFormat(labels.lang)).format(value);
}

/** A share from 0 to 1, rounded to whole percent, or to `digits` places after the point (always written, so a column lines up). */
export function formatPercent(labels: Labels, share: number, digits = 0): string {
  return cached(
    `percent ${labels.lang} ${digits}`,
    () => new Intl.NumberFormat(labels.lang, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(share);
}

/**
 * A day as the report's language writes it ("Mar 2, 2026", "2. mar. 2026"), from a UTC time of
 * the analysis JSON (`2026-03-02T00:00:00Z`): the day in UTC, as analyze buckets it, whatever the
 * time zone of the machine that renders.
 */
export function formatDate(labels: Labels, utc: string): string {
  return cached(`date ${labels.lang}`, () => new Intl.DateTimeFormat(labels.lang, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" })).format(
    new Date(utc),
  );
}

/** A signed figure (an emotion from -2 to 2) as the locale writes it: Arabic puts U+200E before the sign, so the minus stays on the number's left in right-to-left text. */
export function formatSigned(labels: Labels, value: number): string {
  return cached(`signed ${labels.lang}`, () => new Intl.NumberFormat(labels.lang, { signDisplay: "exceptZero" })).format(value);
}

/** Between the label-and-count pairs of `findingCounts`: one mark every language reads as a separator, left to right or right to left. */
export const COUNT_SEPARATOR = " · ";

/**
 * A journey's findings as "Errors: 1 · Warnings: 2": each non-zero count with its label, joined by
 * `COUNT_SEPARATOR`, never by a list's "and" (which reads as one sentence: "Errors: 0, Warnings: 0,
 * and Notes: 0"); `labels.healthy` ("no findings") when there are none. `marks` prefix each label
 * (the index's emoji).
 */
export function findingCounts(
  labels: Labels,
  counts: { errorCount: number; warningCount: number; infoCount: number },
  marks: { error: string; warning: string; info: string } = { error: "", warning: "", info: "" },
): string {
  const parts = [
    [counts.errorCount, marks.error, labels.errors],
    [counts.warningCount, marks.warning, labels.warnings],
    [counts.infoCount, marks.info, labels.infos],
  ] as const;
  const shown = parts.filter(([count]) => count > 0).map(([count, mark, label]) => `${mark}${label}: ${formatNumber(labels, count)}`);
  return shown.length > 0 ? shown.join(COUNT_SEPARATOR) : labels.healthy;
}

/** Items joined as the language joins a list ("a, b og c"; Arabic with its own comma). */
export function formatList(labels: Labels, items: readonly string[]): string {
  return cached(`list ${labels.lang} ${labels.lists.type}`, () => new Intl.ListFormat(labels.lang, { type: labels.lists.type })).format(items);
}

/**
 * In a right-to-left report, user text and Latin ids isolated (FSI ... PDI) where they meet the
 * report's words, so the bidirectional algorithm cannot reorder the label's punctuation around
 * them. Never put inside a code span or a link target: there it would be part of the code or URL.
 */
export function isolate(labels: Labels, text: string): string {
  return labels.dir === "rtl" && text !== "" ? `\u2068${text}\u2069` : text;
}

// Building an Intl formatter costs far more than using one, and a report formats per step: one each, per language.
const formatters = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) formatters.set(key, (formatter = make()));
  return formatter;
}
