/**
 * Rule messages as templates with data, so one finding can be written in any report language:
 * `{{name}}` is a value, `{{name|one:branch|other:branches}}` the word that fits the number
 * `name` (a CLDR plural category of the language, `Intl.PluralRules`). Data stays
 * language-neutral: ids, user text, numbers, and lists of ids that the writer joins in its own
 * language.
 */
import { own } from "./own.js";

export type MessageValue = string | number | readonly string[];
export type MessageData = Readonly<Record<string, MessageValue>>;

/** How one language writes a message's values. */
export interface MessageStyle {
  lang: string;
  number(value: number): string;
  /** Ids already quoted as code; `more` is how many were left out after them. */
  list(items: readonly string[], more: number): string;
}

/** Longest list of ids written out in a message; the rest are counted. */
export const LIST_LIMIT = 5;

const PLACEHOLDER = /\{\{(\w+)(?:\|([^}]*))?\}\}/g;

/** The data names a template uses, sorted, each once (a plural word names its number). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/** The plural categories a template's `{{name|...}}` words give, by name. */
export function pluralFormsOf(template: string): Map<string, string[]> {
  return new Map([...template.matchAll(PLACEHOLDER)].filter((m) => m[2] !== undefined).map((m) => [m[1], parseForms(m[2]).map(([category]) => category)]));
}

/** The English of the terminal and the machine formats: numbers as they are, ids joined as "a, b and c". */
export const ENGLISH: MessageStyle = {
  lang: "en",
  number: String,
  list: (items, more) => {
    if (items.length === 0) return "none";
    if (more > 0) return `${items.join(", ")} and ${more} more`;
    return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  },
};

/**
 * The message with its placeholders filled. A placeholder without data is a bug in the rule (a
 * misspelt name would otherwise print as nothing and pass every test), so it throws.
 */
export function fillMessage(template: string, data: MessageData | undefined, what: string, style: MessageStyle = ENGLISH): string {
  return template.replace(PLACEHOLDER, (_, key: string, forms: string | undefined) => {
    const value = data && own(data, key);
    if (value === undefined) throw new Error(`${what}: no data for {{${key}}}`);
    if (forms !== undefined) {
      if (typeof value !== "number") throw new Error(`${what}: {{${key}|...}} needs a number`);
      const category = pluralRules(style.lang).select(value);
      const byCategory = new Map(parseForms(forms));
      return byCategory.get(category) ?? byCategory.get("other") ?? "";
    }
    if (typeof value === "number") return style.number(value);
    if (typeof value !== "string") {
      const shown = value.slice(0, LIST_LIMIT).map((id) => `\`${oneLine(id)}\``);
      return style.list(shown, value.length - shown.length);
    }
    return oneLine(value);
  });
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(lang: string): Intl.PluralRules {
  let found = rules.get(lang);
  if (!found) rules.set(lang, (found = new Intl.PluralRules(lang)));
  return found;
}

// Data may carry user text (a persona's name): one line, so every format keeps one finding per line.
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}

function parseForms(forms: string): [string, string][] {
  return forms.split("|").map((form) => {
    const colon = form.indexOf(":");
    return [form.slice(0, colon), form.slice(colon + 1)];
  });
}
