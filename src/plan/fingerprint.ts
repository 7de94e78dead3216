import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

// Limitation: every plan fingerprints every resource (about a third of a no-op diff's CPU), even
// when the plan is never saved and so never checked for staleness.

/** A short, stable hash of any JSON-like value: same content, same fingerprint, key order aside. */
export function fingerprintOf(value: unknown): string {
  const text = stringify(value) ?? 'undefined';
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The fingerprint recorded for a resource that does not exist. */
export const ABSENT = 'absent';
