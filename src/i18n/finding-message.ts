import type { Finding } from "../finding.js";
import { fillMessage } from "../util/message-template.js";
import { own } from "../util/own.js";
import { formatList, formatNumber, plural } from "./format.js";
import { MESSAGES } from "./messages/index.js";
import type { Labels } from "./types.js";

/**
 * A finding's message in the report's language: the rule message's translation filled from the
 * finding's data (numbers and lists as the language writes them), or the English `message` where
 * there is no translation (English reports, and findings that are not a rule's: unused
 * `journey-disable` comments).
 */
export function findingMessage(finding: Finding, labels: Labels): string {
  const catalog = own(MESSAGES, labels.lang);
  const key = `${finding.ruleId}/${finding.messageId}`;
  const template = catalog && finding.messageId !== undefined ? own(catalog, key) : undefined;
  if (template === undefined) return finding.message;
  return fillMessage(template, finding.data, key, {
    lang: labels.lang,
    number: (value) => formatNumber(labels, value),
    list: (items, more) => (items.length === 0 ? "—" : formatList(labels, more > 0 ? [...items, plural(labels, labels.lists.more, more)] : items)),
  });
}

/**
 * The pieces of a finding's message for `markdownCellIsolated`, each a message whose code spans
 * stay code: in a right-to-left report each code span (ids, keys) is isolated, and a message left
 * in English is isolated whole.
 */
export function findingMessageParts(finding: Finding, labels: Labels): { text: string; isolate: boolean; message: true }[] {
  const text = findingMessage(finding, labels);
  if (labels.dir !== "rtl") return [{ text, isolate: false, message: true }];
  if (text === finding.message) return [{ text, isolate: true, message: true }];
  return text.split(/(`[^`\n]*`)/).map((piece, i) => ({ text: piece, isolate: i % 2 === 1, message: true }));
}
