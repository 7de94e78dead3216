import type { ErrorClass } from '../aws/errors.js';
import type { Change } from '../plan/types.js';

/**
 * What a person can do about a failure of this class, for the summary; undefined when nothing
 * better than the message itself can be said. `retryable` false marks a conflict that waiting
 * cannot clear.
 */
export function hintFor(
  errorClass: ErrorClass,
  change: Pick<Change, 'kind'>,
  retryable = true,
): string | undefined {
  switch (errorClass) {
    case 'access-denied':
      return change.kind === 'Function'
        ? 'grant lambda:PassCapacityProvider on the provider and iam:PassRole on the role'
        : 'grant the lambda:*CapacityProvider actions and iam:PassRole on the operator role';
    case 'validation':
      return 'fix the manifest field AWS rejected, then apply again';
    case 'limit':
      return 'an account limit was reached: prune versions (versionRetention) or ask for a raise';
    case 'conflict':
      return retryable
        ? 'a transient failure outlasted the retry deadline: apply again'
        : 'move or delete the functions still on it, or set lmi/deletion-policy: Retain on it';
    case 'throttling':
    case 'server':
    case 'network':
      return 'a transient failure outlasted the retry deadline: apply again';
    case 'not-found':
      return 'something it depends on is missing: plan again';
    case 'already-exists':
      return 'a resource of that name appeared meanwhile: plan again';
    case 'unknown':
      return undefined;
  }
}
