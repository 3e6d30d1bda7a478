import { describe, expect, it } from "vitest";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { execa } from "execa";
import { checkJourneyFile } from "../../src/check.js";
import { defaultConfig } from "../../src/config/load.js";
import { MINIMAL, ROOT, tempProject, unprivileged } from "../helpers/index.js";

function checkBytes(content: string | Buffer, limits?: { maxFileSize?: number; maxAliases?: number }) {
  const dir = tempProject({ "f.journey.yaml": content });
  const config = defaultConfig(dir);
  config.limits = { ...config.limits, ...limits };
  return checkJourneyFile(join(dir, "f.journey.yaml"), config);
}

describe("hostile and unusual input never crashes and is reported plainly", () => {
  const cases: { name: string; content: string | Buffer; messageId: string; line: number; message: RegExp; limits?: object }[] = [
    { name: "empty file", content: "", messageId: "empty", line: 1, message: /file is empty/ },
    { name: "only comments", content: "# nothing here\n# yet\n", messageId: "empty", line: 1, message: /file is empty/ },
    { name: "binary garbage", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), messageId: "unreadable", line: 1, message: /binary data/ },
    {
      name: "UTF-16 text",
      content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("journey: 1\n", "utf16le")]),
      messageId: "unreadable",
      line: 1,
      message: /UTF-16/,
    },
    {
      name: "invalid UTF-8 on line 3",
      content: Buffer.concat([Buffer.from("journey: 1\nid: x\ntitle: "), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]),
      messageId: "encoding",
      line: 3,
      message: /not valid UTF-8/,
    },
    { name: "tab indentation", content: "journey: 1\nstages:\n\t- id: a\n", messageId: "TAB_AS_INDENT", line: 3, message: /tab used for indentation/ },
    { name: "duplicate keys", content: "journey: 1\nid: a\nid: b\n", messageId: "DUPLICATE_KEY", line: 3, message: /duplicate key/ },
    { name: "two documents", content: "journey: 1\n---\njourney: 1\n", messageId: "MULTIPLE_DOCS", line: 2, message: /one YAML document/ },
    {
      name: "unclosed quote",
      content: 'journey: 1\ntitle: "open\n',
      messageId: "unclosed-quote",
      line: 2,
      message: /^the double quote opened on line 2 \(`title: "open`\) is never closed: close it with `"` where the value ends$/,
    },
    {
      name: "unclosed bracket",
      content: "journey: 1\ntags: [a, b\nid: x\n",
      messageId: "unclosed-bracket",
      line: 2,
      message: /^the `\[` opened on line 2 \(`tags: \[a, b`\) is never closed: close the list with `\]` where it ends$/,
    },
    {
      name: "alias bomb (billion laughs)",
      content:
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
      messageId: "alias-limit",
      line: 2,
      message: /aliases expand too much/,
    },
    {
      name: "a file over the size limit",
      content: MINIMAL + "#".repeat(2000),
      messageId: "unreadable",
      line: 1,
      message: /over the limit of 1 KB/,
      limits: { maxFileSize: 1024 },
    },
    { name: "a list instead of a mapping", content: "- journey: 1\n", messageId: "type", line: 1, message: /the document must be an object/ },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = checkBytes(testCase.content, testCase.limits);
      expect(result.findings.length).toBeGreaterThan(0);
      const [first] = result.findings;
      expect(first.severity).toBe("error");
      expect(first.messageId).toBe(testCase.messageId);
      expect(first.line).toBe(testCase.line);
      expect(first.message).toMatch(testCase.message);
      expect(first.message).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it("loads a file with a byte order mark and CRLF line ends", () => {
    const text = "\ufeff" + MINIMAL.replace(/\n/g, "\r\n") + "        emotion: 9\r\n";
    const result = checkBytes(text);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: "schema", line: 11, column: 18, endColumn: 19 });
  });

  it("keeps __proto__ keys from polluting prototypes", () => {
    const result = checkBytes(MINIMAL + "x-meta:\n  __proto__: { polluted: yes }\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.findings).toEqual([]);
  });

  it("reports an unreadable path without throwing", () => {
    const config = defaultConfig("/");
    const result = checkJourneyFile("/nonexistent/x.journey.yaml", config);
    expect(result.findings[0].message).toBe("file not found");
  });

  // Root reads files of mode 000: as root (CI), the same call runs in a child process as nobody.
  const as = unprivileged();
  it.runIf(as)("reports a file it may not read", async () => {
    const dir = tempProject({ "f.journey.yaml": MINIMAL });
    const path = join(dir, "f.journey.yaml");
    chmodSync(dir, 0o755);
    chmodSync(path, 0o000);
    const call = `checkJourneyFile(${JSON.stringify(path)}, defaultConfig(${JSON.stringify(dir)})).findings[0].message`;
    if (as!.length === 0) {
      expect(checkJourneyFile(path, defaultConfig(dir)).findings[0].message).toMatch(/permission denied/);
      return;
    }
    const script = `import { checkJourneyFile } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "check.js")).href)};
import { defaultConfig } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "config", "load.js")).href)};
process.stdout.write(${call});`;
    const [command, ...prefix] = as!;
    const child = await execa(command, [...prefix, "node", "--input-type=module", "-e", script], { reject: false });
    expect([child.stderr, child.stdout]).toEqual(["", expect.stringMatching(/permission denied/)]);
  });
});
