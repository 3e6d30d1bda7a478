import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { journeyText, random } from "../../bench/generate.mjs";
import { Locator, type YamlPath } from "../../src/load/locator.js";
import { lexedValues, parseYaml } from "../../src/load/parse.js";
import { parseYamlSubset, SHARE_FROM, TOO_MANY_VALUES } from "../../src/load/yaml-subset.js";
import { randomYaml } from "../helpers/random-yaml.js";

/**
 * The subset reader (src/load/yaml-subset.ts) either declines a text or gives exactly what yaml
 * gives: no error or warning from yaml, the same data, and the same span and range for every path
 * (every node, a missing key or index below each, a path through a scalar), value and key alike.
 */
function differences(text: string): string[] | undefined {
  const subset = parseYamlSubset(text);
  if (subset === undefined) return undefined;
  if (subset === TOO_MANY_VALUES) return ["no limit was given"];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const problems: string[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) problems.push(`read a text yaml reports: ${problem.code} ${problem.message}`);
  const lexed = lexedValues(text);
  if (subset.values !== lexed) problems.push(`${subset.values} values counted instead of the ${lexed} of yaml's lexer`);
  const expected: unknown = doc.toJS();
  if (!isDeepStrictEqual(subset.data, expected)) problems.push(`data ${JSON.stringify(subset.data)} instead of ${JSON.stringify(expected)}`);
  const fromYaml = Locator.ofDocument(doc, lineCounter, text.length);
  const fromTable = Locator.ofTable(subset.positions, text);
  const paths: YamlPath[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      paths.push([...path, value.length], [...path, "x"]);
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
      paths.push([...path, "no-such-key"], [...path, 0]);
    } else {
      paths.push([...path, "below"]);
    }
  };
  walk(expected, []);
  for (const path of paths)
    for (const target of ["value", "key"] as const) {
      const ours = JSON.stringify([fromTable.span(path, target), fromTable.range(path, target)]);
      const theirs = JSON.stringify([fromYaml.span(path, target), fromYaml.range(path, target)]);
      if (ours !== theirs) problems.push(`${JSON.stringify(path)} ${target}: ${ours} instead of ${theirs}`);
    }
  return problems;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name));
}

describe("the YAML subset reader", () => {
  it("reads every example and config as yaml does, with Unix and Windows line ends", () => {
    const files = yamlFiles("examples");
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(differences(text), file).toEqual([]); // read, not declined, and the same
      expect(differences(text.replaceAll("\n", "\r\n")), `${file}, saved on Windows`).toEqual([]);
    }
  });

  it("reads generated journeys (the bench's corpus) as yaml does", () => {
    const rand = random(11);
    for (let index = 0; index < 40; index++) {
      const text = journeyText(index, rand, 30 + index);
      const found = differences(text);
      // Some sizes give the last step a second `type:`: a duplicate key, which yaml reports.
      if (found === undefined) expect(parseDocument(text, { uniqueKeys: true }).errors.map((error) => error.code)).toEqual(["DUPLICATE_KEY"]);
      else expect(found).toEqual([]);
    }
  });

  it("reads a large generated journey as yaml does, where it shares the strings of repeated keys and scalars", () => {
    const text = journeyText(0, random(5), 1500);
    expect(text.length).toBeGreaterThanOrEqual(SHARE_FROM);
    expect(differences(text)).toEqual([]);
    expect(differences(text.replaceAll("\n", "\r\n"))).toEqual([]);
  });

  it("never reads differently from yaml: every fixture of the test suite, read or declined", () => {
    let read = 0;
    let declined = 0;
    for (const file of yamlFiles("test/fixtures")) {
      const found = differences(readFileSync(file, "utf8"));
      if (found === undefined) declined++;
      else read++;
      expect(found ?? [], file).toEqual([]);
    }
    expect(read).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(20); // the fixtures of YAML mistakes, all left to yaml
  });

  it("never reads differently from yaml: 4,000 random texts near the subset, with mistakes among them", () => {
    let read = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const text = randomYaml(random(seed));
      const found = differences(text);
      if (found !== undefined) read++;
      expect(found ?? [], `seed ${seed}: ${JSON.stringify(text)}`).toEqual([]);
    }
    expect(read).toBeGreaterThan(600); // about a fifth: the rest hold what the subset leaves to yaml
  });

  it.each([
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a tab", "a:\n\tb: 1\n"],
    ["a carriage return not before a line feed", "a: 1\rb: 2\n"],
    ["a multi-line plain scalar", "a: one\n  two\n"],
    ["a multi-line quoted scalar", 'a: "one\n  two"\n'],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a key yaml reads as a number", "1: a\n"],
    ["a second document", "a: 1\n---\nb: 2\n"],
    ["a sequence at the top", "- a\n"],
    ["an empty text", "# only a comment\n"],
    ["a comment cutting a value", "name: Order #42\n"],
    ["a mapping on the line of a key", "a: b: c\n"],
    ["kept chomping", "a: |+\n  x\n\n"],
    ["a trailing comma", "a: [1, 2, ]\n"],
    ["a multi-line flow sequence", "a: [1,\n  2]\n"],
    ["an escape outside the common set", 'a: "\\x41"\n'],
    ["a misindented key", "a:\n  b: 1\n c: 2\n"],
    ["a `__proto__` key", "__proto__: 1\n"],
    ["a byte order mark", "\ufeffa: 1\n"],
  ])("leaves %s to yaml", (_what, text) => {
    expect(parseYamlSubset(text)).toBeUndefined();
  });

  it("stops at the limit of values, counted as yaml's lexer counts them, and the file is refused as before", () => {
    const text = readFileSync("examples/saas-trial.journey.yaml", "utf8");
    const values = lexedValues(text);
    const read = parseYamlSubset(text, values);
    expect(read !== undefined && read !== TOO_MANY_VALUES && read.values).toBe(values);
    expect(parseYamlSubset(text, values - 1)).toBe(TOO_MANY_VALUES);
    const limits = { maxAliases: 100, maxFileSize: 10_000_000 };
    expect(parseYaml(text, { ...limits, maxNodes: values }).findings).toEqual([]);
    const refused = parseYaml(text, { ...limits, maxNodes: values - 1 });
    expect(refused.data).toBeUndefined();
    expect(refused.findings.map((f) => [f.messageId, f.line, f.column])).toEqual([["too-many-values", 1, 1]]);
  });

  it("reads the scalars of yaml's core schema as yaml does", () => {
    const plain = [
      "~",
      "null",
      "NULL",
      "true",
      "False",
      "0o17",
      "0x1F",
      "-12",
      "+3",
      "007",
      ".inf",
      "-.Inf",
      ".NaN",
      "1e3",
      "-.5",
      "1.",
      "2026-11-01",
      "12:30",
      "yes",
      "0x",
      "1_000",
    ];
    const text = plain.map((value, index) => `k${index}: ${value}`).join("\n") + "\n";
    expect(differences(text)).toEqual([]);
    expect((parseYamlSubset(text) as { data: unknown }).data).toMatchObject({
      k0: null,
      k3: true,
      k4: false,
      k5: 15,
      k6: 31,
      k7: -12,
      k9: 7,
      k16: "2026-11-01",
      k18: "yes",
    });
  });

  it("scans the text about once, however far the next `:` or `#` is (a search from each value ran on to it: 400,000 items took 9 s)", () => {
    const cases = {
      "items, then comment lines without a colon": `list:\n${"- 0\n".repeat(5000)}${`#${"a".repeat(99)}\n`.repeat(500)}`,
      "mappings in a list, then a comment at the end": `list:\n${"- a: 1\n".repeat(5000)}${"b: 2\n".repeat(5000)}# end\n`,
      "empty values, then a comment at the end": `map:\n${Array.from({ length: 5000 }, (_, i) => `  k${i}:\n`).join("")}${"c: 3\n".repeat(5000)}# end\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const { scanned, read } = scanning(() => parseYamlSubset(text));
      expect(read, name).not.toBe(TOO_MANY_VALUES);
      if (read !== undefined) expect(differences(text), name).toEqual([]);
      expect(scanned, name).toBeLessThan(10 * text.length);
    }
  });
});

/** What `read` returns, and how many characters String.prototype.indexOf scanned meanwhile. */
function scanning<T>(read: () => T): { scanned: number; read: T } {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call on each string, and put back
  const indexOf = String.prototype.indexOf;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    const start = Math.max(0, Math.trunc(from ?? 0));
    const at = indexOf.call(this, search, start);
    scanned += (at < 0 ? this.length : at) - start;
    return at;
  };
  try {
    return { read: read(), scanned };
  } finally {
    String.prototype.indexOf = indexOf;
  }
}
