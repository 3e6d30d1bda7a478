/**
 * `--window`, `--since` and `--until`: which part of each case's path the figures describe
 * (docs/analyze.md, "For product teams"). Parsed here, applied by the engines.
 */
import { FIRST_MS, ISO_8601_PATTERN, LAST_MS } from "./timestamps.js";

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `90s`, `30m`, `2h`, `7d` (a whole number of 1 or more and one unit); undefined otherwise. */
export function parseWindow(text: string): number | undefined {
  const match = /^([1-9][0-9]{0,9})(s|m|h|d)$/.exec(text.trim());
  return match ? Number(match[1]) * UNITS[match[2]] : undefined;
}

/**
 * Epoch milliseconds of an ISO 8601 time as the logs' timestamps are read (analyze/timestamps.ts:
 * a date alone is midnight, no zone is UTC), floored to the millisecond; undefined when it is not
 * one or names an impossible date or time.
 */
export function parseInstant(text: string): number | undefined {
  const value = text.trim();
  if (!new RegExp(ISO_8601_PATTERN).test(value)) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value)!;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  date.setUTCHours(0, 0, 0, 0);
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !leap(year) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offsetMinutes = 0;
  if (m[8] && m[8] !== "Z") {
    const digits = m[8].slice(1).replace(":", "");
    offsetMinutes = (m[8].startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const ms = date.getTime() + (day - 1) * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return ms >= FIRST_MS && ms <= LAST_MS ? ms : undefined;
}

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
