import type { JsonSchema } from './json-schema.js';

/** One alternative of an object whose members come in exclusive groups. */
export interface Variant {
  title: string;
  /** Members only this variant may have. */
  members: Record<string, JsonSchema>;
  required?: string[];
}

/**
 * Builds an object schema whose members shared by all variants are always allowed, while each
 * variant's own members exclude the other variants' (closed objects, so mixing fails).
 * `oneOf` makes one variant mandatory; `anyOf` with variants that require nothing makes them
 * optional but exclusive.
 */
export function exclusiveVariants(
  base: { title: string; description: string; shared: Record<string, JsonSchema> },
  combinator: 'oneOf' | 'anyOf',
  variants: Variant[],
): JsonSchema {
  return {
    title: base.title,
    description: base.description,
    type: 'object',
    [combinator]: variants.map((variant) => ({
      title: variant.title,
      type: 'object',
      additionalProperties: false,
      ...(variant.required ? { required: variant.required } : {}),
      properties: { ...base.shared, ...variant.members },
    })),
  };
}
