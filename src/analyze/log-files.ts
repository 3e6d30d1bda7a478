import { closeSync, openSync, readSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { checkPattern, expandGlob, GlobPatternError, isGlob } from "../discover/files.js";
import { toPosix } from "../util/paths.js";
import { AnalyzeError, type LogFile, type LogFormat } from "./types.js";

const FORMATS: Record<string, LogFormat> = { csv: "csv", tsv: "tsv", jsonl: "jsonl", ndjson: "jsonl", parquet: "parquet" };
export const LOG_EXTENSIONS = ".csv, .tsv, .jsonl, .ndjson, .parquet (the text formats optionally .gz)";

/**
 * Expands `--events` arguments (files or globs, as the other commands take them) into checked
 * log files: regular files only (a symlink counts as what it points to; FIFOs, devices and
 * folders are refused), readable, not empty, with a known format. Duplicates are dropped, order
 * kept. Throws `AnalyzeError` naming the argument or file and what to do.
 */
export function resolveLogFiles(args: readonly string[], cwd: string): LogFile[] {
  if (args.length === 0) throw new AnalyzeError("no event log given: name one with --events <file|glob>");
  const shown = (path: string) => shownPath(path, cwd);
  const files = new Map<string, LogFile>();
  for (const given of args) {
    const absolute = resolve(cwd, given);
    let paths: string[];
    if (exists(absolute)) paths = [absolute];
    else if (isGlob(given)) {
      try {
        checkPattern(given, "--events");
      } catch (error) {
        throw error instanceof GlobPatternError ? new AnalyzeError(error.message) : error;
      }
      paths = expandGlob(given, cwd).files;
      if (paths.length === 0) throw new AnalyzeError(`--events ${given}: the pattern matches no file`);
    } else throw new AnalyzeError(`--events ${given}: file not found`);
    for (const path of paths) if (!files.has(path)) files.set(path, checkLogFile(path, shown(path)));
  }
  return [...files.values()];
}

/** A log file as messages name it: relative to the working folder when it is below it. */
export function shownPath(path: string, cwd: string): string {
  const local = toPosix(relative(cwd, path));
  return local === "" || local.startsWith("../") || isAbsolute(local) ? path : local;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function checkLogFile(path: string, shown: string): LogFile {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new AnalyzeError(`${shown} is a folder: name the log files, or a glob such as ${shown}/*.csv`);
  if (!stat.isFile()) throw new AnalyzeError(`${shown} is not a regular file (a FIFO, socket or device); event logs must be files`);
  const { format, gzip } = formatOf(path, shown);
  if (stat.size === 0) throw new AnalyzeError(`${shown} is empty`);
  try {
    // Opening and reading one byte proves the engine will be able to read it.
    const fd = openSync(path, "r");
    try {
      readSync(fd, Buffer.alloc(1), 0, 1, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new AnalyzeError(`${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { path, format, gzip };
}

/** The format from the extension: `.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.parquet`, text formats optionally `.gz`. */
export function formatOf(path: string, shown = path): { format: LogFormat; gzip: boolean } {
  const parts = path.toLowerCase().split("/").pop()!.split(".");
  const gzip = parts.length > 2 && parts[parts.length - 1] === "gz";
  const format = FORMATS[parts.length > 1 ? parts[parts.length - (gzip ? 2 : 1)] : ""];
  if (!format) throw new AnalyzeError(`${shown}: unknown log format; journey reads ${LOG_EXTENSIONS}`);
  if (format === "parquet" && gzip)
    throw new AnalyzeError(`${shown}: Parquet files carry their own compression; decompress the .gz or write the Parquet file with compression inside`);
  return { format, gzip };
}
