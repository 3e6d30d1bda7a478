import { relative } from "node:path";
import { toPosix } from "./util/paths.js";
import type { ProjectConfig } from "./config/types.js";
import { compareFindings, FILE_START, type Finding, type Span, type SuppressedFinding } from "./finding.js";
import { parseYaml } from "./load/parse.js";
import { readSource } from "./load/source.js";
import { buildJourney } from "./model/build.js";
import { buildFlowGraph, type FlowGraph } from "./model/flow-graph.js";
import type { Journey, JourneyFile } from "./model/types.js";
import type { JourneySummary } from "./model/journey-summary.js";
import type { Locator } from "./load/locator.js";
import type { FileReport } from "./results.js";
import { eventMappingFindings } from "./validate/event-mapping.js";
import { writtenLinks, type WrittenLink } from "./validate/journey-links.js";
import { withInertErrorsRepaired } from "./validate/inert.js";
import { referenceFindings } from "./validate/references.js";
import { schemaFindings } from "./validate/schema.js";
import { validateJourneySchema } from "./validate/schema-validators.js";

/** The model of a structurally valid file: what lint rules, render and the new commands work on. */
export interface JourneyModel {
  journey: Journey;
  /** The flow graph, built once and shared by every rule. */
  graph: FlowGraph;
  /** Finds the line and column of any node of the file. */
  locator: Locator;
}

/** A checked file: its report, and its model when the file is structurally valid. */
export interface CheckedFile extends FileReport {
  /** The journey's id and where it is written, when the document has one (for duplicate ids). */
  journeyId?: string;
  idSpan?: Span;
  /** Absent when the file has structural errors. */
  model?: JourneyModel;
  /**
   * The model of a file whose only structural errors are schema errors in fields no rule reads
   * (`validate/inert.ts`), built from the document with those fields repaired: what the lint runs
   * on, so one run reports everything. Never rendered, analyzed or compared: those take `model`.
   */
  lintModel?: JourneyModel;
  /** The step ids of a schema-valid journey: what links from other journeys resolve against. */
  stepIds?: string[];
  /**
   * The links to other journeys' steps the file writes (where the schema accepts them): resolved
   * against the project's journeys once every file of the run is checked (`lint/project-links.ts`).
   */
  links?: WrittenLink[];
  /** What the project-wide views read of a valid journey, when the run asked for it (`lint/run-files.ts`'s `summary` option). */
  summary?: JourneySummary;
  /** Lint findings silenced by `# journey-disable` comments: reports still show the facts behind them. */
  suppressed?: SuppressedFinding[];
}

/**
 * The structural pipeline for one file: read -> parse -> schema and references (both on the
 * document, so their problems are reported together) -> model and flow graph, built only from a
 * structurally valid document (or, for the lint alone, one whose schema errors are all in fields
 * no rule reads). Never throws for bad input; an unexpected exception becomes an
 * `internal` finding for this file alone, so one bad file never stops the others from being checked.
 */
export function checkJourneyFile(filePath: string, config: ProjectConfig): CheckedFile {
  try {
    return checkStructure(filePath, config);
  } catch (error) {
    return { filePath, findings: [internalFinding(error)] };
  }
}

function checkStructure(filePath: string, config: ProjectConfig): CheckedFile {
  const source = readSource(filePath, { maxFileSize: config.limits.maxFileSize });
  if (source.finding) return { filePath, findings: [source.finding] };
  return checkJourneyText(filePath, source.text, config);
}

/** The pipeline after reading: for text that is already in memory (tests, editors, stdin). */
export function checkJourneyText(filePath: string, text: string, config: ProjectConfig): CheckedFile {
  const result: CheckedFile = { filePath, source: text, findings: [] };

  const parsed = parseYaml(text, config.limits);
  result.findings.push(...parsed.findings);
  if (parsed.data === undefined) return sorted(result);

  const schema = schemaFindings(validateJourneySchema, parsed.data, parsed.locator);
  // A node the schema rejects (`next: [Pay Now]`) is the schema's to report, once.
  const rejected = new Set(schema.map((f) => `${f.line}:${f.column}`));
  const references = referenceFindings(parsed.data, config, parsed.locator).filter((f) => !rejected.has(`${f.line}:${f.column}`));
  result.findings.push(...schema, ...references);
  const links = writtenLinks(parsed.data, parsed.locator).filter((link) => !rejected.has(`${link.span.line}:${link.span.column}`));
  if (links.length > 0) result.links = links;
  // With schema errors only in labels and prose, the rest is checked as in a valid file.
  const valid = schema.length === 0 ? parsed.data : withInertErrorsRepaired(validateJourneySchema, parsed.data);
  if (valid === undefined) return sorted(result);
  // Only a schema-valid id takes part in the project-wide duplicate check.
  const file = valid as JourneyFile;
  result.journeyId = file.id;
  result.idSpan = parsed.locator.span(["id"]);
  result.stepIds = file.stages.flatMap((stage) => (stage.steps ?? []).map((step) => step.id));
  // One activity of an event log means one step (journey analyze); checked on the valid document.
  const eventMapping = eventMappingFindings(file, parsed.locator).map((f) => ({ ...f, journeyId: file.id }));
  result.findings.push(...eventMapping);
  if (references.length === 0 && eventMapping.length === 0) {
    const journey = buildJourney(file, config);
    const model = { journey, graph: buildFlowGraph(journey), locator: parsed.locator };
    if (schema.length === 0) result.model = model;
    else result.lintModel = model;
  }
  return sorted(result);
}

/** Journey ids are unique within a run: they name rendered files. Reported on every later file. */
export function duplicateJourneyIds(results: CheckedFile[], cwd: string): void {
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

function sorted(result: CheckedFile): CheckedFile {
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
