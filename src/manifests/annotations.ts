import { didYouMean } from './did-you-mean.js';
import type { DocumentLocator } from './locate.js';
import { problemAt } from './problems.js';
import { KNOWN_ANNOTATIONS } from './schema-source/envelope.js';
import type { ManifestProblem, ObjectAnnotations } from './types.js';

const KNOWN_KEYS = Object.keys(KNOWN_ANNOTATIONS);

/**
 * Reads the controller's annotations into their typed meaning, with defaults (Delete, not adopted,
 * not suspended). Unknown `lmi/` keys and values outside the allowed ones are problems; other
 * annotations are left to their owners.
 */
export function readBehaviour(
  annotations: Record<string, string>,
  locator: DocumentLocator,
): { behaviour: ObjectAnnotations; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const path = (key: string) => ['metadata', 'annotations', key];

  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith('lmi/')) continue;
    const allowed = (KNOWN_ANNOTATIONS as Record<string, readonly string[]>)[key];
    if (allowed === undefined) {
      const known = KNOWN_KEYS.join(', ');
      const message = `unknown annotation ${key}; known: ${known}${didYouMean(key, KNOWN_KEYS)}`;
      problems.push(problemAt(locator.locateKey(path(key)), message));
    } else if (!allowed.includes(value)) {
      const quoted = allowed.map((option) => JSON.stringify(option)).join(' or ');
      const hint = didYouMean(value, allowed);
      const message = `annotation ${key} must be ${quoted} (got ${JSON.stringify(value)})${hint}`;
      problems.push(problemAt(locator.locate(path(key)), message));
    }
  }

  const behaviour: ObjectAnnotations = {
    deletionPolicy: annotations['lmi/deletion-policy'] === 'Retain' ? 'Retain' : 'Delete',
    adopt: annotations['lmi/adopt'] === 'true',
    suspend: annotations['lmi/suspend'] === 'true',
  };
  return { behaviour, problems };
}
