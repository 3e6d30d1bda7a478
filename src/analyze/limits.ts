/**
 * The bounds of one `journey analyze` run: how much memory the process may take, and how many
 * mapped events one case may have (an engine gathers a case's events into one list). Defaults,
 * parsing of `--memory-limit` / `analyze.memory_limit`, and the messages that name each limit
 * and how to raise it. docs/analyze.md (section Limits) documents them.
 */

export interface AnalyzeLimits {
  /** Ceiling on the memory of the whole process, in bytes. */
  memoryBytes: number;
  /** Most mapped events of one case. */
  maxCaseEvents: number;
}

export const DEFAULT_MEMORY_LIMIT = 1_500_000_000;
export const MIN_MEMORY_LIMIT = 256_000_000;
export const DEFAULT_MAX_CASE_EVENTS = 1_000_000;
export const DEFAULT_LIMITS: AnalyzeLimits = { memoryBytes: DEFAULT_MEMORY_LIMIT, maxCaseEvents: DEFAULT_MAX_CASE_EVENTS };

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * A size as DuckDB and most tools write it: `512MB`, `1.5GB`, `2GiB`, `800M` (KB, MB, GB, TB are
 * powers of 1000; KiB, MiB, GiB, TiB of 1024; a bare number is bytes). Undefined when `text` is
 * not one.
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `1.5 GB`, `512 MB`: a size for messages, in the units `--memory-limit` takes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ["TB", 1e12],
    ["GB", 1e9],
    ["MB", 1e6],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  }
  return `${Math.ceil(bytes / 1e3)} KB`;
}

/**
 * The memory DuckDB itself may use within the process's limit: half of it. The rest is for Node,
 * the journey, and what DuckDB allocates besides its buffer pool, which its own limit does not
 * count: measured on one case of 6 million events at a 512 MB limit, DuckDB at 384 MB peaked
 * the process at 712 MB; at 256 MB, below 512 MB.
 */
export function duckDbShare(memoryBytes: number): number {
  return Math.floor(memoryBytes / 2);
}

/** The error when the engine ran out of the memory it was given. */
export function memoryLimitMessage(limits: AnalyzeLimits): string {
  return `the analysis reached its memory limit of ${formatSize(limits.memoryBytes)}; raise it with --memory-limit <size> (e.g. --memory-limit ${Math.ceil((limits.memoryBytes * 2) / 1e9)}GB) or analyze.memory_limit in journey.config.yaml, or analyze fewer or smaller logs at a time`;
}

/** The error when a case has more mapped events than `limits.maxCaseEvents`. */
export function caseEventsMessage(limits: AnalyzeLimits, events: number): string {
  const count = (n: number) => n.toLocaleString("en-US");
  return `a case has ${count(events)} mapped events, more than the limit of ${count(limits.maxCaseEvents)} per case; raise it with --max-case-events <n> or analyze.max_case_events in journey.config.yaml (a case's events are gathered into one list in memory)`;
}
