import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-lambda';
import { withRetry } from '../aws/retry.js';
import type { StepContext } from '../apply/step-context.js';
import type { Difference } from '../plan/types.js';
import { OWNER_TAG } from './live-state.js';
import { DELETION_POLICY_TAG } from './ownership.js';

/** The tags to set and the keys to remove, from a change's `tags.*` differences. */
export function tagChangesOf(differences: readonly Difference[]): {
  set: Record<string, string>;
  remove: string[];
} {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const difference of differences) {
    if (!difference.path.startsWith('tags.')) continue;
    const key = difference.path.slice('tags.'.length);
    if (difference.desired === null || difference.desired === undefined) remove.push(key);
    else
      set[key] =
        typeof difference.desired === 'string'
          ? difference.desired
          : JSON.stringify(difference.desired);
  }
  return { set, remove };
}

/**
 * Sets and removes tags on `arn` (TagResource, UntagResource), one call each at most and none
 * when there is nothing to do. Throws TerminalError or RetryableError.
 */
export async function applyTags(
  step: StepContext,
  arn: string,
  changes: { set: Record<string, string>; remove: string[] },
): Promise<void> {
  const retry = { policy: step.retry, logger: step.logger };
  if (Object.keys(changes.set).length > 0) {
    await withRetry(
      `tag ${arn}`,
      () => step.clients.lambda.send(new TagResourceCommand({ Resource: arn, Tags: changes.set })),
      retry,
    );
  }
  if (changes.remove.length > 0) {
    await withRetry(
      `untag ${arn}`,
      () =>
        step.clients.lambda.send(
          new UntagResourceCommand({ Resource: arn, TagKeys: changes.remove }),
        ),
      retry,
    );
  }
}

/** Drops this controller's ownership of `arn` (a Retain delete): removes the `lmi:*` tags. */
export function releaseOwnership(step: StepContext, arn: string): Promise<void> {
  return applyTags(step, arn, { set: {}, remove: [OWNER_TAG, DELETION_POLICY_TAG] });
}
