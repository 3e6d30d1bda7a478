import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseYamlDocument } from "../../src/load/yaml-document.js";

/**
 * parseYamlDocument finds duplicate keys itself, in one pass over each mapping (yaml's own check,
 * `uniqueKeys: true`, compares each key with every key before it): the errors must be the ones
 * yaml gives, code, place and order.
 */
const errors = (doc: { errors: { code: string; pos: [number, number]; message: string }[] }) => doc.errors.map((e) => [e.code, e.pos[0], e.pos[1]]);

describe("parseYamlDocument", () => {
  const texts = {
    "no duplicate": "a: 1\nb: 2\n",
    "a duplicate key": "a: 1\nb: 2\na: 3\n",
    "three of one key": "a: 1\na: 2\na: 3\n",
    "in a nested mapping, before a duplicate of the outer one": "a:\n  x: 1\n  x: 2\nb: 1\nb: 2\n",
    "in a flow mapping": "a: {x: 1, y: 2, x: 3}\n",
    "in a mapping inside a list": "- {a: 1}\n- a: 1\n  a: 2\n",
    "a number and a string of the same text": "1: a\n'1': b\n",
    "the same number twice": "1: a\n0x1: b\n",
    "null written two ways": "~: a\nnull: b\n",
    "NaN twice (never equal to itself)": ".nan: a\n.NaN: b\n",
    "an alias of an earlier key": "&k a: 1\n*k : 2\n",
    "collections as keys": "? [a]\n: 1\n? [a]\n: 2\n",
    "a tag on one of them": "!!str a: 1\na: 2\n",
    "quoted and plain": 'a: 1\n"a": 2\n',
    "among other errors": "a: 1\n  b: 2\na: 3\nc: [\n",
    "after a tab error": "a: 1\nb:\n\t- x\na: 2\n",
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives yaml's errors: ${name}`, () => {
      const ours = parseYamlDocument(text, { prettyErrors: false });
      const yamls = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
      expect(errors(ours)).toEqual(errors(yamls));
      expect(ours.errors.map((e) => e.message)).toEqual(yamls.errors.map((e) => e.message));
    });
  }

  it("finds the duplicate among 100,000 keys", () => {
    const text = `${Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}\n`).join("")}k99999: again\n`;
    expect(errors(parseYamlDocument(text, { prettyErrors: false }))).toEqual([["DUPLICATE_KEY", text.lastIndexOf("k99999"), text.lastIndexOf("k99999") + 1]]);
  });
});
