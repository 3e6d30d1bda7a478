import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/finding.js";
import { formatGithub } from "../../src/report/formatters/github.js";
import { formatJunit } from "../../src/report/formatters/junit.js";
import { formatMarkdown } from "../../src/report/formatters/markdown.js";
import { formatSarif } from "../../src/report/formatters/sarif.js";
import type { FileReport } from "../../src/results.js";
import { formatContext, parseJson, type SarifLog } from "../helpers/index.js";

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
    expect(row).toContain("100% &lt;b&gt;bad&lt;/b&gt; \\| a<br>new line, with: \\`code\\` &amp; \\[link\\](x)");
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
