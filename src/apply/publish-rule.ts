import type { Difference } from '../plan/types.js';

/** Difference paths that never call for a publish: they live beside the published version. */
const NON_PUBLISHING_PREFIXES = ['tags.', 'aliases.', 'scalingConfig.', 'versions.'] as const;

/**
 * Whether applying a function change must publish: always for a create or replace, otherwise only
 * when a difference touches configuration, code or the published version itself. A change whose
 * differences are all tags, aliases, scaling or pruning publishes nothing, so a run with no
 * change never publishes. Pure; the publish mode (None never publishes) is the caller's to check.
 */
export function publishDue(change: {
  action: string;
  differences: readonly Difference[];
}): boolean {
  if (change.action === 'create' || change.action === 'replace') return true;
  return change.differences.some(
    (difference) => !NON_PUBLISHING_PREFIXES.some((prefix) => difference.path.startsWith(prefix)),
  );
}
