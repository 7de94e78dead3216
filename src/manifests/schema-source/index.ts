import type { KindName } from '../types.js';
import type { ServiceModel } from './aws-model.js';
import { capacityProviderSchema } from './capacity-provider-schema.js';
import { functionSchema } from './function-schema.js';
import { guardrailSchema } from './guardrail-schema.js';
import type { JsonSchema } from './json-schema.js';

export { SCHEMA_FILES, KNOWN_ANNOTATIONS } from './envelope.js';
export type { JsonSchema } from './json-schema.js';
export type { ServiceModel } from './aws-model.js';

/** Builds the JSON Schema of each manifest kind from the Lambda model; pure and deterministic. */
export function buildManifestSchemas(lambdaModel: ServiceModel): Record<KindName, JsonSchema> {
  return {
    CapacityProvider: capacityProviderSchema(lambdaModel),
    Function: functionSchema(lambdaModel),
    Guardrail: guardrailSchema(lambdaModel),
  };
}
