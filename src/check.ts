import { relative } from "node:path";
import { toPosix } from "./discover/files.js";
import type { ProjectConfig } from "./config/types.js";
import { compareFindings, FILE_START, type Finding } from "./finding.js";
import { parseYaml } from "./load/parse.js";
import { readSource } from "./load/source.js";
import { buildJourney } from "./model/build.js";
import { buildFlowGraph } from "./model/flow-graph.js";
import type { JourneyFile } from "./model/types.js";
import type { FileResult } from "./results.js";
import { eventMappingFindings } from "./validate/event-mapping.js";
import { referenceFindings } from "./validate/references.js";
import { schemaFindings } from "./validate/schema.js";
import { validateJourneySchema } from "./validate/schema-validators.js";

/**
 * The structural pipeline for one file: read -> parse -> schema -> model -> references -> flow
 * graph. Stops at the first stage that fails, so later stages only ever see well-formed input.
 * Never throws for bad input; an unexpected exception becomes an `internal` finding for this
 * file alone, so one bad file never stops the others from being checked.
 */
export function checkJourneyFile(filePath: string, config: ProjectConfig): FileResult {
  try {
    return checkStructure(filePath, config);
  } catch (error) {
    return { filePath, findings: [internalFinding(error)] };
  }
}

function checkStructure(filePath: string, config: ProjectConfig): FileResult {
  const source = readSource(filePath, { maxFileSize: config.limits.maxFileSize });
  if (source.finding) return { filePath, findings: [source.finding] };
  return checkJourneyText(filePath, source.text, config);
}

/** The pipeline after reading: for text that is already in memory (tests, editors, stdin). */
export function checkJourneyText(filePath: string, text: string, config: ProjectConfig): FileResult {
  const result: FileResult = { filePath, source: text, findings: [] };

  const parsed = parseYaml(text, { maxAliases: config.limits.maxAliases });
  result.findings.push(...parsed.findings);
  result.locator = parsed.locator;
  if (parsed.data === undefined) return sorted(result);

  const schema = schemaFindings(validateJourneySchema, parsed.data, parsed.locator);
  result.findings.push(...schema);
  if (schema.length > 0) return sorted(result);

  const file = parsed.data as JourneyFile;
  const journey = buildJourney(file, config);
  result.journeyId = journey.id;
  result.idSpan = parsed.locator.span(["id"]);
  const references = [...referenceFindings(journey, file, config, parsed.locator), ...eventMappingFindings(file, parsed.locator)];
  result.findings.push(...references.map((f) => ({ ...f, journeyId: journey.id })));
  result.journey = journey;
  if (references.length === 0) result.graph = buildFlowGraph(journey);
  return sorted(result);
}

/** Journey ids are unique within a run: they name rendered files. Reported on every later file. */
export function duplicateJourneyIds(results: FileResult[], cwd: string): void {
  const first = new Map<string, string>();
  for (const result of results) {
    const id = result.journeyId;
    if (id === undefined) continue;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, result.filePath);
      continue;
    }
    result.findings.push({
      ruleId: "duplicate-id",
      messageId: "journey",
      severity: "error",
      message: `journey id \`${id}\` is already used by ${toPosix(relative(cwd, earlier))}; journey ids must be unique in a project`,
      ...(result.idSpan ?? FILE_START),
      journeyId: id,
    });
    result.findings.sort(compareFindings);
  }
}

function sorted(result: FileResult): FileResult {
  result.findings.sort(compareFindings);
  return result;
}

export function internalFinding(error: unknown): Finding {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId: "internal",
    severity: "error",
    message: `internal error while checking this file (${detail}); please report it with the file attached`,
    ...FILE_START,
  };
}
