import type { ProjectRule } from "./types.js";

export const catalogUnused: ProjectRule = {
  meta: {
    id: "catalog-unused",
    description: "A channel, persona or team of the config that no journey of the project uses.",
    severity: "info",
    scope: "project",
    messages: {
      channel: "no journey of the project uses channel `{{id}}`: map the steps that happen there, or remove it from the config",
      persona: "no journey of the project is for persona `{{id}}`: map a journey of theirs, or remove it from the config",
      team: "no journey of the project names team `{{id}}` (as an actor, owner or handoff): map their part, or remove it from the config",
    },
  },
  check({ journeys, catalogs, report }) {
    const used = { channels: new Set<string>(), personas: new Set<string>(), teams: new Set<string>() };
    for (const journey of journeys) {
      for (const channel of journey.channels) used.channels.add(channel);
      for (const team of journey.teams) used.teams.add(team);
      if (journey.persona !== undefined) used.personas.add(journey.persona);
    }
    const kinds = [
      ["channels", "channel"],
      ["personas", "persona"],
      ["teams", "team"],
    ] as const;
    for (const [catalog, messageId] of kinds)
      for (const id of catalogs[catalog]) if (!used[catalog].has(id)) report({ messageId, data: { id }, at: { catalog, id } });
  },
};
