import { EPOCH_MILLIS_PATTERN, ISO_8601_PATTERN } from "../timestamps.js";
/**
 * The only ways user text reaches ClickHouse SQL. ClickHouse 18.16 refuses query parameters, so
 * values (activity names, step ids, table and database names in system-table lookups) become
 * string literals made by `stringLiteral`, and identifiers pass a strict pattern before being
 * backquoted. Everything else in the engine's SQL is fixed text and numbers.
 */
import { AnalyzeError } from "../types.js";

/**
 * A ClickHouse string literal holding `value` as UTF-8 (lone surrogates become U+FFFD, as any
 * UTF-8 encoder does). Printable ASCII stays readable; every other byte, and the quote and the
 * backslash, is escaped, so the SQL text is pure ASCII whatever the transport does to encodings.
 */
export function stringLiteral(value: string): string {
  let out = "'";
  for (const byte of Buffer.from(value, "utf8")) {
    if (byte === 0x27 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `${out}'`;
}

export function stringArrayLiteral(values: readonly string[]): string {
  return `[${values.map(stringLiteral).join(", ")}]`;
}

/** Integers only (step indexes, counts): anything else is a programming error, never user text. */
export function intArrayLiteral(values: readonly number[]): string {
  for (const value of values) if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return `[${values.join(", ")}]`;
}

/**
 * Letters, digits, `_`, and `:` (for XES-style column names); no quotes, dots or spaces. Names
 * starting with `__j` are the engine's own aliases (ClickHouse aliases share one namespace with
 * columns), so they are refused too.
 */
const IDENTIFIER = /^(?!__j)[A-Za-z_][A-Za-z0-9_:]{0,127}$/;

/** `name` backquoted, after checking it against the strict pattern (`what` names it in the error). */
export function identifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new AnalyzeError(
      `${what} ${JSON.stringify(name)} is not a plain ClickHouse identifier (letters, digits, "_" and ":", starting with a letter or "_", not "__j")`,
    );
  }
  return `\`${name}\``;
}

/**
 * Epoch milliseconds (floored) of ISO 8601 text in the String expression `text`, or NULL when it
 * is not such a timestamp or names an impossible date or time. Computed with integer arithmetic
 * (days from the civil date, H. Hinnant's algorithm) rather than parseDateTimeBestEffort, which in
 * 18.16 accepts far more than ISO 8601, returns 0000-00-00 for impossible dates and cannot hold
 * milliseconds or dates outside 1970..2105.
 */
export function isoMillisExpression(text: string): string {
  const digits = (start: number, length: number) => `toInt64OrZero(substring(${text}, ${start}, ${length}))`;
  const y = digits(1, 4);
  const m = digits(6, 2);
  const d = digits(9, 2);
  const hasTime = `(length(${text}) >= 16)`;
  const hour = `if(${hasTime}, ${digits(12, 2)}, 0)`;
  const minute = `if(${hasTime}, ${digits(15, 2)}, 0)`;
  const second = `if(substring(${text}, 17, 1) = ':', ${digits(18, 2)}, 0)`;
  const fraction = `extract(${text}, '^[^.,]*[.,]([0-9]+)')`;
  const millis = `toInt64OrZero(substring(concat(${fraction}, '000'), 1, 3))`;
  // The zone sits after the minutes (position 17 on); a date alone has none (its "-DD" is no offset).
  const zone = `replaceAll(extract(substring(${text}, 17), '[+-][0-9]{2}(?::?[0-9]{2})?$'), ':', '')`;
  const zoneMinutes = `if(${zone} = '', 0, if(substring(${zone}, 1, 1) = '-', -1, 1) * (toInt64OrZero(substring(${zone}, 2, 2)) * 60 + toInt64OrZero(substring(${zone}, 4, 2))))`;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 != 0) OR ${y} % 400 = 0)`;
  const daysInMonth = `if(${m} = 2, if(${leap}, 29, 28), if(${m} IN (4, 6, 9, 11), 30, 31))`;
  const valid = `(match(${text}, '${ISO_8601_PATTERN}') AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonth} AND ${hour} <= 23 AND ${minute} <= 59 AND ${second} <= 59 AND toInt64OrZero(substring(${zone}, 2, 2)) <= 14 AND toInt64OrZero(substring(${zone}, 4, 2)) <= 59)`;
  // Days since 1970-01-01; the year is shifted by one 400-year era so that every division is of a
  // positive number (intDiv truncates towards zero).
  const shifted = `(${y} - if(${m} <= 2, 1, 0) + 400)`;
  const era = `intDiv(${shifted}, 400)`;
  const yearOfEra = `(${shifted} - ${era} * 400)`;
  const dayOfYear = `(intDiv(153 * (${m} + if(${m} > 2, -3, 9)) + 2, 5) + ${d} - 1)`;
  const dayOfEra = `(${yearOfEra} * 365 + intDiv(${yearOfEra}, 4) - intDiv(${yearOfEra}, 100) + ${dayOfYear})`;
  const days = `(${era} * 146097 + ${dayOfEra} - 719468 - 146097)`;
  const epochMillis = `((${days} * 86400 + ${hour} * 3600 + ${minute} * 60 + ${second} - ${zoneMinutes} * 60) * 1000 + ${millis})`;
  return `if(${valid}, ${epochMillis}, NULL)`;
}

/** What a column's type is to the engine, from `system.columns.type`. */
export type TimestampKind = "datetime" | "datetime64" | "date" | "string" | "integer";

/** The timestamp kinds the engine reads; undefined for any other type (the error lists these). */
/** The type inside its `Nullable(...)` and `LowCardinality(...)` wrappers. */
function unwrap(type: string): string {
  const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return inner ? unwrap(inner[1]) : type;
}

export const isNullable = (type: string): boolean => /^(?:LowCardinality\()?Nullable\(/.test(type);

export function timestampKind(type: string): TimestampKind | undefined {
  const bare = unwrap(type);
  if (/^DateTime64\(/.test(bare)) return "datetime64";
  if (/^DateTime(\(.*\))?$/.test(bare)) return "datetime";
  if (bare === "Date") return "date";
  if (/^(String|FixedString\(\d+\))$/.test(bare)) return "string";
  if (/^U?Int(32|64)$/.test(bare)) return "integer";
  return undefined;
}

export const TIMESTAMP_TYPES = "DateTime, DateTime64 (servers that have it), Date, String (ISO 8601) or Int64/UInt64/Int32/UInt32 (epoch milliseconds)";

/** Epoch milliseconds (Int64, NULL when unreadable) of the quoted column `column` of the given kind. */
export function timestampMillisExpression(column: string, kind: TimestampKind, nullable: boolean): string {
  switch (kind) {
    case "datetime":
      return `toInt64(toUInt32(${column})) * 1000`;
    case "date":
      // A Date is a day number since 1970-01-01; midnight UTC whatever the server's time zone.
      return `toInt64(toUInt16(${column})) * 86400000`;
    case "datetime64":
      // Only servers with DateTime64 (20.x on) have columns of this type, and they have this function.
      return `toUnixTimestamp64Milli(${column})`;
    case "integer":
      return `toInt64(${column})`;
    case "string": {
      // Text is ISO 8601 or a whole number of epoch milliseconds (analyze/timestamps.ts).
      const text = nullable ? `ifNull(toString(${column}), '')` : `toString(${column})`;
      return `if(match(${text}, '${EPOCH_MILLIS_PATTERN}'), toInt64OrNull(${text}), ${isoMillisExpression(text)})`;
    }
  }
}

/**
 * A case id or activity column as String ('' for NULL, which makes the row skipped). Always a
 * function call, even for a String column: 18.16 loses a WITH alias of a bare column in GROUP BY
 * ("Unknown identifier").
 */
export function textExpression(column: string, type: string): string {
  const text = /^FixedString\(/.test(unwrap(type)) ? `toStringCutToZero(${column})` : `toString(${column})`;
  return isNullable(type) ? `ifNull(${text}, '')` : text;
}
