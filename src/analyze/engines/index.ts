import type { AnalysisEngine } from "../types.js";
import type { ENGINE_NAMES } from "./names.js";

/**
 * The engines `--engine` offers, by name; each loads its module (and its database client) only
 * when it is chosen, so the other commands never pay for them. One for each of ENGINE_NAMES
 * (names.ts, what the CLI's option offers), no more, no fewer: the compiler checks.
 */
export const ENGINES: Record<string, () => Promise<AnalysisEngine>> = {
  duckdb: async () => (await import("./duckdb.js")).createDuckDbEngine(),
  clickhouse: async () => (await import("./clickhouse.js")).createClickHouseEngine(),
} satisfies Record<(typeof ENGINE_NAMES)[number], () => Promise<AnalysisEngine>>;
