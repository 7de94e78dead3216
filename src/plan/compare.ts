import type { Difference } from './types.js';

/** A canonical view of one resource: dotted spec paths to comparable values. */
export type Comparable = Record<string, unknown>;

/** Options for `compareViews`. */
export interface CompareOptions {
  /** Paths whose values must never be shown (environment variables). */
  isSensitive?: (path: string) => boolean;
}

/**
 * Lists the differences between two canonical views, one per path whose values differ, in path
 * order. Values are compared structurally; `undefined` on the desired side means "not managed"
 * and is never a difference. Pure; never throws.
 */
export function compareViews(
  live: Comparable,
  desired: Comparable,
  options: CompareOptions = {},
): Difference[] {
  const differences: Difference[] = [];
  for (const path of Object.keys(desired).sort()) {
    const want = desired[path];
    if (want === undefined) continue;
    const have = live[path];
    if (sameValue(have, want)) continue;
    if (options.isSensitive?.(path)) differences.push({ path, sensitive: true });
    else differences.push({ path, live: have, desired: want });
  }
  return differences;
}

/** Structural equality of JSON-like values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) if (!sameValue(left[key], right[key])) return false;
    return true;
  }
  return false;
}

/** A sorted copy of a list of strings, for lists AWS treats as sets (subnets, security groups). */
export function asSet(values: readonly string[] | undefined): string[] | undefined {
  return values ? [...new Set(values)].sort() : undefined;
}

/** Tags without the ones AWS or this controller manage (`aws:*`, `lmi:*`). */
export function userTags(tags: Record<string, string> | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (!key.startsWith('aws:') && !key.startsWith('lmi:')) kept[key] = value;
  }
  return kept;
}
