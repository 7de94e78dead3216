import type { Change } from '../plan/types.js';

/**
 * A plan's changes in the order they can be applied. Each stage finishes before the next starts;
 * inside a stage the changes are independent of each other.
 */
export interface ApplySchedule {
  /** Providers created, updated or adopted: waited to Active before any function uses them. */
  providers: Change[];
  /**
   * Functions replaced or deleted whose live provider is itself replaced or deleted: they leave it
   * first, because AWS refuses to delete a provider with versions attached.
   */
  evictions: Change[];
  /** Provider replaces: delete, wait until gone, create, wait until Active. */
  providerReplaces: Change[];
  /** Function creates, updates, adoptions and replaces (a replace evicted above only creates). */
  functions: Change[];
  /** Function deletes not already done as evictions. */
  functionDeletes: Change[];
  /** Provider deletes, last. */
  providerDeletes: Change[];
  /** Noop and suspended changes: reported, never applied. */
  passive: Change[];
}

/**
 * Sorts a plan's changes into apply stages. `liveProviderOf` names the provider a live function is
 * bound to today (undefined when it does not exist or runs without one). Pure; keeps the plan's
 * order within each stage.
 */
export function scheduleChanges(
  changes: readonly Change[],
  liveProviderOf: (functionName: string) => string | undefined,
): ApplySchedule {
  const schedule: ApplySchedule = {
    providers: [],
    evictions: [],
    providerReplaces: [],
    functions: [],
    functionDeletes: [],
    providerDeletes: [],
    passive: [],
  };
  const leavingProviders = new Set(
    changes
      .filter((c) => c.kind === 'CapacityProvider' && isRemoval(c) && !c.suspended)
      .map((c) => c.name),
  );

  for (const change of changes) {
    if (change.action === 'noop' || change.suspended) schedule.passive.push(change);
    else if (change.kind === 'CapacityProvider') stageProvider(schedule, change);
    else stageFunction(schedule, change, leavingProviders.has(liveProviderOf(change.name) ?? ''));
  }
  return schedule;
}

function isRemoval(change: Change): boolean {
  return (change.action === 'replace' || change.action === 'delete') && !change.retain;
}

function stageProvider(schedule: ApplySchedule, change: Change): void {
  if (change.action === 'replace') schedule.providerReplaces.push(change);
  else if (change.action === 'delete') schedule.providerDeletes.push(change);
  else schedule.providers.push(change);
}

function stageFunction(schedule: ApplySchedule, change: Change, providerLeaving: boolean): void {
  if (providerLeaving && isRemoval(change)) schedule.evictions.push(change);
  if (change.action === 'delete') {
    if (!(providerLeaving && isRemoval(change))) schedule.functionDeletes.push(change);
  } else {
    schedule.functions.push(change);
  }
}
