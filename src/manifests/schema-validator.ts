import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import * as generated from './generated/validators.js';
import type { KindName } from './types.js';

/** Each kind's schema (schemas/*.schema.json), compiled ahead of time by `npm run generate`. */
const VALIDATORS: Record<KindName, ValidateFunction> = {
  CapacityProvider: generated.validateCapacityProvider,
  Function: generated.validateFunction,
  Guardrail: generated.validateGuardrail,
};

/**
 * Validates one document against its kind's schema (ajv strict mode, every error collected,
 * verbose so errors carry the offending data and schema). Returns the errors, empty when valid.
 */
export function schemaErrors(kind: KindName, document: unknown): ErrorObject[] {
  const validate = VALIDATORS[kind];
  return validate(document) ? [] : [...(validate.errors ?? [])];
}
