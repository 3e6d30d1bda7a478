import { pathToFileURL } from "node:url";
import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import type { Severity } from "../../finding.js";
import { ruleInfoOf, type FileReport } from "../../results.js";
import type { FormatContext } from "../context.js";

const LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, ...): one run, the rules that produced
 * findings with their help and docs links, artifact paths relative to %SRCROOT% (the working
 * directory), and regions with start and end.
 */
export function formatSarif(results: readonly FileReport[], context: FormatContext): string {
  const ruleIds = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sarifResults = results.flatMap((result) => {
    const artifactLocation = { uri: encodeUriPath(toPosix(relative(context.cwd, result.filePath))), uriBaseId: "%SRCROOT%" };
    return result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: LEVEL[finding.severity],
      message: { text: sentence(finding.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: Math.max(finding.endColumn, finding.endLine === finding.line ? finding.column + 1 : 1),
            },
          },
        },
      ],
      ...(finding.journeyId ? { properties: { journeyId: finding.journeyId, ...(finding.stepId ? { stepId: finding.stepId } : {}) } } : {}),
    }));
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "journey",
            version: context.version,
            semanticVersion: context.version,
            informationUri: context.homepage,
            rules: ruleIds.map((id) => {
              const info = ruleInfoOf(context.rulesMeta, id, context.homepage);
              return {
                id,
                name: info.name,
                shortDescription: { text: sentence(info.description) },
                fullDescription: { text: sentence(info.description) },
                helpUri: info.docsUrl,
                help: { text: `${sentence(info.description)} See ${info.docsUrl}`, markdown: `${info.description} [Rule documentation](${info.docsUrl})` },
                defaultConfiguration: { level: LEVEL[info.severity] },
              };
            }),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: directoryUri(context.cwd) } },
        results: sarifResults,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

/** SARIF messages are sentences that end with a period (validator rule SARIF2001). */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function encodeUriPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}
