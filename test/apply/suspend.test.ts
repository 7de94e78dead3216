import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { renderApplySummary } from '../../src/apply/summary.js';
import { outOfBandLambda } from '../helpers/sandbox.js';
import { planAndApply, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml } from './manifests.js';

describe('a suspended function', () => {
  const fixture = useHarnessWithFolder();

  it('reports its drift as suspended and leaves it unchanged', async () => {
    fixture.folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });
    await planAndApply([fixture.folder.root], fixture.clients());
    const other = outOfBandLambda(fixture.harness.sandbox);
    await other.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'api', MemorySize: 4096 }),
    );
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { annotations: { 'lmi/suspend': 'true' } }),
    });
    const writesBefore = fixture.harness.sandbox.stats().writes;

    const { planned, result } = await planAndApply([fixture.folder.root], fixture.clients());

    const change = planned.plan.changes.find((c) => c.name === 'api');
    expect(change).toMatchObject({ action: 'update', suspended: true });
    expect(change?.differences.map((d) => d.path)).toContain('memorySize');
    expect(result.outcomes.find((o) => o.name === 'api')?.status).toBe('suspended');
    expect(renderApplySummary(result)).toMatch(/0 failed, 0 skipped, 1 suspended; 0 write calls/);
    expect(fixture.harness.sandbox.stats().writes).toBe(writesBefore);
    const api = await other.send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(api.MemorySize).toBe(4096);
    other.destroy();
  });
});
