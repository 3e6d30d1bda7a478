import type { Rule } from "./types.js";
import { stepPath } from "./types.js";

export const touchpointUnanswered: Rule = {
  meta: {
    id: "touchpoint-unanswered",
    description: "A contact with no reachable response that answers it.",
    severity: "error",
    messages: {
      noResponse: "contact `{{step}}` is never answered: add a step with `type: response` and `answers: {{step}}`",
      unreachable: "contact `{{step}}` is answered by {{responses}}, but the flow never gets there from the contact",
    },
  },
  check({ flow, report }) {
    for (const contact of flow.contacts) {
      const responses = flow.responsesByContact.get(contact.id) ?? [];
      if (responses.length === 0) {
        report({ messageId: "noResponse", data: { step: contact.id }, at: stepPath(contact), step: contact });
        continue;
      }
      if (flow.fewestOnPath(contact, responses, () => 0) !== Infinity) continue;
      report({
        messageId: "unreachable",
        data: { step: contact.id, responses: responses.map((r) => r.id) },
        at: stepPath(contact),
        step: contact,
        related: responses.map((response) => ({
          at: stepPath(response),
          message: `\`${response.id}\` answers \`${contact.id}\`, but no path leads here from it`,
        })),
      });
    }
  },
};
