import type { JourneySummary } from "../model/journey-summary.js";
import { compareCodePoints } from "../util/code-point-order.js";
import { own } from "../util/own.js";
import type { DisplayName, Portfolio, PortfolioCatalogs } from "./types.js";

/**
 * The coverage's stages: the config's `stages:` catalog in its order (each entry, covered or
 * not), then every other stage id of the journeys by code point. A stage's name is the catalog's,
 * else the first journey's (by id) that names it, else its id.
 */
export function coverageStages(journeys: readonly JourneySummary[], catalogs: PortfolioCatalogs): Portfolio["stages"] {
  const named = new Map<string, DisplayName>();
  for (const [id, entry] of Object.entries(catalogs.stages)) named.set(id, entry);
  const others = new Map<string, DisplayName>();
  for (const journey of journeys)
    for (const stage of journey.stages) if (!named.has(stage.id) && !others.has(stage.id)) others.set(stage.id, { name: stage.name ?? stage.id });
  const rest = [...others.keys()].sort(compareCodePoints);
  return [...[...named].map(([id, entry]) => ({ id, ...entry })), ...rest.map((id) => ({ id, ...others.get(id)! }))];
}

/**
 * Personas x stages: for every persona, each coverage stage with the journeys (ids by code point)
 * of that persona that have it; a stage none covers is listed empty. The config's personas come
 * first (by id, used or not), then inline personas (no id) grouped by name, then the journeys
 * that name no persona (id and name null).
 */
export function coverage(journeys: readonly JourneySummary[], stages: Portfolio["stages"], catalogs: PortfolioCatalogs): Portfolio["personas"] {
  const keyed = new Map<string, { id: string | null; persona: DisplayName | null; journeys: JourneySummary[] }>();
  const key = (id: string | null, name: string | null) => (id !== null ? `id:${id}` : name !== null ? `name:${name}` : "none");
  for (const [id, entry] of Object.entries(catalogs.personas)) keyed.set(key(id, null), { id, persona: entry, journeys: [] });
  for (const journey of journeys) {
    const persona = journey.persona;
    const k = key(persona?.id ?? null, persona ? persona.name : null);
    let group = keyed.get(k);
    if (!group) {
      const fromCatalog = persona?.id ? own(catalogs.personas, persona.id) : undefined;
      group = {
        id: persona?.id ?? null,
        persona: fromCatalog ?? (persona ? { name: persona.name, ...(persona.names ? { names: persona.names } : {}) } : null),
        journeys: [],
      };
      keyed.set(k, group);
    }
    group.journeys.push(journey);
  }
  const rank = (group: { id: string | null; persona: DisplayName | null }) => (group.id !== null ? 0 : group.persona ? 1 : 2);
  return [...keyed.values()]
    .sort((a, b) => rank(a) - rank(b) || compareCodePoints(a.id ?? a.persona?.name ?? "", b.id ?? b.persona?.name ?? ""))
    .map((group) => ({
      id: group.id,
      persona: group.persona,
      stages: Object.fromEntries(
        stages.map((stage) => [
          stage.id,
          group.journeys
            .filter((journey) => journey.stages.some((s) => s.id === stage.id))
            .map((journey) => journey.id)
            .sort(compareCodePoints),
        ]),
      ),
    }));
}
