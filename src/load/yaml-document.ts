import type { Document, DocumentOptions, ParseOptions, SchemaOptions, YAMLError } from "yaml";
import { yamlLib } from "./yaml-lib.js";

/**
 * yaml's `parseDocument`, with the check for duplicate keys made here in one pass over each
 * mapping. yaml's own (`uniqueKeys: true`) compares every key with each key before it, and a
 * mapping of 200,000 keys took 466 s to read. The errors are the ones yaml gives: DUPLICATE_KEY,
 * "Map keys must be unique", at the key, among the other errors in the order of the text.
 */
export function parseYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document.Parsed {
  const yaml = yamlLib();
  const doc = yaml.parseDocument(text, { ...options, uniqueKeys: false });
  const duplicates: YAMLError[] = [];
  yaml.visit(doc, {
    Map(_, map) {
      if (map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        // As yaml compares keys: scalars by value (NaN never equals itself), other nodes by identity.
        if (!yaml.isScalar(key) || Number.isNaN(key.value)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else if (key.range) duplicates.push(new yaml.YAMLParseError([key.range[0], key.range[0] + 1], "DUPLICATE_KEY", "Map keys must be unique"));
      }
    },
  });
  // A mapping is visited before the mappings inside it, whose keys come earlier in the text.
  if (duplicates.length > 0)
    doc.errors = mergeByOffset(
      doc.errors,
      duplicates.sort((a, b) => a.pos[0] - b.pos[0]),
    );
  return doc;
}

/** `errors` with `more` (in the order of the text) put in before the first error that starts after each. */
function mergeByOffset(errors: YAMLError[], more: YAMLError[]): YAMLError[] {
  const merged: YAMLError[] = [];
  let next = 0;
  for (const error of errors) {
    while (next < more.length && more[next].pos[0] < error.pos[0]) merged.push(more[next++]);
    merged.push(error);
  }
  return merged.concat(more.slice(next));
}
