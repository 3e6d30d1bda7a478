import type { YamlPath } from "./locator.js";

/** Offsets [start, end) of the node a path leads to. */
export type NodeRange = [number, number];

/*
 * Where the values of a document were written: the table the subset reader (`yaml-subset.ts`)
 * keeps instead of a YAML document, about 0.2 KB per journey step where yaml's document took 2 KB.
 * One record per mapping or sequence in `numbers`, written when the collection ends (after those
 * of its children):
 *   [entries * 2 + (mapping ? 1 : 0), start, end, first key's index in `keys`,
 *    then per entry: mapping [keyStart, keyEnd, valueStart, valueEnd, child], sequence [valueStart, valueEnd, child]]
 * where `child` is the record of an entry that is itself a collection, or -1.
 */
const HEADER = 4;

/*
 * The numbers are kept in fixed chunks rather than one array grown by doubling: a large file's
 * table is then written without copies, and nothing but the last chunk is left unused
 * (a 40,000-step journey's 4.6 MB table took 18 MB of buffers at its peak when grown and sliced).
 */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class PositionTable {
  constructor(
    private readonly chunks: readonly Int32Array[],
    /** The mappings' keys as written (before NFC), each mapping's together. */
    private readonly keys: readonly string[],
    private readonly root: number,
  ) {}

  private at(index: number): number {
    return this.chunks[index >> CHUNK_BITS][index & MASK];
  }

  /**
   * The node at `path` as the `Locator` defines it over a YAML document: the value there, or with
   * `target: "key"` the key of the last pair on the way; when the path does not lead to a node,
   * the deepest one on the way (`exact`: undefined unless the whole path was found).
   */
  find(path: YamlPath, target: "value" | "key", exact: boolean): NodeRange | undefined {
    let record = this.root;
    let range: NodeRange = [this.at(record + 1), this.at(record + 2)];
    let key: NodeRange | undefined;
    let found = 0;
    for (const segment of path) {
      if (record < 0) break;
      const head = this.at(record);
      const count = head >> 1;
      let at: number;
      if (head & 1) {
        const first = this.at(record + 3);
        const wanted = String(segment);
        let index = 0;
        while (index < count && this.keys[first + index] !== wanted) index++;
        if (index === count) break;
        at = record + HEADER + index * 5;
        key = [this.at(at), this.at(at + 1)];
        at += 2;
      } else if (typeof segment === "number" && segment < count) {
        at = record + HEADER + segment * 3;
        key = undefined;
      } else {
        break;
      }
      range = [this.at(at), this.at(at + 1)];
      record = this.at(at + 2);
      found++;
    }
    if (exact && found < path.length) return undefined;
    if (target === "key" && key) return key;
    return range;
  }
}

/** Writes the records of a `PositionTable` as the reader finishes each collection. */
export class PositionTableBuilder {
  private readonly chunks: Int32Array[] = [];
  private length = 0;
  private readonly keys: string[] = [];

  private push(value: number): void {
    const index = this.length++;
    const chunk = index >> CHUNK_BITS;
    if (chunk === this.chunks.length) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[chunk][index & MASK] = value;
  }

  /**
   * A collection's record, written when the collection ends: `keys` (a mapping's, or undefined
   * for a sequence) and `entries` (as in the record, without the header) are read from
   * `keyFrom` to `keyTo` and from `entryFrom` to `entryTo`. Returns its index.
   */
  add(
    start: number,
    end: number,
    keys: readonly string[] | undefined,
    keyFrom: number,
    keyTo: number,
    entries: readonly number[],
    entryFrom: number,
    entryTo: number,
  ): number {
    const record = this.length;
    const count = keys ? keyTo - keyFrom : (entryTo - entryFrom) / 3;
    this.push(count * 2 + (keys ? 1 : 0));
    this.push(start);
    this.push(end);
    this.push(this.keys.length);
    if (keys) for (let i = keyFrom; i < keyTo; i++) this.keys.push(keys[i]);
    for (let i = entryFrom; i < entryTo; i++) this.push(entries[i]);
    return record;
  }

  build(root: number): PositionTable {
    return new PositionTable(this.chunks, this.keys, root);
  }
}
