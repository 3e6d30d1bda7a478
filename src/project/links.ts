import type { LinkTargets } from "../validate/journey-links.js";
import type { Project, ProjectFile } from "./project.js";

/**
 * Links between journeys in the project model: what `journey lsp` resolves a link against (the
 * workspace's journeys, by the id their index reads, each with its step ids) and where
 * go-to-definition finds the step a link names. The same `LinkTargets` lint resolves against,
 * built from the files' indexes instead of a cheap read of each, so editor and CLI agree.
 */
export function projectLinkTargets(project: Project): LinkTargets {
  const byId = new Map<string, ProjectFile>();
  for (const file of project.journeys()) {
    const id = file.index.journeyId;
    // The first of two files with one id wins, as in lint (the other has a duplicate-id).
    if (id !== undefined && !byId.has(id)) byId.set(id, file);
  }
  const steps = new Map<string, ReadonlySet<string>>();
  return {
    stepsOf(journeyId) {
      const file = byId.get(journeyId);
      if (!file) return undefined;
      let set = steps.get(journeyId);
      if (!set) steps.set(journeyId, (set = new Set(file.index.steps.map((step) => step.id))));
      return set;
    },
    journeyIds: () => byId.keys(),
  };
}

/** The workspace's journey of an id (the first, when two files share it). */
export function journeyFile(project: Project, journeyId: string): ProjectFile | undefined {
  return project.journeys().find((file) => file.index.journeyId === journeyId);
}
