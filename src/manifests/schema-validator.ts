import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCHEMA_FILES } from './schema-source/envelope.js';
import type { KindName } from './types.js';

let validators: Record<KindName, ValidateFunction> | undefined;

/**
 * Validates one document against its kind's schema (schemas/*.schema.json, ajv strict mode, every
 * error collected, verbose so errors carry the offending data and schema). Returns the errors,
 * empty when valid. Compiles the schemas on first use.
 */
export function schemaErrors(kind: KindName, document: unknown): ErrorObject[] {
  validators ??= compileValidators();
  const validate = validators[kind];
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

function compileValidators(): Record<KindName, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
  const compile = (kind: KindName) => {
    // schemas/ sits two levels up from both src/manifests and dist/manifests.
    const url = new URL(`../../schemas/${SCHEMA_FILES[kind]}`, import.meta.url);
    return ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as object);
  };
  return {
    CapacityProvider: compile('CapacityProvider'),
    Function: compile('Function'),
    Guardrail: compile('Guardrail'),
  };
}
