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

export class PositionTable {
  constructor(
    private readonly numbers: Int32Array,
    /** The mappings' keys as written (before NFC), each mapping's together. */
    private readonly keys: readonly string[],
    private readonly root: number,
  ) {}

  /**
   * The node at `path` as the `Locator` defines it over a YAML document: the value there, or with
   * `target: "key"` the key of the last pair on the way; when the path does not lead to a node,
   * the deepest one on the way (`exact`: undefined unless the whole path was found).
   */
  find(path: YamlPath, target: "value" | "key", exact: boolean): NodeRange | undefined {
    const numbers = this.numbers;
    let record = this.root;
    let range: NodeRange = [numbers[record + 1], numbers[record + 2]];
    let key: NodeRange | undefined;
    let found = 0;
    for (const segment of path) {
      if (record < 0) break;
      const head = numbers[record];
      const count = head >> 1;
      let at: number;
      if (head & 1) {
        const first = numbers[record + 3];
        const wanted = String(segment);
        let index = 0;
        while (index < count && this.keys[first + index] !== wanted) index++;
        if (index === count) break;
        at = record + HEADER + index * 5;
        key = [numbers[at], numbers[at + 1]];
        at += 2;
      } else if (typeof segment === "number" && segment < count) {
        at = record + HEADER + segment * 3;
        key = undefined;
      } else {
        break;
      }
      range = [numbers[at], numbers[at + 1]];
      record = numbers[at + 2];
      found++;
    }
    if (exact && found < path.length) return undefined;
    if (target === "key" && key) return key;
    return range;
  }
}

/** Writes the records of a `PositionTable` as the reader finishes each collection. */
export class PositionTableBuilder {
  private numbers = new Int32Array(1024);
  private length = 0;
  private readonly keys: string[] = [];

  /** A collection's record; `entries` as in the record, without the header. Returns its index. */
  add(start: number, end: number, keys: readonly string[] | undefined, entries: readonly number[]): number {
    const record = this.length;
    const needed = record + HEADER + entries.length;
    if (needed > this.numbers.length) {
      const grown = new Int32Array(Math.max(needed, this.numbers.length * 2));
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
    const count = keys ? keys.length : entries.length / 3;
    this.numbers[record] = count * 2 + (keys ? 1 : 0);
    this.numbers[record + 1] = start;
    this.numbers[record + 2] = end;
    this.numbers[record + 3] = this.keys.length;
    if (keys) for (const key of keys) this.keys.push(key);
    this.numbers.set(entries, record + HEADER);
    this.length = needed;
    return record;
  }

  build(root: number): PositionTable {
    return new PositionTable(this.numbers.slice(0, this.length), this.keys, root);
  }
}
