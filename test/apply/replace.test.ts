import {
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  ListFunctionVersionsByCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { pending, planAndApply, planNow, useHarnessWithFolder } from './harness.js';
import { outOfBandLambda } from '../helpers/sandbox.js';
import { functionYaml, providerYaml, SEED } from './manifests.js';
import { sampleBindings } from './state-sampler.js';

describe('applying replaces', () => {
  const fixture = useHarnessWithFolder();
  beforeEach(() => fixture.harness.sandbox.reset());

  it('replaces a provider with its functions, never leaving one bound to a deleted provider', async () => {
    fixture.folder.set({
      'steady.yaml': providerYaml('steady', { instanceTypes: ['c7g.*'] }),
      'api.yaml': functionYaml('api'),
      'worker.yaml': functionYaml('worker', { publish: 'Versions' }),
    });
    await planAndApply([fixture.folder.root], fixture.clients());
    fixture.folder.set({
      'steady.yaml': providerYaml('steady', { instanceTypes: ['m7g.*'] }),
      'api.yaml': functionYaml('api'),
      'worker.yaml': functionYaml('worker', { publish: 'Versions' }),
    });

    const planned = await planNow([fixture.folder.root], fixture.clients());
    expect(pending(planned.plan).sort()).toEqual([
      'CapacityProvider/steady replace',
      'Function/api replace',
      'Function/worker replace',
    ]);
    const provider = planned.plan.changes.find((c) => c.kind === 'CapacityProvider');
    expect(provider?.cascade?.sort()).toEqual(['api', 'worker']);

    const sampler = sampleBindings(fixture.harness.sandbox.url);
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());
    const sampled = await sampler.stop();

    expect(result.outcomes.map((o) => `${o.name} ${o.status}`).sort()).toEqual([
      'api applied',
      'steady applied',
      'worker applied',
    ]);
    expect(sampled.samples).toBeGreaterThan(10);
    expect(sampled.orphanBindings).toEqual([]);
    const lambda = fixture.clients().lambda;
    const steady = await lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'steady' }),
    );
    expect(steady.CapacityProvider?.State).toBe('Active');
    expect(steady.CapacityProvider?.InstanceRequirements?.AllowedInstanceTypes).toEqual(['m7g.*']);
    const attached = await lambda.send(
      new ListFunctionVersionsByCapacityProviderCommand({ CapacityProviderName: 'steady' }),
    );
    const attachedNames = attached.FunctionVersions?.map((v) => v.FunctionArn?.split(':')[6]);
    expect(new Set(attachedNames)).toEqual(new Set(['api', 'worker']));
    expect(pending((await planNow([fixture.folder.root], fixture.clients())).plan)).toEqual([]);
  });

  it('replaces a function whose capacity provider binding is removed', async () => {
    fixture.folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });
    await planAndApply([fixture.folder.root], fixture.clients());
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { provider: null }),
    });

    const planned = await planNow([fixture.folder.root], fixture.clients());
    expect(pending(planned.plan)).toEqual(['Function/api replace']);

    const { result } = await planAndApply([fixture.folder.root], fixture.clients());

    expect(result.outcomes.filter((o) => o.status !== 'unchanged')).toMatchObject([
      { name: 'api', action: 'replace', status: 'applied' },
    ]);
    const lambda = fixture.clients().lambda;
    const api = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(api.CapacityProviderConfig).toBeUndefined();
    expect(pending((await planNow([fixture.folder.root], fixture.clients())).plan)).toEqual([]);
  });

  it('refuses a provider replace at once, moving nothing, while a function not ours is on it', async () => {
    fixture.folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });
    await planAndApply([fixture.folder.root], fixture.clients());
    const other = outOfBandLambda(fixture.harness.sandbox);
    const steadyArn = (
      await other.send(new GetCapacityProviderCommand({ CapacityProviderName: 'steady' }))
    ).CapacityProvider?.CapacityProviderArn;
    await other.send(
      new CreateFunctionCommand({
        FunctionName: 'stranger',
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Role: SEED.executionRole,
        Architectures: ['arm64'],
        MemorySize: 2048,
        Code: { S3Bucket: SEED.bucket, S3Key: SEED.code.old.key },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: steadyArn },
        },
      }),
    );
    fixture.folder.set({
      'steady.yaml': providerYaml('steady', { instanceTypes: ['m7g.*'] }),
      'api.yaml': functionYaml('api'),
    });

    const started = Date.now();
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());

    const steady = result.outcomes.find((o) => o.name === 'steady');
    expect(steady).toMatchObject({ status: 'failed', error: { retryable: false } });
    expect(steady?.error?.message).toMatch(/versions of stranger attached/);
    expect(result.outcomes.find((o) => o.name === 'api')?.status).toBe('skipped');
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(fixture.harness.sandbox.stats().calls.DeleteFunction ?? 0).toBe(0);
    const api = await other.send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(
      api.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn,
    ).toBe(steadyArn);
    other.destroy();
  });
});
