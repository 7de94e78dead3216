import {
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it, vi } from 'vitest';
import { outOfBandLambda } from '../helpers/sandbox.js';
import { CONTROLLER_ID, pending, planAndApply, planNow, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml, SEED } from './manifests.js';

describe('adopting an unowned function', () => {
  const fixture = useHarnessWithFolder();

  it('tags and converges it in place, never deleting and creating it again', async () => {
    fixture.folder.set({ 'steady.yaml': providerYaml('steady') });
    await planAndApply([fixture.folder.root], fixture.clients());
    const other = outOfBandLambda(fixture.harness.sandbox);
    const steady = await other.send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'steady' }),
    );
    const created = await other.send(
      new CreateFunctionCommand({
        FunctionName: 'legacy',
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Role: SEED.executionRole,
        Architectures: ['arm64'],
        MemorySize: 2048,
        Code: { S3Bucket: SEED.bucket, S3Key: SEED.code.old.key },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: steady.CapacityProvider?.CapacityProviderArn,
            ExecutionEnvironmentMemoryGiBPerVCpu: 2,
          },
        },
        Tags: { owner: 'someone-else' },
      }),
    );
    // The SDK's active waiter does not know ActiveNonInvocable, where an LMI function rests.
    await vi.waitFor(
      async () => {
        const got = await other.send(new GetFunctionCommand({ FunctionName: 'legacy' }));
        expect(got.Configuration?.State).not.toBe('Pending');
      },
      { timeout: 10_000, interval: 50 },
    );
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'legacy.yaml': functionYaml('legacy', {
        memorySize: 4096,
        annotations: { 'lmi/adopt': 'true' },
        tags: { owner: 'someone-else' },
      }),
    });

    const planned = await planNow([fixture.folder.root], fixture.clients());
    expect(pending(planned.plan)).toEqual(['Function/legacy adopt']);
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());

    expect(result.outcomes.find((o) => o.name === 'legacy')).toMatchObject({
      action: 'adopt',
      status: 'applied',
    });
    expect(fixture.harness.sandbox.stats().calls.DeleteFunction ?? 0).toBe(0);
    expect(fixture.harness.sandbox.stats().calls.CreateFunction).toBe(1);
    const after = await other.send(new GetFunctionCommand({ FunctionName: 'legacy' }));
    expect(after.Configuration?.FunctionArn).toBe(created.FunctionArn);
    expect(after.Configuration?.MemorySize).toBe(4096);
    expect(after.Tags).toMatchObject({ 'lmi:managed-by': CONTROLLER_ID, owner: 'someone-else' });
    expect(pending((await planNow([fixture.folder.root], fixture.clients())).plan)).toEqual([]);
    other.destroy();
  });
});
