import type { CapacityProviderManifest } from '../../manifests/types.js';
import { compareViews } from '../../plan/compare.js';
import { decideDeclared, decideUndeclared, isPlanError } from '../../plan/decide.js';
import type { Change, PlanError } from '../../plan/types.js';
import type { LiveCapacityProvider } from '../live-state.js';
import { compareProvider, desiredProviderView } from './compare.js';

/**
 * Plans every capacity provider: one change per declared provider (noop included) and a delete per
 * undeclared one this controller owns. Pure.
 */
export function planCapacityProviders(
  desired: CapacityProviderManifest[],
  live: Map<string, LiveCapacityProvider>,
  controllerId: string,
): { changes: Change[]; errors: PlanError[] } {
  const changes: Change[] = [];
  const errors: PlanError[] = [];
  const declared = new Set<string>();

  for (const manifest of desired) {
    const name = manifest.metadata.name;
    declared.add(name);
    const current = live.get(name);
    const comparison = current ? compareProvider(manifest, current) : { differences: [] };
    const decision = decideDeclared(
      {
        kind: 'CapacityProvider',
        name,
        source: manifest.source.location,
        behaviour: manifest.behaviour,
        liveTags: current?.tags,
        ...comparison,
        createDifferences: compareViews({}, desiredProviderView(manifest)),
      },
      controllerId,
    );
    if (isPlanError(decision)) errors.push(decision);
    else changes.push(decision);
  }

  for (const [name, provider] of live) {
    if (declared.has(name)) continue;
    const change = decideUndeclared('CapacityProvider', name, provider.tags, controllerId);
    if (change) changes.push(change);
  }
  return { changes, errors };
}
