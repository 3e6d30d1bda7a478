import type { JourneyLink } from "../model/journey-link.js";
import type { Journey } from "../model/types.js";
import { fileStem } from "./file-names.js";

/** The journeys of a render by id, as links between journeys name them: each one's title and file stem. */
export type LinkedJourneys = ReadonlyMap<string, { title: string; stem: string }>;

/** Every journey of the render (render sees them all, so a map can name the journey a step continues in). */
export function linkedJourneys(journeys: Iterable<Journey>): LinkedJourneys {
  const map = new Map<string, { title: string; stem: string }>();
  for (const journey of journeys) if (!map.has(journey.id)) map.set(journey.id, { title: journey.title, stem: fileStem(journey.id) });
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
  return `${encodeURIComponent(linkTarget(link, journeys).stem)}.html#${encodeURIComponent(link.step)}`;
}
