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

/**
 * The strftime codes `--timestamp-format` takes (DuckDB's `strptime` reads them): `%Y` year (4
 * digits), `%m` month, `%d` day, `%H` hour (00-23), `%M` minute, `%S` second, `%f` a fraction of
 * a second (up to 6 digits, after a `.` written in the format), `%z` an offset (`+hh:mm`,
 * `+hhmm`, `+hh`, or `Z`; without it the time is UTC) and `%%` a percent sign.
 */
export const TIMESTAMP_FORMAT_CODES = ["%Y", "%m", "%d", "%H", "%M", "%S", "%f", "%z", "%%"] as const;

/** Why a `--timestamp-format` cannot be used (a code journey does not take, no date), or undefined. */
export function timestampFormatProblem(format: string): string | undefined {
  const codes: string[] = format.match(/%./gs) ?? [];
  const unknown = codes.find((code) => !(TIMESTAMP_FORMAT_CODES as readonly string[]).includes(code));
  if (unknown !== undefined) return `\`${unknown}\` is not a code journey reads; use ${TIMESTAMP_FORMAT_CODES.join(" ")}`;
  if (format.endsWith("%") && !format.endsWith("%%")) return "it ends with a lone `%`";
  for (const needed of ["%Y", "%m", "%d"]) if (!codes.includes(needed)) return `it has no \`${needed}\`: a time needs a year, a month and a day`;
  return undefined;
}
