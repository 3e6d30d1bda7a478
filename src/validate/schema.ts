import type { Finding } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import { didYouMean } from "../util/did-you-mean.js";
import type { CompiledValidator, SchemaError } from "./schema-validators.js";

/**
 * Runs a precompiled validator and turns its errors into `schema` findings that say, in plain
 * words, what was expected and where, with a suggestion for misspelt keys and values.
 */
export function schemaFindings(validator: CompiledValidator, data: unknown, locator: Locator): Finding[] {
  if (validator(data)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of relevantErrors(validator.errors ?? [])) {
    const described = describe(error);
    if (!described) continue;
    const span = locator.span(described.path, described.target);
    const key = `${span.line}:${span.column}:${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range = described.rename !== undefined ? locator.range(described.path, "key") : undefined;
    findings.push({
      ruleId: "schema",
      messageId: error.keyword,
      severity: "error",
      message: described.message,
      ...span,
      ...(range && described.rename !== undefined && { fix: { range, text: described.rename } }),
    });
  }
  return findings;
}

/** Plain messages for data that has no source positions (command-line values). */
export function schemaMessages(validator: CompiledValidator, data: unknown): string[] {
  if (validator(data)) return [];
  const messages = relevantErrors(validator.errors ?? [])
    .map(describe)
    .filter((d): d is Described => d !== undefined)
    .map((d) => d.message);
  return [...new Set(messages)];
}

/** A value of the wrong type fails its other keywords too; the type error alone says it. */
function relevantErrors(errors: readonly SchemaError[]): SchemaError[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === "type" || !wrongType.has(e.instancePath));
}

/** The `title` of the schema of a name given per language (`$defs/catalogName`). */
const NAMES_BY_LANGUAGE = "names by language";

interface Described {
  path: YamlPath;
  target: "key" | "value";
  message: string;
  /** A misspelt key's one close match, safe to rename to (the map does not have it yet): the fix. */
  rename?: string;
}

function describe(error: SchemaError): Described | undefined {
  const path = parsePointer(error.instancePath);
  const value = error.data;
  const field = fieldName(path);
  const params = error.params;
  switch (error.keyword) {
    case "if":
    case "propertyNames":
      return undefined; // the errors of the branch taken, or of the key's own schema, say it better
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      const glued = missingSpace(key);
      const suggestion = glued && allowed.includes(glued.split(":")[0]) ? glued : didYouMean(key, allowed);
      if (error.parentSchema?.title === NAMES_BY_LANGUAGE) {
        const hint = suggestion ? `; did you mean \`${suggestion}\`?` : "";
        return { path: [...path, key], target: "key", message: `\`${key}\` is not a report language (${allowed.join(", ")})${hint}` };
      }
      const hint = suggestion
        ? `; did you mean \`${suggestion}\`?`
        : allowed.length > 0
          ? `; allowed keys here: ${allowed.join(", ")} (and any key starting with \`x-\`)`
          : "";
      // A typo of a key the map lacks is renamed by --fix: the value was meant for that key.
      const rename =
        suggestion !== undefined && suggestion !== glued && typeof value === "object" && value !== null && !Object.hasOwn(value, suggestion)
          ? suggestion
          : undefined;
      return { path: [...path, key], target: "key", message: `unknown key \`${key}\`${hint}`, ...(rename !== undefined && { rename }) };
    }
    case "required":
      return {
        path,
        target: path.length > 0 && typeof path[path.length - 1] === "string" ? "key" : "value",
        message: `${context(error, path)} is missing the required key \`${String(params.missingProperty)}\``,
      };
    case "type": {
      const types = String(params.type).split(",");
      const expected = types.map(article).join(" or ");
      const glued = typeof value === "string" && (types.includes("array") || types.includes("object")) ? missingSpace(value) : undefined;
      const hint = glued ? `; did you mean \`${glued}\`?` : "";
      return { path, target: "value", message: `${field} must be ${expected}, not ${describeValue(value)}${hint}` };
    }
    case "const":
      return {
        path,
        target: "value",
        message: `${field} must be ${JSON.stringify(params.allowedValue)}${field === "`journey`" ? " (the format version)" : ""}`,
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof value === "string" ? didYouMean(value, allowed) : undefined;
      return {
        path,
        target: "value",
        message: `${field} must be one of ${allowed.join(", ")}, not \`${String(value)}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
      };
    }
    case "pattern":
    case "maxLength":
      if (error.schemaPath.includes("/$defs/id/")) {
        const keyPath = error.propertyName !== undefined ? [...path, error.propertyName] : path;
        const shown = error.propertyName ?? String(value);
        const slug = slugify(shown);
        const example = slug && slug !== shown ? `, e.g. \`${slug}\`` : "";
        const what = error.keyword === "maxLength" ? " (at most 100 characters)" : "";
        return {
          path: keyPath,
          target: error.propertyName !== undefined ? "key" : "value",
          message: `\`${shown}\` is not a valid id${what}: use lowercase letters or digits joined by single hyphens${example}`,
        };
      }
      {
        // A raw regular expression tells a user little; the schema's example shows the form.
        const example = error.parentSchema?.examples?.[0];
        const expected = typeof example === "string" ? `must look like \`${example}\`` : (error.message ?? "is not valid");
        return { path, target: "value", message: `${field} ${expected}, not ${describeValue(value)}` };
      }
    case "minimum":
    case "maximum": {
      const bound = params.limit as number;
      const word = error.keyword === "minimum" ? "at least" : "at most";
      const extra = field === "`emotion`" ? " (-2 very negative .. 2 very positive)" : "";
      return { path, target: "value", message: `${field} must be ${word} ${bound}, not ${String(value)}${extra}` };
    }
    case "minItems":
      return { path, target: "value", message: `${field} must list at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}` };
    case "maxItems":
      return { path, target: "value", message: `${field} must list at most ${String(params.limit)} items` };
    case "minLength":
      return { path, target: "value", message: `${field} must not be empty` };
    case "minProperties": {
      const example = error.parentSchema?.examples?.[0];
      const names = example && typeof example === "object" ? Object.entries(example).map(([lang, name]) => `${lang}: ${String(name)}`) : [];
      const hint =
        error.parentSchema?.title === NAMES_BY_LANGUAGE && names.length > 0 ? `: give one name, or names by language such as \`{ ${names.join(", ")} }\`` : "";
      return { path, target: "value", message: `${field} must not be empty${hint}` };
    }
    case "uniqueItems": {
      const list = value as unknown[];
      const duplicate = Array.isArray(list) ? list[params.j as number] : undefined;
      return { path: [...path, params.i as number], target: "value", message: `${field} lists \`${String(duplicate)}\` twice` };
    }
    default:
      return { path, target: "value", message: `${field} ${error.message ?? "is not valid"}` };
  }
}

/**
 * `-item` and `key:value` are plain text to YAML: a list item needs a space after `-`, a key one
 * after `:`. The text as it was probably meant, when it looks like either.
 */
function missingSpace(text: string): string | undefined {
  const dash = /^-([^\s-].*)$/s.exec(text);
  if (dash) return `- ${dash[1]}`;
  const colon = /^([A-Za-z_][\w-]*):([^\s:/].*)$/s.exec(text);
  return colon ? `${colon[1]}: ${colon[2]}` : undefined;
}

function parsePointer(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

/** `channel`, or `next[1]` for an item of a list. */
function fieldName(path: YamlPath): string {
  if (path.length === 0) return "the document";
  let index = path.length - 1;
  let suffix = "";
  while (index >= 0 && typeof path[index] === "number") {
    suffix = `[${path[index]}]` + suffix;
    index--;
  }
  return index >= 0 ? `\`${String(path[index])}${suffix}\`` : `item ${suffix}`;
}

/** What kind of object is missing a key: "this step", "this channel", "the journey". */
function context(error: SchemaError, path: YamlPath): string {
  const title = error.parentSchema?.title;
  if (path.length === 0) return "the journey";
  if (title) return `this ${title}`;
  return fieldName(path);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : Number.isNaN(value) ? "NaN" : "number";
  return typeof value;
}

function article(type: string): string {
  switch (type) {
    case "integer":
    case "array":
    case "object":
      return `an ${type}`;
    case "null":
    case "NaN":
      return type;
    case "string":
      return "text (a string)";
    default:
      return `a ${type}`;
  }
}

/** A likely intended id: "Sees the Ad" -> "sees-the-ad". */
export function slugify(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** `2.5`, `"text"`, a list, ...: what the user wrote, briefly. */
function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return value.length > 40 ? "a long text" : `text \`${value}\``;
  if (typeof value === "boolean") return `\`${value}\``;
  return article(typeName(value));
}
