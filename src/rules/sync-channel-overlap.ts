import type { Rule } from "./types.js";

export const syncChannelOverlap: Rule = {
  meta: {
    id: "sync-channel-overlap",
    description: "A step done by an agent or team offers two or more synchronous channels at once.",
    severity: "warning",
    messages: {
      overlap:
        "`{{step}}` asks one agent to serve {{channels}} at once, all synchronous: nobody can hold a call and a live chat together (pair a sync channel with an async one instead)",
      overlapTeam:
        "`{{step}}` asks one person of team `{{team}}` to serve {{channels}} at once, all synchronous: nobody can hold a call and a live chat together (pair a sync channel with an async one instead)",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.actor === "customer" || step.actor === "system") continue;
      const sync = step.channels.filter((id) => journey.channels.get(id)?.mode === "sync");
      if (sync.length < 2) continue;
      report({
        ...(step.actor === "agent"
          ? { messageId: "overlap", data: { step: step.id, channels: sync } }
          : { messageId: "overlapTeam", data: { step: step.id, team: step.actor, channels: sync } }),
        at: [...step.path, "channel"],
        step,
      });
    }
  },
};
