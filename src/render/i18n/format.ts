import type { Labels, Plural } from "./types.js";

/**
 * Counts and shares as the report's language writes them, from CLDR through Intl rather than by
 * hand: the plural form that fits the count (Polish and Russian have three, Arabic six), the
 * digit grouping (12.345 in Danish, 12 345 in Bulgarian) and the percent sign's place.
 */
export function plural(labels: Labels, forms: Plural, count: number): string {
  const category = new Intl.PluralRules(labels.lang).select(count);
  return (forms[category] ?? forms.other).replace("{count}", formatNumber(labels, count));
}

export function formatNumber(labels: Labels, value: number): string {
  return new Intl.NumberFormat(labels.lang).format(value);
}

/** A share from 0 to 1, rounded to whole percent. */
export function formatPercent(labels: Labels, share: number): string {
  return new Intl.NumberFormat(labels.lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
}
