/**
 * `record[key]` when `key` is the record's own property, else undefined. User text (ids, option
 * values, config keys) must never reach an object's prototype: `labels.stageNames["constructor"]`
 * is `Object`, not a missing label. Lookups by user text go through this or a Map.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
