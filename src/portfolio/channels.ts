import type { JourneySummary } from "../model/journey-summary.js";
import type { ChannelMode } from "../model/types.js";
import { compareCodePoints } from "../util/code-point-order.js";
import type { DisplayName, Portfolio, PortfolioCatalogs } from "./types.js";

/**
 * The channel inventory: every channel of the configs' catalogs and of the journeys' own
 * catalogs (by id; a config's entry names it, else the first journey's by id), each with every
 * step that uses it (a step listing two channels uses both; by journey id, then file order), and
 * the config's channels no journey uses.
 */
export function channelInventory(journeys: readonly JourneySummary[], catalogs: PortfolioCatalogs): Pick<Portfolio, "channels" | "unusedChannels"> {
  const entries = new Map<string, { channel: DisplayName; mode: ChannelMode; selfService: boolean }>();
  for (const [id, spec] of Object.entries(catalogs.channels))
    entries.set(id, { channel: { name: spec.name, ...(spec.names ? { names: spec.names } : {}) }, mode: spec.mode, selfService: spec.self_service ?? false });
  for (const journey of journeys)
    for (const channel of journey.channels)
      if (!entries.has(channel.id))
        entries.set(channel.id, {
          channel: { name: channel.name, ...(channel.names ? { names: channel.names } : {}) },
          mode: channel.mode,
          selfService: channel.selfService,
        });
  const uses = new Map<string, { journey: string; step: string }[]>();
  for (const journey of journeys)
    for (const step of journey.steps)
      for (const id of new Set(step.channels)) {
        const list = uses.get(id) ?? [];
        list.push({ journey: journey.id, step: step.id });
        uses.set(id, list);
      }
  const channels = [...entries.keys()].sort(compareCodePoints).map((id) => ({ id, ...entries.get(id)!, uses: uses.get(id) ?? [] }));
  const unusedChannels = Object.keys(catalogs.channels)
    .filter((id) => !uses.has(id))
    .sort(compareCodePoints);
  return { channels, unusedChannels };
}
