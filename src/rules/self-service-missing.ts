import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const selfServiceMissing: Rule = {
  meta: {
    id: "self-service-missing",
    description: "The journey has contacts but no self-service channel anywhere.",
    severity: "warning",
    messages: {
      missing:
        "customers must contact you ({{count}} {{count|one:contact|other:contacts}}) but no step offers self-service: an FAQ or knowledge-base page (`self_service: true`) answers many questions before they are asked",
    },
  },
  check({ journey, flow, report }) {
    const contacts = flow.contacts;
    if (contacts.length === 0) return;
    const selfService = journey.steps.some((step) => step.channels.some((id) => journey.channels.get(id)?.self_service === true));
    if (selfService) return;
    report({ messageId: "missing", data: { count: contacts.length }, at: stepPath(contacts[0]), step: contacts[0] });
  },
};
