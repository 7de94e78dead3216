import type { ResourceOutcome } from '../apply/types.js';
import type { PassResult } from '../controller/pass.js';
import type { SourceLocation } from '../manifests/types.js';
import type { Action, Change, ResourceKind } from '../plan/types.js';
import { keyOf, type Hold } from './hold-book.js';
import { snapshotKey, type ManifestSnapshot } from './revision.js';

export const CONDITION_TYPES = ['Ready', 'Synced', 'Drifted', 'Stalled'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];
export const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/** One observation about a resource, Kubernetes style. */
export interface Condition {
  type: ConditionType;
  status: ConditionStatus;
  /** A CamelCase word a machine can match on. */
  reason: string;
  message: string;
  /** ISO time the status last changed (not the reason or message). */
  lastTransitionTime: string;
}

/** A declared or owned resource as the last plan listed it, with its conditions. */
export interface ResourceStatus {
  kind: ResourceKind;
  name: string;
  /** The action the last plan had for it (`noop` when in sync). */
  action: Action;
  /** Spec paths that differed; never their values, which may be secrets. */
  changedPaths: string[];
  source?: SourceLocation;
  conditions: Condition[];
}

/** What the condition book needs to know about a finished pass. */
export interface PassObservation {
  result: PassResult;
  mode: 'apply' | 'observe';
  /** The manifests as they stood before the pass. */
  snapshot: ManifestSnapshot;
  /** Hold reasons the runner was given this pass, by `Kind/name`. */
  heldThisPass: ReadonlyMap<string, string>;
  /** The hold book's entry for a resource after recording this pass's outcomes. */
  holdOf(kind: string, name: string): Hold | undefined;
  /** ISO time of the observation. */
  at: string;
}

type Verdict = Omit<Condition, 'type' | 'lastTransitionTime'>;

/**
 * Keeps the conditions of every resource the last plan listed, carrying `lastTransitionTime`
 * over while a condition's status stays the same. A pass without a plan (the manifests never
 * loaded, or AWS unreachable) leaves the conditions as they were.
 */
export class ConditionBook {
  private resources = new Map<string, ResourceStatus>();
  private previousDesired: string | undefined;
  private previousSnapshot: ManifestSnapshot | undefined;

  /**
   * Updates the conditions from a pass and returns the resources found drifted in it: in sync
   * after the previous pass, changed now, with their manifest unchanged, so live moved.
   */
  observe(observation: PassObservation): ResourceStatus[] {
    const { result } = observation;
    if (!result.plan) return [];

    const outcomes = new Map(result.apply?.outcomes.map((o) => [keyOf(o.kind, o.name), o]));
    const next = new Map<string, ResourceStatus>();
    const drifted: ResourceStatus[] = [];
    for (const change of result.plan.changes) {
      const key = keyOf(change.kind, change.name);
      const context = {
        observation,
        outcome: outcomes.get(key),
        previous: this.resources.get(key),
      };
      const { status, drift } = this.judge(change, context);
      next.set(key, status);
      if (drift) drifted.push(status);
    }

    this.resources = next;
    this.previousDesired = result.plan.fingerprints.desired;
    this.previousSnapshot = observation.snapshot;
    return drifted;
  }

  /** Every resource of the last plan, sorted by kind and name. */
  list(): ResourceStatus[] {
    return [...this.resources.values()].sort((a, b) =>
      keyOf(a.kind, a.name).localeCompare(keyOf(b.kind, b.name)),
    );
  }

  /** How many resources have each condition in each status, for the resources gauge. */
  counts(): { condition: ConditionType; status: ConditionStatus; count: number }[] {
    return CONDITION_TYPES.flatMap((condition) =>
      CONDITION_STATUSES.map((status) => ({
        condition,
        status,
        count: this.list().filter((resource) =>
          resource.conditions.some((c) => c.type === condition && c.status === status),
        ).length,
      })),
    );
  }

  private judge(change: Change, context: JudgeContext): { status: ResourceStatus; drift: boolean } {
    const detected = this.liveMoved(change, context);
    const verdicts: Record<ConditionType, Verdict> = {
      Ready: readyVerdict(change, context),
      Synced: syncedVerdict(change, context),
      Drifted: driftedVerdict(change, context, detected),
      Stalled: stalledVerdict(change, context),
    };
    const previous = context.previous?.conditions ?? [];
    const conditions = CONDITION_TYPES.map((type) =>
      withTransition(type, verdicts[type], previous, context.observation.at),
    );
    const status: ResourceStatus = {
      kind: change.kind,
      name: change.name,
      action: change.action,
      changedPaths: change.differences.map((difference) => difference.path),
      ...(change.source ? { source: change.source } : {}),
      conditions,
    };
    return { status, drift: detected };
  }

  /** Live moved when the resource was Ready last pass, has a change now, and desired held still. */
  private liveMoved(change: Change, { observation, previous }: JudgeContext): boolean {
    if (change.action === 'noop' || !change.source) return false;
    const wasReady = previous?.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    if (!wasReady) return false;
    if (observation.result.plan?.fingerprints.desired === this.previousDesired) return true;
    // Limitation: another manifest changing in the same pass leaves this file's hash as the only
    // witness, and a zipFile folder's code changing under an unchanged file is read as drift.
    const file = snapshotKey(change.source.file);
    const before = this.previousSnapshot?.fileHashes.get(file);
    return before !== undefined && before === observation.snapshot.fileHashes.get(file);
  }
}

interface JudgeContext {
  observation: PassObservation;
  outcome: ResourceOutcome | undefined;
  previous: ResourceStatus | undefined;
}

function appliedNow(outcome: ResourceOutcome | undefined): boolean {
  return outcome?.status === 'applied' || outcome?.status === 'unchanged';
}

function readyVerdict(change: Change, context: JudgeContext): Verdict {
  if (change.action === 'noop') {
    return { status: 'True', reason: 'InSync', message: 'live matches the manifest' };
  }
  if (appliedNow(context.outcome) && change.action === 'delete') {
    return { status: 'False', reason: 'Deleted', message: 'deleted: no manifest declares it' };
  }
  if (appliedNow(context.outcome)) {
    return { status: 'True', reason: 'Applied', message: `${change.action} applied` };
  }
  return notApplied(change, context);
}

function syncedVerdict(change: Change, context: JudgeContext): Verdict {
  if (change.action === 'noop') {
    return { status: 'True', reason: 'NothingToDo', message: 'live matches the manifest' };
  }
  if (appliedNow(context.outcome)) {
    return { status: 'True', reason: 'Applied', message: `${change.action} applied` };
  }
  return notApplied(change, context);
}

/** Why a pending change was not applied this pass, most specific cause first. */
function notApplied(change: Change, { observation, outcome }: JudgeContext): Verdict {
  const pending = `${change.action} pending`;
  const held = observation.heldThisPass.get(keyOf(change.kind, change.name));
  if (outcome?.status === 'failed') {
    const error = outcome.error;
    return { status: 'False', reason: 'ApplyFailed', message: error?.message ?? 'apply failed' };
  }
  if (held !== undefined) return { status: 'False', reason: 'Held', message: held };
  if (outcome?.status === 'skipped') {
    return { status: 'False', reason: 'Skipped', message: outcome.reason ?? pending };
  }
  if (outcome?.status === 'suspended' || change.suspended) {
    const message = `${pending}; suspended by lmi/suspend or observe mode`;
    return { status: 'False', reason: 'Suspended', message };
  }
  if (observation.result.blocked) {
    const message = `${pending}; a blocking guardrail stopped the apply`;
    return { status: 'False', reason: 'GuardrailBlocked', message };
  }
  if (observation.mode === 'observe') {
    return { status: 'False', reason: 'ObserveOnly', message: `${pending}; observe mode` };
  }
  return { status: 'False', reason: 'NotApplied', message: `${pending}; the pass ended first` };
}

function driftedVerdict(change: Change, context: JudgeContext, detected: boolean): Verdict {
  if (change.action === 'noop') {
    return { status: 'False', reason: 'InSync', message: 'live matches the manifest' };
  }
  const applied = appliedNow(context.outcome);
  if (detected && applied) {
    const message = 'live had moved away from the manifest; this pass put it back';
    return { status: 'False', reason: 'Corrected', message };
  }
  if (detected) {
    const message = `live moved away from the manifest: ${pathsOf(change)}`;
    return { status: 'True', reason: 'LiveChanged', message };
  }
  if (applied) {
    return { status: 'False', reason: 'ManifestApplied', message: 'the manifest change is live' };
  }
  const previous = context.previous?.conditions.find((c) => c.type === 'Drifted');
  if (previous)
    return { status: previous.status, reason: previous.reason, message: previous.message };
  if (change.action === 'create') {
    return { status: 'False', reason: 'NotCreated', message: 'the resource does not exist yet' };
  }
  const message = 'a change was pending when the daemon first saw it; its cause is not known';
  return { status: 'Unknown', reason: 'NoBaseline', message };
}

function stalledVerdict(change: Change, { observation }: JudgeContext): Verdict {
  const hold = observation.holdOf(change.kind, change.name);
  if (hold?.kind === 'terminal') {
    const message = `${hold.message}; retried when its manifest changes`;
    return { status: 'True', reason: 'TerminalFailure', message };
  }
  if (hold?.kind === 'backoff') {
    const retryAt = new Date(hold.retryAt ?? 0).toISOString();
    const message = `${hold.message}; retried after ${retryAt}`;
    return { status: 'True', reason: 'BackingOff', message };
  }
  if (change.action !== 'noop' && observation.result.blocked) {
    const message = 'a blocking guardrail stops the apply';
    return { status: 'True', reason: 'GuardrailBlocked', message };
  }
  return { status: 'False', reason: 'NotHeld', message: 'no failure holds it back' };
}

function pathsOf(change: Change): string {
  const paths = change.differences.map((difference) => difference.path);
  return paths.length > 0 ? paths.join(', ') : change.action;
}

function withTransition(
  type: ConditionType,
  verdict: Verdict,
  previous: readonly Condition[],
  at: string,
): Condition {
  const before = previous.find((condition) => condition.type === type);
  const lastTransitionTime =
    before && before.status === verdict.status ? before.lastTransitionTime : at;
  return { type, ...verdict, lastTransitionTime };
}
