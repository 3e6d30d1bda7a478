import { readFileSync } from "node:fs";

/** The subset of an ajv error this project reads. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  propertyName?: string;
  /** With ajv's `verbose`: the value that failed and the schema object holding the keyword. */
  data?: unknown;
  parentSchema?: { title?: string; properties?: Record<string, unknown>; examples?: unknown[] };
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

// Precompiled by scripts/build-schemas.mjs (ajv standalone): no schema compilation at start-up.
// Imported, so that scripts/bundle.mjs bundles it with the checking stages and bin/journey.cjs
// keeps its compiled code in the code cache (required at run time instead, V8 parsed its 300 KB
// on every run).
import compiled from "./generated/journey-validator.cjs";

export const validateJourneySchema = compiled.validateJourney;
export const validateConfigSchema = compiled.validateConfig;
/** Rule settings alone (`$defs/rules`), for `--rule` on the command line. */
export const validateRulesSchema = compiled.validateRules;

export const SCHEMA_FILES = {
  journey: "journey.schema.json",
  config: "journey-config.schema.json",
} as const;

/** Folder of the published schemas, in the repository and in the npm package alike. */
export function schemasDir(): string {
  return process.getBuiltinModule("node:url").fileURLToPath(new URL("../../schemas/", import.meta.url));
}

const loaded = new Map<string, Record<string, unknown>>();

/** A published schema as JSON; read on demand (only messages and `journey schema` need it). */
export function loadSchema(file: string): Record<string, unknown> {
  let schema = loaded.get(file);
  if (!schema) {
    schema = JSON.parse(readFileSync(schemasDir() + file, "utf8")) as Record<string, unknown>;
    loaded.set(file, schema);
  }
  return schema;
}
