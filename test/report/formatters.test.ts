import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/finding.js";
import { formatGithub } from "../../src/report/formatters/github.js";
import { formatJunit } from "../../src/report/formatters/junit.js";
import { formatMarkdown } from "../../src/report/formatters/markdown.js";
import { markdownMessageCell } from "../../src/escape/markdown.js";
import { formatSarif } from "../../src/report/formatters/sarif.js";
import type { FileReport } from "../../src/results.js";
import { formatContext, parseJson, ROOT, type SarifLog } from "../helpers/index.js";

const context = formatContext({ cwd: "/repo", version: "1.2.3" });
const hostile: Finding = {
  ruleId: "channel-unknown",
  severity: "warning",
  message: "100% <b>bad</b> | a\r\nnew line, with: `code` & [link](x)",
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
};
const results: FileReport[] = [{ filePath: "/repo/dir, with: comma/a b.journey.yaml", findings: [hostile] }];

describe("formatters escape what their target would misread", () => {
  it("github escapes %, CR and LF in messages, and : and , in properties", () => {
    expect(formatGithub(results, context)).toBe(
      "::warning file=dir%2C with%3A comma/a b.journey.yaml,line=3,endLine=3,col=5,endColumn=9,title=channel-unknown::100%25 <b>bad</b> | a%0D%0Anew line, with: `code` & [link](x)\n",
    );
  });

  it("markdown keeps one table row per finding and shows HTML literally", () => {
    const text = formatMarkdown(results, context);
    const row = text.split("\n").find((line) => line.includes("channel-unknown"))!;
    expect(row).toContain("100% &lt;b&gt;bad&lt;/b&gt; \\| a<br>new line, with: `code` &amp; \\[link\\](x)");
    const unescapedPipes = row.replace(/\\\|/g, "").split("|").length - 1;
    expect(unescapedPipes).toBe(5); // four cells
  });

  it("junit escapes XML in attributes and text", () => {
    const xml = formatJunit(results, context);
    // A line break in a message is shown as an escape: a raw one would start a new line in a CI log.
    expect(xml).toContain('message="100% &lt;b&gt;bad&lt;/b&gt; | a\\r\\nnew line, with: `code` &amp; [link](x)"');
    expect(xml).not.toContain("<b>");
  });

  it("sarif encodes artifact URIs and ends messages with a period", () => {
    const log = parseJson<SarifLog>(formatSarif(results, context));
    const location = log.runs[0].results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe("dir%2C%20with%3A%20comma/a%20b.journey.yaml");
    expect(log.runs[0].results[0].message.text.endsWith(".")).toBe(true);
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///repo/");
    expect(log.runs[0].tool.driver.version).toBe("1.2.3");
  });
});

describe("markdown lint report", () => {
  const at = (line: number) => ({ line, column: 1, endLine: line, endColumn: 2 });
  const finding = (ruleId: string, severity: Finding["severity"], line: number, message = "m"): Finding => ({ ruleId, severity, message, ...at(line) });

  it("lists errors first, then warnings, then info, in file and line order within each, every rule linked to its page", () => {
    const text = formatMarkdown(
      [
        {
          filePath: "/repo/a.journey.yaml",
          findings: [finding("stage-empty", "info", 1), finding("dead-end", "warning", 3), finding("channel-missing", "error", 5)],
        },
        { filePath: "/repo/b.journey.yaml", findings: [finding("syntax", "error", 2), finding("persona-missing", "warning", 1)] },
      ],
      context,
    );
    const rows = text.split("\n").filter((line) => /^\| [ab]\.journey\.yaml:/.test(line));
    expect(rows.map((row) => row.split(" | ").slice(0, 3).join(" | "))).toEqual([
      `| a.journey.yaml:5:1 | ❌ error | [channel-missing](${context.rulesMeta.get("channel-missing")!.docsUrl})`,
      `| b.journey.yaml:2:1 | ❌ error | [syntax](${context.rulesMeta.get("syntax")!.docsUrl})`,
      `| a.journey.yaml:3:1 | ⚠️ warning | [dead-end](${context.rulesMeta.get("dead-end")!.docsUrl})`,
      `| b.journey.yaml:1:1 | ⚠️ warning | [persona-missing](${context.rulesMeta.get("persona-missing")!.docsUrl})`,
      `| a.journey.yaml:1:1 | ℹ️ info | [stage-empty](${context.rulesMeta.get("stage-empty")!.docsUrl})`,
    ]);
    expect(context.rulesMeta.get("channel-missing")!.docsUrl).toMatch(/docs\/rules\/channel-missing\.md$/);
  });

  it("links every rule and check to a page that exists, a structural check to its own section", () => {
    for (const info of context.rulesMeta.values()) {
      const [, page, anchor] = /docs\/rules\/([\w-]+\.md)(?:#([\w-]+))?$/.exec(info.docsUrl) ?? [];
      expect(page, info.docsUrl).toBeDefined();
      const text = readFileSync(join(ROOT, "docs", "rules", page), "utf8");
      if (anchor !== undefined) expect(text, `${page}#${anchor}`).toContain(`## \`${anchor}\``);
    }
    expect(context.rulesMeta.get("syntax")!.docsUrl).toMatch(/structural\.md#syntax$/);
  });

  it("keeps a message's code spans as code, without escaping their backticks", () => {
    expect(markdownMessageCell('the value of `name` holds `: `: put it in quotes, `name: "Step 3: reads the page"`')).toBe(
      'the value of `name` holds `: `: put it in quotes, `name: "Step 3: reads the page"`',
    );
  });

  // Each hostile piece, and what it must become: inside a code span Markdown shows text literally.
  const hostileCases: [string, string, string][] = [
    ["pipes and HTML in prose and in code", "a | b <script>x</script> `c|d<script>`", "a \\| b &lt;script&gt;x&lt;/script&gt; `c\\|d<script>`"],
    ["line breaks in prose and in code", "one\r\ntwo `three\nfour`", "one<br>two `three\\nfour`"],
    ["an unpaired backtick", "ends with `open", "ends with \\`open"],
    ["an empty span (two backticks would open a longer span)", "empty `` span", "empty \\`\\` span"],
    ["a backslash before a pipe in code (a table would read it as an escape)", "`a\\|b`", "\\`a\\\\\\|b\\`"],
    ["emphasis and links in prose", "*x* _y_ [z](u)", "\\*x\\* \\_y\\_ \\[z\\](u)"],
    ["a control character in code", "`a\u001bb`", "`a\\x1Bb`"],
  ];
  for (const [name, message, expected] of hostileCases) it(`escapes ${name}`, () => expect(markdownMessageCell(message)).toBe(expected));

  it("keeps a hostile message in one row of four cells, no HTML outside code spans", () => {
    const message = "x | `y | <img src=x onerror=alert(1)>` <script>alert(1)</script>\n| z | `w\n`` ` `";
    const text = formatMarkdown([{ filePath: "/repo/a.journey.yaml", findings: [finding("channel-unknown", "error", 1, message)] }], context);
    const rows = text.split("\n").filter((line) => line.startsWith("| a.journey.yaml:1:1"));
    expect(rows).toHaveLength(1);
    expect(rows[0].replace(/\\\|/g, "").split("|").length - 1).toBe(5);
    const outsideCode = rows[0].replace(/\\`/g, "").replace(/`[^`]*`/g, "");
    expect(outsideCode).not.toMatch(/<(?!br>)/);
  });
});
