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

/** The message for a column the log does not have. */
export function missingColumnMessage(where: string, names: ColumnNames, key: keyof ColumnNames, present: readonly string[]): string {
  const wanted = columnCandidates(names, key)
    .map((c) => `\`${c}\``)
    .join(" or ");
  const has = present.length > 0 ? present.map((c) => `\`${c}\``).join(", ") : "(none)";
  return `${where} has no column ${wanted}; its columns are ${has}. Name the column with ${COLUMN_FLAGS[key]} or analyze.columns in journey.config.yaml`;
}
