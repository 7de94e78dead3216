import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../src/apply/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import {
  CONTROLLER_ID,
  TEST_TIMING,
  freshClients,
  pending,
  planAndApply,
  planNow,
} from '../apply/harness.js';
import { fleetNames, writeFleet } from './support/fleet.js';
import { inventoryOf, tagsOf, unsettled } from './support/inventory.js';

// The fault mix: 20% throttles, 5% 500/503, 10% conflicts on writes, random latency.
const FAULTS = {
  throttle: 0.2,
  serverError: 0.05,
  conflict: 0.1,
  latencyMs: [0, 25] as [number, number],
};
const SHAPE = { providers: 5, functions: 50, seed: 2026 };

function failures(result: ApplyResult): string[] {
  return result.outcomes
    .filter((o) => o.status !== 'applied')
    .map((o) => `${o.kind}/${o.name} ${o.status}: ${o.error?.message ?? o.reason ?? ''}`);
}

describe('applying under injected faults', () => {
  let sandbox: RunningSandbox;
  let folder: string;
  beforeAll(async () => {
    sandbox = await startSandbox({
      timing: TEST_TIMING,
      rateScale: 20,
      randomSeed: 909,
      faults: FAULTS,
    });
    folder = writeFleet(SHAPE);
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await sandbox.close();
  });

  it(
    'converges 5 providers and 50 functions in one apply, leaving an exact inventory',
    { timeout: 180_000 },
    async () => {
      const { result } = await planAndApply([folder], freshClients(sandbox), {
        retry: { deadlineMs: 60_000, minBackoffMs: 50, maxBackoffMs: 1_000 },
        waits: { pollMs: 50, timeoutMs: 60_000 },
      });

      // One apply is enough: every fault is retried away, none is reported as a failure.
      expect(failures(result)).toEqual([]);
      expect(result.outcomes).toHaveLength(SHAPE.providers + SHAPE.functions);
      const stats = sandbox.stats();
      expect(stats.faultsInjected, 'the faults were really injected').toBeGreaterThan(50);
      expect(stats.conflicts).toBeGreaterThan(0);

      // The next plan, read with the faults still on, has nothing left to do.
      const again = await planNow([folder], freshClients(sandbox));
      expect(pending(again.plan)).toEqual([]);

      const state = await inventoryOf(sandbox.url);
      const names = fleetNames(SHAPE);
      expect(Object.keys(state.providers).sort()).toEqual([...names.providers].sort());
      expect(Object.keys(state.functions).sort()).toEqual([...names.functions].sort());
      expect(unsettled(state)).toEqual([]);
      for (const provider of Object.values(state.providers)) {
        expect(tagsOf(state, provider.view.CapacityProviderArn)['lmi:managed-by']).toBe(
          CONTROLLER_ID,
        );
      }
      for (const manifest of again.desired.functions) {
        const fn = state.functions[manifest.metadata.name]!;
        expect(tagsOf(state, fn.latest.FunctionArn)['lmi:managed-by']).toBe(CONTROLLER_ID);
        // No duplicate publishes: a retried publish must not leave a second version behind.
        expect(Object.keys(fn.versions).sort(), manifest.metadata.name).toEqual(
          expectedVersions(manifest.spec.publish),
        );
      }
    },
  );
});

/** The versions one apply leaves: one numbered per change, the moving one, or none. */
function expectedVersions(publish: string | undefined): string[] {
  if (publish === 'Versions') return ['1'];
  if (publish === 'None') return [];
  return ['$LATEST.PUBLISHED'];
}
