import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { createInterface } from "node:readline";
import { isAbsolute, relative, resolve } from "node:path";
import { checkPattern, expandGlob, GlobPatternError, isGlob } from "../discover/files.js";
import { toPosix } from "../util/paths.js";
import { AnalyzeError, type LogFile, type LogFormat } from "./types.js";

const FORMATS: Record<string, LogFormat> = { csv: "csv", tsv: "tsv", jsonl: "jsonl", ndjson: "jsonl", parquet: "parquet", xes: "xes" };
export const LOG_EXTENSIONS = ".csv, .tsv, .jsonl, .ndjson, .parquet, .xes (the text formats and XES optionally .gz)";

/** The CSV delimiters journey detects, in the order that breaks a tie. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** A delimiter as messages show it. */
export const delimiterName = (delimiter: string) => (delimiter === "\t" ? "tab" : `\`${delimiter}\``);

/**
 * `--delimiter` or `analyze.delimiter`: one character, `tab` or `\t` for a tab. Not a letter, a
 * digit, a space, a quote or a line break (they cannot separate a CSV's fields). Returns the
 * character, or undefined when the value is none of these.
 */
export function parseDelimiter(value: string): string | undefined {
  if (value === "tab" || value === "\\t") return "\t";
  if ([...value].length !== 1 || /[\p{L}\p{N}\s"'\\]/u.test(value) || value.codePointAt(0)! < 0x20) return undefined;
  return value;
}

/** How much of a CSV's first line is read to detect its delimiter. */
const HEADER_BYTES = 64 * 1024;

/**
 * The first line of a text log (decompressed), at most 64 KB of it, without its line break and
 * byte order mark. Reads only that much.
 */
export async function readHeaderLine(file: LogFile): Promise<string> {
  const input = createReadStream(file.path, { end: file.gzip ? undefined : HEADER_BYTES - 1 });
  const stream = file.gzip ? input.pipe(createGunzip()) : input;
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= HEADER_BYTES || chunk.includes(0x0a)) break;
    }
  } catch {
    // A damaged gzip stream: verifyLogFile says so; the header read so far is what there is.
  } finally {
    input.destroy();
    stream.destroy();
  }
  const text = Buffer.concat(parts).subarray(0, HEADER_BYTES).toString("utf8");
  return text.replace(/^\uFEFF/, "").split(/\r?\n/)[0];
}

/**
 * The delimiter of a CSV from its header line: among `,` `;` tab `|`, the one that splits the
 * header into the most fields named as a wanted column (`wanted`: the case, activity and time
 * columns looked for); on a tie, the one giving more fields; on a tie again, the first in that
 * order. A header none of them splits is read with `,`.
 */
export function detectDelimiter(header: string, wanted: readonly string[]): string {
  const names = new Set(wanted);
  let best: { delimiter: string; known: number; fields: number } = { delimiter: ",", known: -1, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const fields = header.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
    const known = fields.filter((f) => names.has(f)).length;
    if (known > best.known || (known === best.known && fields.length > best.fields)) best = { delimiter, known, fields: fields.length };
  }
  return best.delimiter;
}

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

/** How much of a text log (decompressed) is checked for its encoding before the engine reads it. */
export const ENCODING_CHECK_BYTES = 4 * 1024 * 1024;

/**
 * What the engines cannot be trusted to notice in a text log, checked in a stream beside the
 * analysis (nothing is held in memory but the first 4 MB): an encoding other than UTF-8 in the
 * first 4 MB (a UTF-16 byte order mark, NUL bytes, bytes that are not UTF-8: "`<file>` is not
 * UTF-8 (line N)"), and, for a gzip file, a damaged or cut-short stream, which DuckDB reads up to
 * the damage and then takes as the end of the file. Rejects with `AnalyzeError`.
 */
export async function verifyLogFile(file: LogFile, cwd: string, signal?: AbortSignal): Promise<void> {
  if (file.format === "parquet") return;
  const shown = shownPath(file.path, cwd);
  const input = createReadStream(file.path, { signal });
  const stream = file.gzip ? input.pipe(createGunzip()) : input;
  if (file.gzip) input.on("error", (error) => stream.destroy(error));
  const head: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (size < ENCODING_CHECK_BYTES) {
        head.push(chunk);
        size += chunk.length;
        if (size >= ENCODING_CHECK_BYTES) {
          checkEncoding(Buffer.concat(head).subarray(0, ENCODING_CHECK_BYTES), shown, false);
          head.length = 0;
          // A plain file is checked; a gzip stream is read to its end to prove it is whole.
          if (!file.gzip) break;
        }
      }
    }
  } catch (error) {
    if (error instanceof AnalyzeError) throw error;
    if (signal?.aborted) return;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = code.startsWith("Z_") ? "the gzip stream is damaged or cut short" : "it cannot be read";
    throw new AnalyzeError(`the event log could not be read: ${shown}: ${why} (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  if (head.length > 0) checkEncoding(Buffer.concat(head), shown, true);
}

/** The message for a log that is not UTF-8, at 1-based line `line`. */
export function notUtf8Message(shown: string, line: number, what = ""): string {
  return `\`${shown}\` is not UTF-8 (line ${line})${what}; convert it to UTF-8 (for example iconv -f LATIN1 -t UTF-8) and analyze it again`;
}

function checkEncoding(bytes: Buffer, shown: string, complete: boolean): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new AnalyzeError(
      `\`${shown}\` is not UTF-8 (line 1): it is UTF-16 (it starts with a UTF-16 byte order mark); convert it to UTF-8 (iconv -f UTF-16 -t UTF-8) and analyze it again`,
    );
  const lineAt = (offset: number) => {
    let line = 1;
    for (let at = bytes.indexOf(0x0a); at >= 0 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line++;
    return line;
  };
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new AnalyzeError(notUtf8Message(shown, lineAt(nul), ": it has NUL bytes, as UTF-16 text does"));
  if (isUtf8(bytes)) return;
  const invalid = firstInvalidUtf8(bytes);
  // A character cut by the end of the checked part is not an error of the file.
  if (invalid >= 0 && (complete || invalid < bytes.length - 3)) throw new AnalyzeError(notUtf8Message(shown, lineAt(invalid)));
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/** How much of each log the search for an unreadable value reads at most (decompressed). */
const SEARCH_BYTES = 64 * 1024 * 1024;

/**
 * Where the first of `values` is written in the logs (files in order, lines from 1, a CSV's
 * header skipped): `file:line` of the first line that holds one of them as CSV, JSON or XML
 * writes it, and which value that is; or undefined when none is found in the first 64 MB of each file. For a message
 * about a value the engine could not read; the engine itself does not count lines.
 */
export async function firstLineHolding(
  files: readonly LogFile[],
  values: readonly string[],
  cwd: string,
): Promise<{ value: string; where: string } | undefined> {
  if (values.length === 0) return undefined;
  const xml = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  for (const file of files) {
    const path = file.origin ?? file.path;
    const format = file.origin !== undefined ? "xes" : file.format;
    if (format === "parquet") continue;
    const forms = values.flatMap((value) =>
      (format === "xes" ? [`"${xml(value)}"`] : format === "jsonl" ? [JSON.stringify(value)] : [value, value.replace(/"/g, '""')]).map((form) => ({
        form,
        value,
      })),
    );
    const input = createReadStream(path);
    const stream = path.toLowerCase().endsWith(".gz") ? input.pipe(createGunzip()) : input;
    stream.on("error", () => {});
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let line = 0;
    let bytes = 0;
    try {
      for await (const text of lines) {
        line++;
        bytes += text.length + 1;
        if (bytes > SEARCH_BYTES) break;
        if (line === 1 && (format === "csv" || format === "tsv")) continue;
        const found = forms.find(({ form }) => text.includes(form));
        if (found) return { value: found.value, where: `${shownPath(path, cwd)}:${line}` };
      }
    } catch {
      // A damaged file: verifyLogFile says so.
    } finally {
      lines.close();
      input.destroy();
    }
  }
  return undefined;
}
