import type { Finding, Span } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import { parseJourneyLink, type JourneyLink } from "../model/journey-link.js";
import { didYouMean } from "../util/did-you-mean.js";

/**
 * A link to another journey's step as the document writes it (`next: [refund#requests-refund]`),
 * with where it is written. Collected on the document by the structural check, so a file's links
 * reach the project's resolution even from a worker thread (spans, not the locator, cross it).
 */
export interface WrittenLink extends JourneyLink {
  /** The step whose `next` (or branch `to`) holds the link. */
  stepId?: string;
  span: Span;
}

/** What links resolve against: the journeys of the project and their step ids. */
export interface LinkTargets {
  /** The step ids of a journey of the project, or undefined when the project has no journey of that id. */
  stepsOf(journeyId: string): ReadonlySet<string> | undefined;
  /** Every journey id of the project (for did-you-mean). */
  journeyIds(): Iterable<string>;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The links a journey document writes, in file order: the `next` entries and branch `to`s of the form `<journey-id>#<step-id>`. */
export function writtenLinks(data: unknown, locator: Locator): WrittenLink[] {
  if (!isNode(data)) return [];
  const links: WrittenLink[] = [];
  const add = (target: unknown, path: YamlPath, stepId: string | undefined) => {
    const link = typeof target === "string" ? parseJourneyLink(target) : undefined;
    if (link) links.push({ ...link, ...(stepId !== undefined ? { stepId } : {}), span: locator.span(path) });
  };
  list(data.stages).forEach((stage, stageIndex) => {
    if (!isNode(stage)) return;
    list(stage.steps).forEach((step, stepIndex) => {
      if (!isNode(step)) return;
      const stepId = typeof step.id === "string" ? step.id : undefined;
      const path: YamlPath = ["stages", stageIndex, "steps", stepIndex, "next"];
      if (typeof step.next === "string") add(step.next, path, stepId);
      list(step.next).forEach((item, i) => add(isNode(item) ? item.to : item, isNode(item) ? [...path, i, "to"] : [...path, i], stepId));
    });
  });
  return links;
}

/**
 * `unknown-reference` for each link whose journey is not in the project, or whose step is not a
 * step of that journey, with a did-you-mean among the project's journey ids (or that journey's
 * step ids). Reported at the entry's line and column, as the other unknown references.
 */
export function linkFindings(links: readonly WrittenLink[], targets: LinkTargets, journeyId: string | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const link of links) {
    const steps = targets.stepsOf(link.journey);
    let messageId: string;
    let message: string;
    if (steps === undefined) {
      const suggestion = didYouMean(link.journey, targets.journeyIds());
      messageId = "journey";
      message = `\`next\` names journey \`${link.journey}\`, which is not a journey of this project${suggestion ? `; did you mean \`${suggestion}\`?` : ": check the journey's `id`, and that its file is in the project (the config's `include`)"}`;
    } else if (!steps.has(link.step)) {
      const suggestion = didYouMean(link.step, steps);
      messageId = "journey-step";
      message = `\`next\` names \`${link.step}\`, which is not a step of journey \`${link.journey}\`${suggestion ? `; did you mean \`${link.journey}#${suggestion}\`?` : ""}`;
    } else continue;
    findings.push({
      ruleId: "unknown-reference",
      messageId,
      severity: "error",
      message,
      ...link.span,
      ...(journeyId !== undefined ? { journeyId } : {}),
      ...(link.stepId !== undefined ? { stepId: link.stepId } : {}),
    });
  }
  return findings;
}
