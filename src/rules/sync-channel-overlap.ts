import type { Rule } from "./types.js";

export const syncChannelOverlap: Rule = {
  meta: {
    id: "sync-channel-overlap",
    description: "A step done by an agent or team offers two or more synchronous channels at once.",
    severity: "warning",
    messages: {
      overlap:
        "`{{step}}` asks one {{actor}} to serve {{channels}} at once, all synchronous: nobody can hold a call and a live chat together (pair a sync channel with an async one instead)",
    },
  },
  check({ journey, report }) {
    for (const step of journey.steps) {
      if (step.actor === "customer" || step.actor === "system") continue;
      const sync = step.channels.filter((id) => journey.channels.get(id)?.mode === "sync");
      if (sync.length < 2) continue;
      report({
        messageId: "overlap",
        data: { step: step.id, actor: step.actor === "agent" ? "agent" : `person of team \`${step.actor}\``, channels: sync.map((c) => `\`${c}\``).join(", ") },
        at: [...step.path, "channel"],
        step,
      });
    }
  },
};
