import { markup, trusted, type Html } from "../../escape/html.js";
import type { Names } from "../../i18n/names.js";
import type { Journey, Step } from "../../model/types.js";
import { arrivalsAt, linkTarget, mapHref, type LinkedJourneys } from "../journey-links.js";

/** "continues in <title>" for each link of the step to another journey, linking that journey's map at the step. */
export function continuesIn(step: Step, names: Names, journeys: LinkedJourneys | undefined): Html | "" {
  if (step.links.length === 0) return "";
  const [before, after = ""] = names.labels.continuesIn.split("{journey}");
  return markup`${step.links.map((link) => {
    return markup`<span class="continues">${arrow(names)} ${before}<a href="${mapHref(link, journeys)}" dir="auto">${linkTarget(link, journeys).title}</a>${after}${link.when ? markup` <span class="meta" dir="auto">(${link.when})</span>` : ""}</span>`;
  })}`;
}

/** "continued from <title>" for each step of another journey that continues at this one, linking back to that step on its map. */
export function continuedFrom(step: Step, journey: Journey, names: Names, journeys: LinkedJourneys | undefined): Html | "" {
  const arrivals = arrivalsAt(journey.id, step.id, journeys);
  if (arrivals.length === 0) return "";
  const [before, after = ""] = names.labels.continuedFrom.split("{journey}");
  return markup`${arrivals.map(
    (source) =>
      markup`<span class="continues continued">${backArrow(names)} ${before}<a href="${mapHref(source, journeys)}" dir="auto">${linkTarget(source, journeys).title}</a>${after}</span>`,
  )}`;
}

/** The arrow of an incoming link: pointing back, against the reading direction. */
function backArrow(names: Names): Html {
  return trusted(names.labels.dir === "rtl" ? "&rarr;" : "&larr;");
}

/** An outgoing link's arrow, in the reading direction. */
function arrow(names: Names): Html {
  return trusted(names.labels.dir === "rtl" ? "&larr;" : "&rarr;");
}
