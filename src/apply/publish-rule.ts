import type { Difference } from '../plan/types.js';

/**
 * Whether applying a function change must publish: always for a create or replace, otherwise only
 * when the plan says the published version is not what the manifest asks for (a
 * `publishedVersion` difference, which the plan sets when code or configuration changed, or a
 * publish was missed). Tags, aliases, scaling, pruning and drift repaired on `$LATEST` publish
 * nothing, so a run with no change never publishes. Pure; the publish mode (None never
 * publishes) is the caller's to check.
 */
export function publishDue(change: {
  action: string;
  differences: readonly Difference[];
}): boolean {
  if (change.action === 'create' || change.action === 'replace') return true;
  return change.differences.some((difference) => difference.path === 'publishedVersion');
}
