import { OWNER_TAG } from '../kinds/live-state.js';
import { DELETION_POLICY_TAG, ownershipOf, recordedDeletionPolicy } from '../kinds/ownership.js';
import type { ObjectAnnotations, SourceLocation } from '../manifests/types.js';
import type { Change, Difference, PlanError, ResourceKind } from './types.js';

/** A declared object and how it compares with the live resource of its name. */
export interface DeclaredResource {
  kind: ResourceKind;
  name: string;
  source: SourceLocation;
  behaviour: ObjectAnnotations;
  /** Undefined when no live resource of this name exists. */
  liveTags: Record<string, string> | undefined;
  differences: Difference[];
  replaceReason?: string;
  /** Differences to list for a create (the desired values). */
  createDifferences: Difference[];
}

/**
 * Decides the action for a declared object: create when absent; update, replace or noop when ours;
 * adopt when not ours and the manifest says `lmi/adopt`; otherwise a plan error, because the
 * controller never touches what it does not own.
 */
export function decideDeclared(
  resource: DeclaredResource,
  controllerId: string,
): Change | PlanError {
  const { kind, name, source, behaviour } = resource;
  const base = { kind, name, source, ...(behaviour.suspend ? { suspended: true } : {}) };
  if (!resource.liveTags) {
    return {
      ...base,
      action: 'create',
      differences: resource.createDifferences.filter(isStated),
      reason: `no ${kind} named ${name} exists in AWS yet`,
    };
  }

  const ownership = ownershipOf(resource.liveTags, controllerId);
  const differences = [...resource.differences, ...policyDifference(resource)];
  if (ownership !== 'ours') {
    if (!behaviour.adopt) return notOwnedError(resource, controllerId);
    if (resource.replaceReason) {
      return {
        kind,
        name,
        location: source,
        message: `cannot adopt ${kind} ${name}: ${resource.replaceReason}; make the manifest match`,
      };
    }
    const owner = resource.liveTags[OWNER_TAG];
    const ownerDifference = {
      path: `tags.${OWNER_TAG}`,
      ...(owner === undefined ? {} : { live: owner }),
    };
    return {
      ...base,
      action: 'adopt',
      differences: [...differences, { ...ownerDifference, desired: controllerId }],
      reason: 'lmi/adopt is set: the controller takes ownership of the existing resource',
    };
  }

  if (resource.replaceReason) {
    return { ...base, action: 'replace', differences, reason: resource.replaceReason };
  }
  return { ...base, action: differences.length > 0 ? 'update' : 'noop', differences };
}

// A create lists what the manifest asks for; empty defaults (no key, no layers) only add noise.
function isStated(difference: Difference): boolean {
  const value = difference.desired;
  if (value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

function policyDifference(resource: DeclaredResource): Difference[] {
  const recorded = recordedDeletionPolicy(resource.liveTags ?? {});
  const wanted = resource.behaviour.deletionPolicy;
  return recorded === wanted
    ? []
    : [{ path: `tags.${DELETION_POLICY_TAG}`, live: recorded, desired: wanted }];
}

function notOwnedError(resource: DeclaredResource, controllerId: string): PlanError {
  const owner = resource.liveTags?.[OWNER_TAG];
  const who = owner ? `is owned by controller "${owner}"` : 'exists and is not managed by lmi';
  return {
    kind: resource.kind,
    name: resource.name,
    location: resource.source,
    message:
      `${resource.kind} ${resource.name} ${who}, not by "${controllerId}"; ` +
      `to take it over, add the annotation lmi/adopt: "true" to its manifest`,
  };
}

/**
 * The change for a live resource no manifest declares: a delete when ours (retaining it instead
 * when its recorded policy says so), nothing when not ours.
 */
export function decideUndeclared(
  kind: ResourceKind,
  name: string,
  tags: Record<string, string>,
  controllerId: string,
): Change | undefined {
  if (ownershipOf(tags, controllerId) !== 'ours') return undefined;
  const retain = recordedDeletionPolicy(tags) === 'Retain';
  return {
    kind,
    name,
    action: 'delete',
    differences: [],
    reason: retain
      ? 'no manifest declares it; its deletion policy is Retain, so only ownership is dropped'
      : 'no manifest declares it and this controller owns it',
    ...(retain ? { retain: true } : {}),
  };
}

/** Whether a decision is a plan error rather than a change. */
export function isPlanError(decision: Change | PlanError): decision is PlanError {
  return 'message' in decision;
}
