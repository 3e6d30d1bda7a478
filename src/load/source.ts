import { readRegularFile } from "../util/regular-file.js";
import type { Finding } from "../finding.js";
import { FILE_START } from "../finding.js";

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type SourceResult = { text: string; finding?: undefined } | { text?: undefined; finding: Finding };

/** A file that cannot be checked at all: a `syntax` error at its start. */
export function fileProblem(message: string): { finding: Finding } {
  return { finding: { ruleId: "syntax", messageId: "unreadable", severity: "error", message, ...FILE_START } };
}

/**
 * Reads a journey file as UTF-8 text. Everything that would make the YAML parser choke or
 * mislead (size, binary data, other encodings) becomes a plain finding instead of an exception.
 * Only regular files are read (`readRegularFile`). A UTF-8 byte order mark is dropped; CRLF is left to the parser, which handles it.
 */
export function readSource(path: string, limits: ReadLimits): SourceResult {
  const read = readRegularFile(path, limits.maxFileSize);
  if (read.tooLarge !== undefined) {
    const size = read.tooLarge > limits.maxFileSize + 1 ? formatBytes(read.tooLarge) : `over ${formatBytes(limits.maxFileSize)}`;
    return fileProblem(tooLarge(size, limits.maxFileSize));
  }
  if (read.problem !== undefined) return fileProblem(read.problem);
  return decodeSource(read.bytes);
}

/** Checks and decodes the bytes of a journey file, wherever they come from (disk, git). */
export function decodeSource(bytes: Uint8Array): SourceResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fileProblem("file is encoded as UTF-16; save it as UTF-8");
  }
  if (bytes.includes(0)) {
    return fileProblem("file contains binary data (NUL bytes), not YAML text");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    return {
      finding: {
        ruleId: "syntax",
        messageId: "encoding",
        severity: "error",
        message: "file is not valid UTF-8; save it as UTF-8",
        line,
        column,
        endLine: line,
        endColumn: column + 1,
      },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** Position of the first byte that breaks UTF-8, so the user can find it. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Longest valid prefix, by bisection: decoding is linear, so this stays O(n log n).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // A prefix may end inside a valid multi-byte character; back off to the last full line.
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, low));
  const lines = prefix.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The finding's text for a file over the size limit (`size` as a number of bytes, or already said as text). */
export function tooLarge(size: number | string, maxFileSize: number): string {
  return `file is ${typeof size === "number" ? formatBytes(size) : size}, over the limit of ${formatBytes(maxFileSize)}; split the journey, or raise limits.max_file_size in journey.config.yaml`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, "")} KB`;
  return `${bytes} bytes`;
}

export { describeIoError } from "../util/regular-file.js";
