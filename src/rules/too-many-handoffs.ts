import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const tooManyHandoffs: Rule = {
  meta: {
    id: "too-many-handoffs",
    description: "More than `max` handoffs between a contact and its response.",
    severity: "warning",
    options: {
      max: { type: "integer", minimum: 0, default: 3, description: "Most handoffs allowed between a contact and the response that answers it." },
    },
    messages: {
      tooMany: "contact `{{step}}` passes through {{count}} handoffs before it is answered (more than {{max}}): the customer waits while work changes hands",
    },
  },
  check({ flow, options, report }) {
    for (const contact of flow.contacts) {
      const responses = flow.responsesByContact.get(contact.id) ?? [];
      const count = flow.fewestOnPath(contact, responses, (step) => (step.type === "handoff" ? 1 : 0));
      if (count === Infinity || count <= options.max) continue; // unanswered contacts are touchpoint-unanswered's
      report({ messageId: "tooMany", data: { step: contact.id, count, max: options.max }, at: stepPath(contact), step: contact });
    }
  },
};
