import { didYouMean } from "../util/did-you-mean.js";
import type { Rule } from "./types.js";

export const channelUnknown: Rule = {
  meta: {
    id: "channel-unknown",
    description: "A step whose channel is not in the journey's or the config's channel catalog.",
    severity: "error",
    messages: {
      unknown: "channel `{{channel}}` is not declared in this journey's `channels` or in journey.config.yaml, which declare {{known}}",
      didYouMean:
        "channel `{{channel}}` is not declared in this journey's `channels` or in journey.config.yaml, which declare {{known}}; did you mean `{{suggestion}}`?",
      none: "channel `{{channel}}` is not declared, and no channel is: declare the channels under `channels:` in journey.config.yaml (shared by every journey) or in this journey",
    },
    suggestions: { replace: "replace `{{channel}}` with `{{suggestion}}`" },
  },
  check({ journey, report, replace }) {
    const known = [...journey.channels.keys()];
    for (const step of journey.steps) {
      // A loop, not forEach: a closure per step was 4 MB of garbage over a 40,000-step journey.
      for (let i = 0; i < step.channels.length; i++) {
        const channel = step.channels[i];
        if (journey.channels.has(channel)) continue;
        // `channel: x` resolves to x, `channel: [a, b]` to the item
        const at = [...step.path, "channel", i];
        if (known.length === 0) {
          report({ messageId: "none", data: { channel }, at, step });
          continue;
        }
        const suggestion = didYouMean(channel, known);
        // Another channel is another meaning: offered to choose, never applied by --fix.
        // `channel: [a, b]` has an item to replace; `channel: a` is the value itself.
        const edit =
          suggestion === undefined
            ? undefined
            : (replace(at, suggestion) ?? (step.channels.length === 1 ? replace([...step.path, "channel"], suggestion) : undefined));
        const suggest = edit && suggestion !== undefined ? [{ messageId: "replace", data: { channel, suggestion }, fix: edit }] : undefined;
        report({
          ...(suggestion ? { messageId: "didYouMean", data: { channel, known, suggestion } } : { messageId: "unknown", data: { channel, known } }),
          at,
          step,
          ...(suggest && { suggest }),
        });
      }
    }
  },
};
