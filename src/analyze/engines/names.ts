/**
 * `journey analyze --engine` choices (kept apart from the engines, as the formatters' names are,
 * so the CLI's option list loads neither their modules nor index.ts's loaders). index.ts has an
 * engine of each name.
 */
export const ENGINE_NAMES = ["duckdb", "clickhouse"] as const;
export const DEFAULT_ENGINE = "duckdb";
