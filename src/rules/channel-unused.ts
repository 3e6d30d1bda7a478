import type { Rule } from "./types.js";

export const channelUnused: Rule = {
  meta: {
    id: "channel-unused",
    description: "A channel declared in the journey but never used.",
    severity: "info",
    messages: {
      unused: "channel `{{channel}}` is declared here but no step uses it",
    },
  },
  check({ journey, report }) {
    const used = new Set<string>();
    for (const step of journey.steps) for (const channel of step.channels) used.add(channel);
    for (const channel of journey.channels.values()) {
      if (channel.declaredInJourney && !used.has(channel.id)) {
        report({ messageId: "unused", data: { channel: channel.id }, at: ["channels", channel.id], target: "key" });
      }
    }
  },
};
