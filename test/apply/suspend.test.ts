import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApplySummary } from '../../src/apply/summary.js';
import { outOfBandLambda } from '../helpers/sandbox.js';
import { freshClients, planAndApply, startHarness, type Harness } from './harness.js';
import { functionYaml, manifestFolder, providerYaml, type ManifestFolder } from './manifests.js';

describe('a suspended function', () => {
  let harness: Harness;
  let folder: ManifestFolder;
  const clients = () => freshClients(harness.sandbox);

  beforeAll(async () => {
    harness = await startHarness();
    folder = manifestFolder();
  });
  afterAll(async () => {
    folder.remove();
    await harness.close();
  });

  it('reports its drift as suspended and leaves it unchanged', async () => {
    folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });
    await planAndApply([folder.root], clients());
    const other = outOfBandLambda(harness.sandbox);
    await other.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'api', MemorySize: 4096 }),
    );
    folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { annotations: { 'lmi/suspend': 'true' } }),
    });
    const writesBefore = harness.sandbox.stats().writes;

    const { planned, result } = await planAndApply([folder.root], clients());

    const change = planned.plan.changes.find((c) => c.name === 'api');
    expect(change).toMatchObject({ action: 'update', suspended: true });
    expect(change?.differences.map((d) => d.path)).toContain('memorySize');
    expect(result.outcomes.find((o) => o.name === 'api')?.status).toBe('suspended');
    expect(renderApplySummary(result)).toMatch(/0 failed, 0 skipped, 1 suspended; 0 write calls/);
    expect(harness.sandbox.stats().writes).toBe(writesBefore);
    const api = await other.send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(api.MemorySize).toBe(4096);
    other.destroy();
  });
});
