/**
 * The timestamp text that every engine reads, so that the same log gives the same figures through
 * DuckDB and ClickHouse: ISO 8601 as `YYYY-MM-DD`, optionally `T` or a space and `hh:mm`, `:ss`,
 * a fraction after `.`, and a zone (`Z`, `+hh`, `+hhmm`, `+hh:mm`, with hh at most 14 and mm at
 * most 59, the range of real offsets; none means UTC); or a whole number of epoch milliseconds. Anything else (`t` or `z` in lower case, a `,` fraction, month
 * names, zone names) is an unreadable timestamp: the row is skipped. Both engines take these
 * patterns verbatim (RE2 syntax in both), so neither accepts a form the other refuses.
 */
export const ISO_8601_PATTERN =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?(?:Z|[+-](?:0[0-9]|1[0-4])(?::?[0-5][0-9])?)?)?$";

/** Epoch milliseconds written as text (a CSV column, a String column): an optional minus and up to 18 digits. */
export const EPOCH_MILLIS_PATTERN = "^-?[0-9]{1,18}$";

/**
 * Readable times, epoch milliseconds: the years 1 to 9999, ISO 8601's own range. A time outside
 * it (a number of milliseconds too large for a date, say) is unreadable in every engine alike.
 */
export const FIRST_MS = -62135596800000;
export const LAST_MS = 253402300799999;
