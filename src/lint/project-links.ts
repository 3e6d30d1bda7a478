import { compareFindings } from "../finding.js";
import type { CheckedFile } from "../check.js";
import type { ProjectConfig } from "../config/types.js";
import { projectFiles } from "../discover/project-files.js";
import { parseYaml } from "../load/parse.js";
import { readSource } from "../load/source.js";
import { linkFindings, type LinkTargets } from "../validate/journey-links.js";

/** A journey of the project as links see it: its id, its step ids and its file. */
export interface IndexedJourney {
  id: string;
  file: string;
  steps: ReadonlySet<string>;
}

/** The journeys of a project by id (the first file of an id wins: a later one is a `duplicate-id`). */
export class JourneyIndex implements LinkTargets {
  private readonly byId = new Map<string, IndexedJourney>();
  private readonly files = new Set<string>();

  add(journey: IndexedJourney): void {
    this.files.add(journey.file);
    if (!this.byId.has(journey.id)) this.byId.set(journey.id, journey);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get(journeyId: string): IndexedJourney | undefined {
    return this.byId.get(journeyId);
  }

  stepsOf(journeyId: string): ReadonlySet<string> | undefined {
    return this.byId.get(journeyId)?.steps;
  }

  journeyIds(): Iterable<string> {
    return this.byId.keys();
  }
}

/**
 * A journey's id and step ids, read cheaply: parsed, not checked (no schema, no model, no rules).
 * Undefined for a file that cannot be read or has no id: a link to it is unknown, and a lint of
 * that file says why.
 */
export function indexJourneyFile(file: string, config: ProjectConfig): IndexedJourney | undefined {
  const source = readSource(file, { maxFileSize: config.limits.maxFileSize });
  if (source.finding) return undefined;
  const { data } = parseYaml(source.text, config.limits);
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const { id, stages } = data as { id?: unknown; stages?: unknown };
  if (typeof id !== "string") return undefined;
  const steps = new Set<string>();
  for (const stage of Array.isArray(stages) ? stages : []) {
    const list = (stage as { steps?: unknown } | null)?.steps;
    for (const step of Array.isArray(list) ? list : []) {
      const stepId = (step as { id?: unknown } | null)?.id;
      if (typeof stepId === "string") steps.add(stepId);
    }
  }
  return { id, file, steps };
}

/**
 * Resolves the links of the checked files against every journey of the project, adding an
 * `unknown-reference` for each that names no journey or no step of it. The files of the run come
 * first (their ids are known from the check); the rest of the project is read only when a link
 * names a journey the run did not check, so a lint of one file without links reads nothing more,
 * and a lint of the whole project reads no file twice.
 */
export function resolveProjectLinks(results: readonly CheckedFile[], config: ProjectConfig): void {
  if (!results.some((result) => result.links)) return;
  const index = new JourneyIndex();
  for (const result of results) if (result.journeyId !== undefined) index.add({ id: result.journeyId, file: result.filePath, steps: new Set(result.stepIds) });
  const outside = results.some((result) => result.links?.some((link) => index.get(link.journey) === undefined));
  if (outside) {
    for (const file of projectFiles([], config, config.dir).files) {
      if (index.has(file)) continue;
      const journey = indexJourneyFile(file, config);
      if (journey) index.add(journey);
    }
  }
  for (const result of results) {
    if (!result.links) continue;
    const findings = linkFindings(result.links, index, result.journeyId);
    if (findings.length === 0) continue;
    result.findings.push(...findings);
    result.findings.sort(compareFindings);
  }
}
