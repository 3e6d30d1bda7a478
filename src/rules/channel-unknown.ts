import { didYouMean } from "../util/did-you-mean.js";
import type { Rule } from "./types.js";

export const channelUnknown: Rule = {
  meta: {
    id: "channel-unknown",
    description: "A step whose channel is not in the journey's or the config's channel catalog.",
    severity: "error",
    messages: {
      unknown: "channel `{{channel}}` is not declared in this journey's `channels` or in journey.config.yaml{{hint}}",
    },
  },
  check({ journey, report }) {
    const known = [...journey.channels.keys()];
    for (const step of journey.steps) {
      step.channels.forEach((channel, i) => {
        if (journey.channels.has(channel)) return;
        const suggestion = didYouMean(channel, known);
        report({
          messageId: "unknown",
          data: { channel, hint: suggestion ? `; did you mean \`${suggestion}\`?` : "" },
          // `channel: x` resolves to x, `channel: [a, b]` to the item
          at: [...step.path, "channel", i],
          step,
        });
      });
    }
  },
};
