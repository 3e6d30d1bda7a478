import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { createRequire } from "node:module";
import { once } from "node:events";
import { createGunzip } from "node:zlib";
import type { SaxesParser as SaxesParserType, SaxesTagPlain } from "saxes";
import { visibleName } from "../escape/terminal.js";
import { longRunAhead } from "../util/tiering.js";
import { AnalyzeError, type LogFile } from "./types.js";

/** The columns an XES event becomes (the names pm4py gives them too); every other event attribute keeps its key. */
export const XES_CASE = "case:concept:name";
export const XES_ACTIVITY = "concept:name";
export const XES_TIME = "time:timestamp";
const LIFECYCLE = "lifecycle:transition";

/** The elements of XES that carry one attribute (`key`, `value`); lists and containers are not read. */
const ATTRIBUTE_ELEMENTS = new Set(["string", "date", "int", "float", "boolean", "id"]);

export interface XesConversion {
  /** Events written as rows. */
  events: number;
  /** Events left out by the lifecycle filter (not rows). */
  lifecycleDropped: number;
}

/**
 * Reads an XES log (`.xes`, or gzipped `.xes.gz`) in a stream with saxes and writes its events
 * as JSON Lines to `out`, one object per event: `case:concept:name` (the trace's
 * `concept:name`), `concept:name`, `time:timestamp` (as written, offset included: the engine
 * reads it as any ISO 8601 time), every other attribute of the event under its key, and the
 * trace's other attributes as `case:<key>`. Memory holds one input chunk and, for a trace whose
 * name comes after some of its events, those events until the name is read. With lifecycle
 * `complete`, only events whose `lifecycle:transition` is `complete` (any case) or absent are
 * written; the others are counted. Throws `AnalyzeError` for malformed XML, a trace without a
 * name and an event without a time, each with its line.
 */
export async function convertXes(file: LogFile, shown: string, out: string, lifecycle: "complete" | "all", signal?: AbortSignal): Promise<XesConversion> {
  // Parsing XML in JavaScript is long work: V8's optimising compiler, held off for short runs (util/tiering.ts), pays here (5x faster).
  longRunAhead();
  // saxes is a dependency of journey kept out of the CLI bundle (scripts/bundle.mjs): loaded here, when an XES log is read.
  const { SaxesParser } = createRequire(import.meta.url)("saxes") as typeof import("saxes");
  const parser: SaxesParserType = new SaxesParser({ position: true });
  const input = createReadStream(file.path, { signal });
  const stream = file.gzip ? input.pipe(createGunzip()) : input;
  if (file.gzip) input.on("error", (error) => stream.destroy(error));
  stream.setEncoding("utf8");
  const output = createWriteStream(out);
  const counts: XesConversion = { events: 0, lifecycleDropped: 0 };
  let pending: string[] = [];
  let failure: AnalyzeError | undefined;
  const fail = (line: number, message: string) => {
    failure ??= new AnalyzeError(`${shown}:${line}: ${message}`);
  };

  // Where the parser is: the open elements, the trace's name and attributes, the event's attributes.
  const open: string[] = [];
  let trace: { line: number; name?: string; attributes: Record<string, string>; waiting: { row: Record<string, string>; line: number }[] } | undefined;
  let event: { line: number; attributes: Record<string, string> } | undefined;

  const emit = (row: Record<string, string>) => {
    pending.push(JSON.stringify({ ...trace!.attributes, ...row, [XES_CASE]: trace!.name }));
    counts.events++;
  };
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const parent = open[open.length - 1];
    open.push(tag.name);
    if (failure) return;
    if (tag.name === "trace" && parent === "log") trace = { line: parser.line, attributes: {}, waiting: [] };
    else if (tag.name === "event" && parent === "trace" && trace) event = { line: parser.line, attributes: {} };
    else if (ATTRIBUTE_ELEMENTS.has(tag.name) && typeof tag.attributes.key === "string") {
      const { key, value } = tag.attributes;
      const text = typeof value === "string" ? value : "";
      if (parent === "event" && event) event.attributes[key] = text;
      else if (parent === "trace" && trace && open.length === 3) {
        if (key === "concept:name") {
          trace.name = text;
          for (const waiting of trace.waiting) emit(waiting.row);
          trace.waiting = [];
        } else trace.attributes[`case:${key}`] = text;
      }
    }
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    open.pop();
    if (failure) return;
    if (tag.name === "event" && event && open[open.length - 1] === "trace" && trace) {
      const row = event.attributes;
      const line = event.line;
      event = undefined;
      if (row[XES_TIME] === undefined)
        return fail(line, `an event of trace ${traceName()} has no time (no <date key="time:timestamp">); every XES event needs one`);
      const transition = row[LIFECYCLE];
      if (lifecycle === "complete" && transition !== undefined && transition.toLowerCase() !== "complete") {
        counts.lifecycleDropped++;
        return;
      }
      if (trace.name !== undefined) emit(row);
      else trace.waiting.push({ row, line });
    } else if (tag.name === "trace" && trace && open.length === 1) {
      if (trace.name === undefined) fail(trace.line, 'a trace has no name (no <string key="concept:name"> of its own); every XES trace needs one, its case id');
      trace = undefined;
    }
  });
  parser.on("error", (error: Error) => {
    // saxes says "line:column: what"; the line is journey's to say, once.
    fail(parser.line, `not well-formed XML: ${error.message.replace(/^\d+:\d+: /, "")}`);
  });
  const traceName = () => (trace?.name !== undefined ? `\`${visibleName(trace.name, 40)}\`` : `at line ${trace?.line ?? "?"}`);

  const flush = async (stream: WriteStream) => {
    if (pending.length === 0) return;
    const text = pending.join("\n") + "\n";
    pending = [];
    if (!stream.write(text)) await once(stream, "drain");
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      if (failure) throw failure;
      await flush(output);
    }
    parser.close();
    if (failure) throw failure;
    await flush(output);
  } catch (error) {
    if (error instanceof AnalyzeError || signal?.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = code.startsWith("Z_") ? "the gzip stream is damaged or cut short" : "it cannot be read";
    throw new AnalyzeError(`the event log could not be read: ${shown}: ${why} (${(error as Error).message})`);
  } finally {
    input.destroy();
    output.end();
    await once(output, "close").catch(() => {});
  }
  return counts;
}
