/** A JSON Schema (draft 2020-12) node, kept loose: the generator builds plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** The URI base of the manifest schemas' `$id`s. */
export const SCHEMA_ID_BASE = 'https://lmi-controller.dev/schemas/v1alpha1/';

/** The dialect every schema declares. */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Converts an AWS member name to the manifest's lowerCamelCase: the leading run of capitals is
 * lowered except a last capital that starts the next word (`KMSKeyArn` -> `kmsKeyArn`,
 * `MaxVCpuCount` -> `maxVCpuCount`, `S3Bucket` -> `s3Bucket`).
 */
export function lowerCamel(name: string): string {
  const leading = /^[A-Z]+/.exec(name)?.[0] ?? '';
  if (leading.length <= 1) return name.charAt(0).toLowerCase() + name.slice(1);

  const rest = name.slice(leading.length);
  const startsWord = /^[a-z]/.test(rest);
  const lowered = startsWord ? leading.slice(0, -1).toLowerCase() + leading.slice(-1) : leading;
  return startsWord ? lowered + rest : leading.toLowerCase() + rest;
}

/**
 * Anchors an AWS model pattern so it matches whole values, as AWS does, and proves it compiles as a
 * JavaScript unicode regex (the model's patterns are written for Java). Throws when it does not.
 */
export function anchoredPattern(pattern: string): string {
  const anchored = `^(?:${pattern})$`;
  try {
    new RegExp(anchored, 'u');
  } catch (error) {
    throw new Error(`aws model pattern does not compile as a unicode regex: ${pattern}`, {
      cause: error,
    });
  }
  return anchored;
}
