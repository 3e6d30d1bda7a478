import { didYouMean } from "../util/did-you-mean.js";
import type { Rule } from "./types.js";

export const channelUnknown: Rule = {
  meta: {
    id: "channel-unknown",
    description: "A step whose channel is not in the journey's or the config's channel catalog.",
    severity: "error",
    messages: {
      unknown: "channel `{{channel}}` is not declared in this journey's `channels` or in journey.config.yaml",
      didYouMean: "channel `{{channel}}` is not declared in this journey's `channels` or in journey.config.yaml; did you mean `{{suggestion}}`?",
    },
  },
  check({ journey, report }) {
    const known = [...journey.channels.keys()];
    for (const step of journey.steps) {
      step.channels.forEach((channel, i) => {
        if (journey.channels.has(channel)) return;
        const suggestion = didYouMean(channel, known);
        report({
          ...(suggestion ? { messageId: "didYouMean", data: { channel, suggestion } } : { messageId: "unknown", data: { channel } }),
          // `channel: x` resolves to x, `channel: [a, b]` to the item
          at: [...step.path, "channel", i],
          step,
        });
      });
    }
  },
};
