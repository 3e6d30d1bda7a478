import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { crc32 } from "node:zlib";
import { IMAGE_CONFIG } from "./images.js";
import type { PlannedImage } from "./plan.js";

/**
 * What `render --check` compares for an image. Image bytes differ between machines (fonts,
 * Chromium builds), so each image carries hashes instead: `source`, of what it was drawn from (the
 * definition handed to Mermaid or the map page, the format and the options that shape the
 * drawing), and `content`, of the image's own bytes without the fingerprint, so an image edited by
 * hand is recognised on any machine without drawing anything. A diagram also names the Mermaid
 * version that drew it, beside the hash rather than in it: `--check` compares it where Mermaid is
 * installed, and still checks the rest where it is not (the GitHub Action installs no Mermaid).
 */
export interface ImageFingerprint {
  source: string;
  mermaid?: string;
  content: string;
}

/**
 * Bump when the way images are drawn changes outside IMAGE_CONFIG (page size, scale, cropping,
 * the marks added to the files): every committed image is then reported stale and redrawn.
 */
export const IMAGE_REVISION = 2;

const KEYWORD = "journey-fingerprint";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SVG_METADATA = /<metadata class="journey-fingerprint">([^<]*)<\/metadata>/;
/** Starts the PDF update that carries the fingerprint; it ends with that update's `%%EOF`. */
const PDF_UPDATE_MARK = `\n%${KEYWORD}\n`;

const require = createRequire(import.meta.url);

type ImageSource = Pick<PlannedImage, "kind" | "format" | "source">;

/** The hash of what an image is drawn from: any change here redraws it. */
function sourceHash(image: ImageSource): string {
  // A map is the page Chromium prints; Mermaid's settings shape only diagrams.
  const config = image.kind === "diagram" ? { config: IMAGE_CONFIG } : {};
  return sha256(JSON.stringify({ revision: IMAGE_REVISION, kind: image.kind, format: image.format, ...config, source: image.source }));
}

/** The installed Mermaid's version, or undefined where it is not installed. */
function installedMermaid(): string | undefined {
  try {
    return (require("mermaid/package.json") as { version: string }).version;
  } catch {
    return undefined;
  }
}

function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

function fingerprintText({ source, mermaid, content }: ImageFingerprint): string {
  return `source=${source}${mermaid ? ` mermaid=${mermaid}` : ""} content=${content}`;
}

function parseFingerprint(text: string): ImageFingerprint | undefined {
  const match = /^source=(sha256:[0-9a-f]{64})(?: mermaid=([0-9A-Za-z.+-]+))? content=(sha256:[0-9a-f]{64})$/.exec(text);
  return match ? { source: match[1], ...(match[2] ? { mermaid: match[2] } : {}), content: match[3] } : undefined;
}

/**
 * The image with its fingerprint: in SVG a `<metadata>` element first in the root `<svg>` (the
 * generated note stays the first line), in PNG a `tEXt` chunk after the note's `Comment` chunk, in
 * PDF the document information dictionary, written as an incremental update before the note.
 */
export function withFingerprint(image: ImageSource, drawn: string | Uint8Array): string | Uint8Array {
  const mermaid = image.kind === "diagram" ? installedMermaid() : undefined;
  if (image.kind === "diagram" && !mermaid) throw new Error("a diagram was drawn without Mermaid installed");
  const text = fingerprintText({ source: sourceHash(image), ...(mermaid ? { mermaid } : {}), content: sha256(drawn) });
  const { format } = image;
  if (format === "svg") {
    const svg = String(drawn);
    // The root element starts the line after the note; XMLSerializer writes `>` in attributes as &gt;.
    const open = svg.indexOf(">", svg.indexOf("\n<svg")) + 1;
    return `${svg.slice(0, open)}<metadata class="${KEYWORD}">${text}</metadata>${svg.slice(open)}`;
  }
  if (format === "png") return addPngText(drawn as Uint8Array, KEYWORD, text);
  return pdfWithInfo(Buffer.from(drawn), text);
}

/** What an image file says about itself: its fingerprint, and the hash of its content as it is now. */
export function readFingerprint(bytes: Buffer): { fingerprint: ImageFingerprint; actualContent: string } | undefined {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    for (const chunk of pngChunks(bytes)) {
      if (chunk.type !== "tEXt") continue;
      const data = bytes.subarray(chunk.start + 8, chunk.end - 4).toString("latin1");
      if (!data.startsWith(`${KEYWORD}\0`)) continue;
      const fingerprint = parseFingerprint(data.slice(KEYWORD.length + 1));
      return fingerprint && { fingerprint, actualContent: sha256(Buffer.concat([bytes.subarray(0, chunk.start), bytes.subarray(chunk.end)])) };
    }
    return undefined;
  }
  const text = bytes.toString("latin1");
  if (text.startsWith("%PDF-")) {
    // The update from PDF_UPDATE_MARK to its own %%EOF: without it, the file as it was before.
    const start = text.lastIndexOf(PDF_UPDATE_MARK);
    const end = text.indexOf("%%EOF", start) + "%%EOF".length;
    if (start < 0 || end < start + "%%EOF".length) return undefined;
    const fingerprint = parseFingerprint(/\/JourneyFingerprint \(([^)]*)\)/.exec(text.slice(start, end))?.[1] ?? "");
    return fingerprint && { fingerprint, actualContent: sha256(Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)])) };
  }
  const svg = bytes.toString("utf8");
  const match = SVG_METADATA.exec(svg);
  const fingerprint = match && parseFingerprint(match[1]);
  return fingerprint ? { fingerprint, actualContent: sha256(svg.slice(0, match.index) + svg.slice(match.index + match[0].length)) } : undefined;
}

/**
 * How an image on disk compares with the one the plan would draw, without drawing it: `unmarked`
 * when it carries no fingerprint (drawn before images had one, or not by journey render).
 */
export function imageState(bytes: Buffer, image: ImageSource): "current" | "stale" | "edited" | "unmarked" {
  const read = readFingerprint(bytes);
  if (!read) return "unmarked";
  const { source, mermaid, content } = read.fingerprint;
  if (read.actualContent !== content) return "edited";
  if (source !== sourceHash(image)) return "stale";
  const installed = image.kind === "diagram" ? installedMermaid() : undefined;
  return installed && mermaid !== installed ? "stale" : "current";
}

interface PngChunk {
  type: string;
  /** Offset of the chunk's length field, and just past its CRC. */
  start: number;
  end: number;
}

function* pngChunks(bytes: Buffer): Generator<PngChunk> {
  for (let start = 8; start + 12 <= bytes.length;) {
    const end = start + 12 + bytes.readUInt32BE(start);
    if (end > bytes.length) return;
    yield { type: bytes.subarray(start + 4, start + 8).toString("latin1"), start, end };
    start = end;
  }
}

/**
 * Adds a `tEXt` chunk after the header and the `tEXt` chunks already right after it: the first is
 * the generated note's `Comment`, where `isGenerated` looks for it, then the fingerprint.
 */
export function addPngText(png: Uint8Array, keyword: string, text: string): Buffer {
  const bytes = Buffer.from(png);
  let at = 8;
  for (const chunk of pngChunks(bytes)) {
    if (chunk.type !== "IHDR" && chunk.type !== "tEXt") break;
    at = chunk.end;
  }
  const data = Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]);
  const type = Buffer.from("tEXt", "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  return Buffer.concat([bytes.subarray(0, at), length, type, data, crc, bytes.subarray(at)]);
}

/**
 * Chromium (Skia) writes a classic cross-reference table and a trailer naming the information
 * dictionary. An incremental update, the way PDF editors add to a file, writes a new version of
 * that dictionary with the fingerprint added, its own one-entry table and a trailer pointing back
 * at the first one: readers take the newest version, and the bytes Chromium wrote stay as they
 * were. The generated note (`addPdfComment`) is the comment after the original `%%EOF`; the update
 * goes before it, so the note stays the last line. A PDF of another shape is a failure to report,
 * never a file written wrongly.
 */
function pdfWithInfo(pdf: Buffer, text: string): Buffer {
  const end = pdf.lastIndexOf("%%EOF") + "%%EOF".length;
  const body = pdf.subarray(0, end).toString("latin1"); // one character per byte: offsets are byte offsets
  const trailer = /^trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)\s*%%EOF$/.exec(body.slice(body.lastIndexOf("trailer")));
  const info = trailer && /\/Info (\d+) 0 R/.exec(trailer[1]);
  const root = trailer && /\/Root (\d+ \d+ R)/.exec(trailer[1]);
  const size = trailer && /\/Size (\d+)/.exec(trailer[1]);
  if (!trailer || !info || !root || !size) throw new Error("the PDF has no trailer naming an information dictionary");
  const xref = Number(trailer[2]);
  const number = Number(info[1]);
  // Skia writes one table whose subsection starts at object 0; each entry is 20 bytes.
  const table = /^xref\n0 (\d+)\n/.exec(body.slice(xref, xref + 32));
  if (!table || number >= Number(table[1])) throw new Error("the PDF's cross-reference table is not a single classic one");
  const entryAt = xref + table[0].length + 20 * number;
  const objectAt = Number(body.slice(entryAt, entryAt + 10));
  const object = /^(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*endobj/.exec(body.slice(objectAt, objectAt + 65_536));
  if (!object || Number(object[1]) !== number) throw new Error("the PDF's information dictionary is not where its table says");
  const objectText = `${number} 0 obj\n${object[2].slice(0, -2)}\n/JourneyFingerprint (${text})>>\nendobj\n`;
  const objectOffset = end + PDF_UPDATE_MARK.length;
  const update =
    PDF_UPDATE_MARK +
    objectText +
    `xref\n${number} 1\n${String(objectOffset).padStart(10, "0")} 00000 n \ntrailer\n<</Size ${size[1]}\n/Root ${root[1]}\n/Info ${number} 0 R\n/Prev ${xref}>>\n` +
    `startxref\n${objectOffset + objectText.length}\n%%EOF`;
  return Buffer.concat([pdf.subarray(0, end), Buffer.from(update, "latin1"), pdf.subarray(end)]);
}
