import type { ObjectAnnotations } from '../manifests/types.js';
import { OWNER_TAG } from './live-state.js';

/** Records a resource's deletion policy, so a prune knows it once the manifest is gone. */
export const DELETION_POLICY_TAG = 'lmi:deletion-policy';

/** Who owns a live resource, as far as this controller is concerned. */
export type Ownership = 'ours' | 'unowned' | 'other-controller';

/** Reads the owner tag of a live resource against this controller's id. */
export function ownershipOf(tags: Record<string, string>, controllerId: string): Ownership {
  const owner = tags[OWNER_TAG];
  if (owner === undefined) return 'unowned';
  return owner === controllerId ? 'ours' : 'other-controller';
}

/** The tags this controller sets on everything it creates or adopts, in the creating call. */
export function controllerTags(
  controllerId: string,
  behaviour: Pick<ObjectAnnotations, 'deletionPolicy'>,
): Record<string, string> {
  return { [OWNER_TAG]: controllerId, [DELETION_POLICY_TAG]: behaviour.deletionPolicy };
}

/** The deletion policy recorded on a live resource (Delete when the tag is missing). */
export function recordedDeletionPolicy(tags: Record<string, string>): 'Delete' | 'Retain' {
  return tags[DELETION_POLICY_TAG] === 'Retain' ? 'Retain' : 'Delete';
}
