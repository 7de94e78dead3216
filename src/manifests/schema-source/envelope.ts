import type { KindName } from '../types.js';
import { API_VERSION } from '../types.js';
import { SCHEMA_DIALECT, SCHEMA_ID_BASE, type JsonSchema } from './json-schema.js';

/** Names of AWS resources and manifests: the model's name alphabet, 64 characters (ARN limit). */
export const OBJECT_NAME_SCHEMA: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-zA-Z0-9_-]+$',
};

/** The annotations the controller reads, with the values each accepts. */
export const KNOWN_ANNOTATIONS = {
  'lmi/deletion-policy': ['Delete', 'Retain'],
  'lmi/adopt': ['true', 'false'],
  'lmi/suspend': ['true', 'false'],
} as const;

const METADATA: JsonSchema = {
  title: 'ObjectMetadata',
  description: 'Name, labels and annotations of a manifest object.',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'The AWS name of the object; unique per kind.', ...OBJECT_NAME_SCHEMA },
    labels: {
      description: 'Free-form labels; guardrails select objects by them.',
      type: 'object',
      propertyNames: { type: 'string', minLength: 1, maxLength: 128 },
      additionalProperties: { type: 'string', maxLength: 256 },
    },
    annotations: {
      description: 'Controller behaviour for this object (lmi/deletion-policy, lmi/adopt, ...).',
      type: 'object',
      // Values of the lmi/ annotations are checked by the loader, which can suggest corrections.
      additionalProperties: { type: 'string' },
    },
  },
};

/** Where a kind's schema lives in schemas/, by kind. */
export const SCHEMA_FILES: Record<KindName, string> = {
  CapacityProvider: 'capacity-provider.schema.json',
  Function: 'function.schema.json',
  Guardrail: 'guardrail.schema.json',
};

/**
 * Wraps a kind's spec definition (`$defs[specDef]`) in the Kubernetes-style document envelope and
 * returns the complete schema of one manifest document of that kind.
 */
export function documentSchema(
  kind: KindName,
  description: string,
  specDef: string,
  defs: Record<string, JsonSchema>,
): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    $id: SCHEMA_ID_BASE + SCHEMA_FILES[kind],
    title: `${kind}Document`,
    description,
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', const: API_VERSION },
      kind: { type: 'string', const: kind },
      metadata: { $ref: '#/$defs/ObjectMetadata' },
      spec: { $ref: `#/$defs/${specDef}` },
    },
    $defs: { ObjectMetadata: METADATA, ...defs },
  };
}
