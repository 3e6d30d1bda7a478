import type { JourneyLink } from "../model/journey-link.js";
import type { Journey } from "../model/types.js";
import { fileStem } from "./file-names.js";

/** A journey of a render as links between journeys see it. */
export interface LinkedJourney {
  title: string;
  stem: string;
  /** The href of the journey's page when it is not `<stem>.html` (`journey preview` shows every journey on one page, at `#<file>`). */
  page?: string;
  /** By step id: the steps of other rendered journeys that continue at that step, in their journeys' render order. */
  arrivals: ReadonlyMap<string, readonly JourneyLink[]>;
}

/** The journeys of a render by id, as links between journeys name them: each one's title, file stem and incoming links. */
export type LinkedJourneys = ReadonlyMap<string, LinkedJourney>;

/**
 * Every journey of the render (render sees them all, so a map can name the journey a step
 * continues in, and the target journey's map the journeys its customers arrive from).
 */
export function linkedJourneys(journeys: Iterable<Journey>, pageOf?: (journey: Journey) => string): LinkedJourneys {
  const map = new Map<string, { title: string; stem: string; page?: string; arrivals: Map<string, JourneyLink[]> }>();
  const linking: Journey[] = [];
  for (const journey of journeys)
    if (!map.has(journey.id)) {
      map.set(journey.id, { title: journey.title, stem: fileStem(journey.id), ...(pageOf ? { page: pageOf(journey) } : {}), arrivals: new Map() });
      linking.push(journey);
    }
  for (const journey of linking)
    for (const stage of journey.stages)
      for (const step of stage.steps)
        for (const link of step.links) {
          const arrivals = map.get(link.journey)?.arrivals;
          if (!arrivals) continue;
          const from = arrivals.get(link.step) ?? [];
          // A step linking twice to the same step (two branches) arrives once.
          if (!from.some((source) => source.journey === journey.id && source.step === step.id)) from.push({ journey: journey.id, step: step.id });
          arrivals.set(link.step, from);
        }
  return map;
}

/**
 * Where a link goes in the output folder: the other journey's title (its id when it is not among
 * the journeys rendered) and the stem of its files, `<stem>.html` (whose step cards carry their
 * step ids as anchors) and `<stem>.md`.
 */
export function linkTarget(link: JourneyLink, journeys: LinkedJourneys | undefined): { title: string; stem: string } {
  const known = journeys?.get(link.journey);
  return { title: known?.title ?? link.journey, stem: known?.stem ?? fileStem(link.journey) };
}

/** The href of a link in a map: the other journey's map, at the step. */
export function mapHref(link: JourneyLink, journeys: LinkedJourneys | undefined): string {
  const page = journeys?.get(link.journey)?.page ?? `${encodeURIComponent(linkTarget(link, journeys).stem)}.html`;
  return `${page}#${encodeURIComponent(link.step)}`;
}

/** The steps of other journeys that continue at a step of `journeyId` (each a link back to its source step). */
export function arrivalsAt(journeyId: string, stepId: string, journeys: LinkedJourneys | undefined): readonly JourneyLink[] {
  return journeys?.get(journeyId)?.arrivals.get(stepId) ?? [];
}
