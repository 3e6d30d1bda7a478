import { createHash } from "node:crypto";

/** File names (without extension) that render writes for itself: `index.md`, `index.html`. */
const OWN_NAMES = new Set(["index"]);

/**
 * Longest name stem in UTF-8 bytes. File systems allow 255 bytes per name; the longest suffix
 * render adds is `.observed.png` (13 bytes) and an atomic write's temporary file wraps the name
 * in `.<name>.<pid>.<time>.tmp` (about 25 more): 180 leaves room for both. A journey id of 100
 * CJK characters is 300 bytes.
 */
const MAX_STEM_BYTES = 180;

/**
 * The stem of a journey's rendered files: its id, unless the id is a name render uses itself
 * (`index_journey`) or too long for a file name (a prefix, `_` and a hash of the whole id, so
 * two long ids that share the prefix stay apart). `_` cannot occur in an id, so a changed name
 * never meets another journey's id.
 */
export function fileStem(id: string): string {
  let stem = id;
  if (Buffer.byteLength(id, "utf8") > MAX_STEM_BYTES) {
    const hash = createHash("sha256").update(id).digest("hex").slice(0, 12);
    let prefix = "";
    let bytes = 0;
    for (const char of id) {
      bytes += Buffer.byteLength(char, "utf8");
      if (bytes > MAX_STEM_BYTES - hash.length - 1) break;
      prefix += char;
    }
    stem = `${prefix}_${hash}`;
  }
  return OWN_NAMES.has(stem) ? `${stem}_journey` : stem;
}
