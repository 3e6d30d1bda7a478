import { visibleName } from "../escape/terminal.js";
import { DELIMITERS, delimiterName, formatOf } from "./log-files.js";
import type { AnalyzeColumns } from "../config/types.js";
import type { ColumnNames } from "./types.js";

export const DEFAULT_COLUMNS: ColumnNames = { caseId: "case_id", activity: "activity", timestamp: "timestamp" };
/** The XES standard's names, recognised when a column keeps its default name and the log lacks it. */
export const XES_COLUMNS: ColumnNames = { caseId: "case:concept:name", activity: "concept:name", timestamp: "time:timestamp" };
export const COLUMN_FLAGS: Record<keyof ColumnNames, string> = { caseId: "--case-column", activity: "--activity-column", timestamp: "--time-column" };

/** Flags first, then the config's `analyze.columns`, then the defaults. */
export function resolveColumns(flags: Partial<ColumnNames>, config: AnalyzeColumns): ColumnNames {
  return {
    caseId: flags.caseId ?? config.case_id ?? DEFAULT_COLUMNS.caseId,
    activity: flags.activity ?? config.activity ?? DEFAULT_COLUMNS.activity,
    timestamp: flags.timestamp ?? config.timestamp ?? DEFAULT_COLUMNS.timestamp,
  };
}

/** The names to look for, in order: a configured name alone, a default name then its XES name. */
export function columnCandidates(names: ColumnNames, key: keyof ColumnNames): string[] {
  return names[key] === DEFAULT_COLUMNS[key] ? [DEFAULT_COLUMNS[key], XES_COLUMNS[key]] : [names[key]];
}

/** Column names a message lists at most, and the characters of each it shows. */
export const LISTED_COLUMNS = 5;
export const LISTED_COLUMN_LENGTH = 40;

/**
 * The columns a log or table has, for a message: at most `LISTED_COLUMNS`, each cut to
 * `LISTED_COLUMN_LENGTH` characters, then how many more. A header is file content: a file named
 * by mistake (a link to a credentials file) must not have its text echoed.
 */
export function listedColumns(present: readonly string[]): string {
  if (present.length === 0) return "(none)";
  const shown = present.slice(0, LISTED_COLUMNS).map((c) => `\`${visibleName(c, LISTED_COLUMN_LENGTH)}\``);
  const more = present.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/**
 * The message for a column the log does not have. A CSV or TSV whose header has no delimiter
 * (one column: the whole first line) is not described by its columns: its first line is not
 * echoed, as it may be anything (a token in `~/.npmrc`). When that one column holds another of
 * the delimiters journey knows, the advice is to pass `--delimiter`. `delimiter`: the one the
 * file was read with (default: `,` for CSV, tab for TSV).
 */
export function missingColumnMessage(where: string, names: ColumnNames, key: keyof ColumnNames, present: readonly string[], delimiter?: string): string {
  const wanted = columnCandidates(names, key)
    .map((c) => `\`${c}\``)
    .join(" or ");
  const flags = `Name the column with ${COLUMN_FLAGS[key]} or analyze.columns in journey.config.yaml`;
  const format = delimitedFormat(where);
  if (format !== undefined && present.length <= 1) {
    const used = delimiter ?? (format === "csv" ? "," : "\t");
    const advice = delimiterAdvice(where, used, present[0] ?? "");
    if (advice !== undefined) return advice;
    const shownDelimiter = delimiterName(used);
    return `${where} does not look like a ${format.toUpperCase()} file with a header (its first line has no ${shownDelimiter}); check that --events names the event log`;
  }
  return `${where} has no column ${wanted}; its columns are ${listedColumns(present)}. ${flags}`;
}

/** The message for a `--by` column the log or table does not have, listing the columns it has. */
export function missingByColumnMessage(where: string, column: string, present: readonly string[]): string {
  return `${where} has no column \`${visibleName(column, LISTED_COLUMN_LENGTH)}\` (--by); its columns are ${listedColumns(present)}. Name one of them with --by`;
}

function delimitedFormat(where: string): "csv" | "tsv" | undefined {
  try {
    const { format } = formatOf(where);
    return format === "csv" || format === "tsv" ? format : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a CSV or TSV read with `used` whose header line is one column (it has no `used`) holding
 * another delimiter journey knows: the advice to pass `--delimiter`. Else undefined. The header
 * itself is not echoed.
 */
export function delimiterAdvice(where: string, used: string, header: string): string | undefined {
  if (header.includes(used)) return undefined;
  const other = DELIMITERS.find((d) => d !== used && header.includes(d));
  if (other === undefined) return undefined;
  return `${where} was read with the delimiter ${delimiterName(used)}, but its header is one column holding ${delimiterName(other)}: pass --delimiter ${other === "\t" ? "tab" : `'${other}'`} (or set analyze.delimiter in journey.config.yaml)`;
}
