// The types of journey-validator.cjs, which scripts/build-schemas.mjs generates beside this file.
import type { CompiledValidator } from "../schema-validators.js";

declare const validators: {
  validateJourney: CompiledValidator;
  validateConfig: CompiledValidator;
  validateRules: CompiledValidator;
};
export = validators;
