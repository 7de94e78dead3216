/**
 * Keys whose values are user maps (tags, environment variables): their inner keys stay as typed.
 */
const FREE_FORM_KEYS = new Set(['tags', 'explicitTags', 'variables']);

/**
 * Turns a manifest spec fragment (lowerCamelCase members) into the AWS request shape (PascalCase
 * members), recursively. Undefined members are dropped; the keys inside free-form maps are kept.
 * Pure. Member names that AWS spells unusually (`KMSKeyArn`) are the caller's to rename.
 */
export function toAwsShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAwsShape);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const shaped: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    shaped[upperFirst(key)] = FREE_FORM_KEYS.has(key)
      ? { ...(inner as object) }
      : toAwsShape(inner);
  }
  return shaped;
}

function upperFirst(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
