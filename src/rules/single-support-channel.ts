import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const singleSupportChannel: Rule = {
  meta: {
    id: "single-support-channel",
    description: "All contacts of the journey, with all their alternatives, use one channel only.",
    severity: "warning",
    messages: {
      single: "every contact in this journey goes through `{{channel}}` only: offer customers a second way to reach you (email, chat, phone, ...)",
    },
  },
  check({ flow, report }) {
    const contacts = flow.contacts;
    if (contacts.length === 0) return;
    const channels = new Set(contacts.flatMap((c) => c.channels));
    if (channels.size !== 1) return; // none at all is channel-missing's concern
    report({ messageId: "single", data: { channel: [...channels][0] }, at: stepPath(contacts[0]), step: contacts[0] });
  },
};
