import { planCapacityProviders } from '../kinds/capacity-provider/plan.js';
import { planFunctions } from '../kinds/function/plan.js';
import type { LiveState } from '../kinds/live-state.js';
import type { DesiredState } from '../manifests/types.js';
import { ABSENT, fingerprintOf } from './fingerprint.js';
import { ACTIONS, type Change, type Plan, type PlanSummary } from './types.js';

/** Everything a plan is made from. */
export interface PlanInput {
  desired: DesiredState;
  live: LiveState;
  controllerId: string;
  region: string;
  paths: string[];
  revision?: string;
  createdAt: Date;
  /** CodeSha256 of each function's desired code, by function name (undefined when unknown). */
  codeHashes: ReadonlyMap<string, string | undefined>;
}

/**
 * Makes the plan: every declared resource with its action (noop included), deletes for undeclared
 * resources this controller owns, plan errors for names it may not touch, and fingerprints of the
 * live and desired state for stale-plan checks. Pure: no I/O, same input, same plan. Guardrail
 * violations and cost lines are added by the caller.
 */
export function makePlan(input: PlanInput): Plan {
  const providers = planCapacityProviders(
    input.desired.capacityProviders,
    input.live.capacityProviders,
    input.controllerId,
  );
  const replacedProviders = new Set(
    providers.changes.filter((c) => c.action === 'replace').map((c) => c.name),
  );
  const functions = planFunctions(input.desired.functions, input.live.functions, {
    controllerId: input.controllerId,
    codeHashes: input.codeHashes,
    replacedProviders,
  });
  const changes = [...providers.changes, ...withCascades(providers.changes, functions.changes)];

  return {
    formatVersion: 1,
    controllerId: input.controllerId,
    region: input.region,
    createdAt: input.createdAt.toISOString(),
    paths: input.paths,
    ...(input.revision ? { revision: input.revision } : {}),
    summary: summarize(changes),
    changes: changes.sort(byKindThenName),
    violations: [],
    errors: [...providers.errors, ...functions.errors],
    cost: [],
    fingerprints: {
      desired: desiredFingerprint(input),
      live: liveFingerprints(input.live, changes),
    },
  };
}

// A provider replace names the functions that must move off it first, so the plan says so.
function withCascades(providerChanges: Change[], functionChanges: Change[]): Change[] {
  for (const provider of providerChanges) {
    if (provider.action !== 'replace') continue;
    const moved = functionChanges
      .filter((f) => f.reason?.includes(`capacity provider ${provider.name} is replaced`))
      .map((f) => f.name);
    if (moved.length > 0) provider.cascade = moved.sort();
  }
  return functionChanges;
}

/** Counts changes per action (noop included). */
export function summarize(changes: readonly Change[]): PlanSummary {
  const summary = Object.fromEntries(ACTIONS.map((action) => [action, 0])) as PlanSummary;
  for (const change of changes) summary[change.action] += 1;
  return summary;
}

function byKindThenName(a: Change, b: Change): number {
  return a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind.localeCompare(b.kind);
}

function desiredFingerprint(input: PlanInput): string {
  const objects = [...input.desired.capacityProviders, ...input.desired.functions].map((m) => ({
    kind: m.kind,
    metadata: m.metadata,
    spec: m.spec,
  }));
  return fingerprintOf({ objects, code: [...input.codeHashes].sort() });
}

/**
 * One fingerprint per resource the plan touches or declares: what was read live, without the
 * read time, so a saved plan can be refused when any of it moved.
 */
export function liveFingerprints(
  live: LiveState,
  changes: readonly Change[],
): Record<string, string> {
  const prints: Record<string, string> = {};
  for (const change of changes) {
    const key = `${change.kind}/${change.name}`;
    if (change.kind === 'CapacityProvider') {
      const provider = live.capacityProviders.get(change.name);
      prints[key] = provider
        ? fingerprintOf({ config: provider.config, tags: provider.tags })
        : ABSENT;
    } else {
      const fn = live.functions.get(change.name);
      prints[key] = fn
        ? fingerprintOf({ latest: fn.latest, details: { ...fn.details, readAt: 0 } })
        : ABSENT;
    }
  }
  return prints;
}
