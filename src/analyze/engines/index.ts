import type { AnalysisEngine } from "../types.js";

/**
 * The engines `--engine` offers, by name; each loads its module (and its database client) only
 * when it is chosen, so the other commands never pay for them.
 */
export const ENGINES: Record<string, () => Promise<AnalysisEngine>> = {
  duckdb: async () => (await import("./duckdb.js")).createDuckDbEngine(),
  clickhouse: async () => (await import("./clickhouse.js")).createClickHouseEngine(),
};

export const ENGINE_NAMES = Object.keys(ENGINES);
export const DEFAULT_ENGINE = "duckdb";
