import type { CompiledValidator } from "./schema-validators.js";

/**
 * Fields no lint rule reads: the journey's and its steps' labels and prose. A schema error
 * confined to them (a step without a `name`, `tags: web`, `lang: fr`) leaves every fact the
 * rules check as valid as in a valid file, so the rules can still run and one run reports
 * everything. test/lint/inert-fields.test.ts checks that changing these fields changes no
 * finding of any rule; a rule that starts reading one must take it out of this list.
 */
export const INERT_FIELDS = {
  journey: ["title", "description", "tags", "lang", "reviewed"],
  stage: ["name", "description"],
  step: ["name", "description", "thoughts"],
} as const;

/** Where each kind of object is, as a JSON pointer, and its inert fields. */
const OWNERS: readonly [RegExp, readonly string[]][] = [
  [/^$/, INERT_FIELDS.journey],
  [/^\/stages\/\d+$/, INERT_FIELDS.stage],
  [/^\/stages\/\d+\/steps\/\d+$/, INERT_FIELDS.step],
];

type Node = Record<string, unknown>;

/**
 * The document with every schema error repaired, when each error is in an inert field: an
 * optional field is dropped, a required one (`title`, a step's `name`) becomes the id of its
 * object. For the lint only: the repaired document is validated again and used only when valid,
 * so the rules see what they see in a valid file. Undefined when any error is elsewhere.
 */
export function withInertErrorsRepaired(validator: CompiledValidator, data: unknown): unknown {
  if (validator(data)) return data;
  const fields: [string, string][] = [];
  for (const error of validator.errors ?? []) {
    const field = error.keyword === "required" ? ([error.instancePath, String(error.params.missingProperty)] as const) : ownerAndField(error.instancePath);
    if (!field || !OWNERS.some(([owner, names]) => owner.test(field[0]) && names.includes(field[1]))) return undefined;
    fields.push([field[0], field[1]]);
  }
  const repaired = structuredClone(data);
  for (const [pointer, field] of fields) {
    const owner = pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Node)[key] : undefined), repaired);
    if (typeof owner !== "object" || owner === null) return undefined;
    const node = owner as Node;
    if (field === "title" || field === "name") node[field] = node.id;
    else delete node[field];
  }
  return validator(repaired) ? repaired : undefined;
}

/** `/stages/0/steps/1/name` -> [`/stages/0/steps/1`, `name`]; an item of a list field (`/tags/2`) names the list. */
function ownerAndField(pointer: string): readonly [string, string] | undefined {
  const parts = pointer.split("/");
  if (parts.length >= 3 && /^\d+$/.test(parts[parts.length - 1])) parts.pop();
  if (parts.length < 2) return undefined;
  const field = parts.pop()!;
  return [parts.join("/"), field];
}
