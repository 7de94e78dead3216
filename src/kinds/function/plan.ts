import type { FunctionManifest } from '../../manifests/types.js';
import { compareViews, type Comparable } from '../../plan/compare.js';
import { decideDeclared, decideUndeclared, isPlanError } from '../../plan/decide.js';
import type { Change, PlanError } from '../../plan/types.js';
import type { LiveFunction } from '../live-state.js';
import {
  aliasTarget,
  boundProviderName,
  compareFunction,
  desiredConfigView,
  isSensitivePath,
  liveProviderName,
  publishModeOf,
} from './compare.js';

/** What planning functions needs beyond manifests and live functions. */
export interface FunctionPlanContext {
  controllerId: string;
  /** CodeSha256 of each function's desired code, by function name. */
  codeHashes: ReadonlyMap<string, string | undefined>;
  /** Capacity providers this plan replaces: functions bound to them must be replaced too. */
  replacedProviders: ReadonlySet<string>;
}

/**
 * Plans every function: one change per declared function (noop included) and a delete per
 * undeclared one this controller owns. A function on a replaced provider is itself replaced, so
 * no function is ever left bound to a deleted provider. Pure.
 */
export function planFunctions(
  desired: FunctionManifest[],
  live: Map<string, LiveFunction>,
  context: FunctionPlanContext,
): { changes: Change[]; errors: PlanError[] } {
  const changes: Change[] = [];
  const errors: PlanError[] = [];
  const declared = new Set<string>();

  for (const manifest of desired) {
    const name = manifest.metadata.name;
    declared.add(name);
    const decision = planOne(manifest, live.get(name), context);
    if (isPlanError(decision)) errors.push(decision);
    else changes.push(decision);
  }

  for (const [name, fn] of live) {
    if (declared.has(name)) continue;
    const change = decideUndeclared('Function', name, fn.details.tags, context.controllerId);
    if (change) changes.push(cascadeOnDelete(change, fn, context));
  }
  return { changes, errors };
}

function planOne(
  manifest: FunctionManifest,
  current: LiveFunction | undefined,
  context: FunctionPlanContext,
): Change | PlanError {
  const name = manifest.metadata.name;
  const codeSha256 = context.codeHashes.get(name);
  const comparison = current
    ? compareFunction(manifest, current, { codeSha256 })
    : { differences: [], publishDue: true };
  const decision = decideDeclared(
    {
      kind: 'Function',
      name,
      source: manifest.source.location,
      behaviour: manifest.behaviour,
      liveTags: current?.details.tags,
      ...comparison,
      // Listed only for a create: not worth computing for a function that exists.
      createDifferences: current
        ? []
        : compareViews({}, createView(manifest, codeSha256), { isSensitive: isSensitivePath }),
    },
    context.controllerId,
  );
  if (isPlanError(decision) || !current) return decision;

  // A provider replace deletes the provider, which AWS refuses while versions are attached.
  const provider = boundProviderName(manifest);
  const liveProvider = liveProviderName(current.latest);
  if (
    decision.action !== 'create' &&
    provider !== undefined &&
    provider === liveProvider &&
    context.replacedProviders.has(provider)
  ) {
    return {
      ...decision,
      action: 'replace',
      reason: `its capacity provider ${provider} is replaced; the function is recreated on it`,
    };
  }
  return decision;
}

// A create lists everything apply will set up: configuration, publishing, scaling and aliases.
function createView(manifest: FunctionManifest, codeSha256: string | undefined): Comparable {
  const mode = publishModeOf(manifest);
  const view: Comparable = { ...desiredConfigView(manifest, codeSha256) };
  if (mode !== 'None') view.publish = mode;
  const scaling = manifest.spec.scalingConfig;
  view['scalingConfig.minExecutionEnvironments'] = scaling?.minExecutionEnvironments;
  view['scalingConfig.maxExecutionEnvironments'] = scaling?.maxExecutionEnvironments;
  for (const alias of manifest.spec.aliases ?? []) {
    view[`aliases.${alias.name}`] = {
      functionVersion: aliasTarget(alias.functionVersion, mode, undefined, true),
      description: alias.description ?? '',
    };
  }
  return view;
}

function cascadeOnDelete(change: Change, fn: LiveFunction, context: FunctionPlanContext): Change {
  const provider = liveProviderName(fn.latest);
  if (!provider || !context.replacedProviders.has(provider)) return change;
  return { ...change, reason: `${change.reason ?? ''}; it runs on ${provider}, which is replaced` };
}
