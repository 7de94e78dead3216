import {
  GetCapacityProviderCommand,
  GetFunctionCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { pending, planAndApply, planNow, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml } from './manifests.js';

const RETAIN = { 'lmi/deletion-policy': 'Retain' };

describe('removing manifests of retained resources', () => {
  const fixture = useHarnessWithFolder();

  it('keeps a retained provider and function, drops their lmi tags, and forgets them', async () => {
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api'),
      'held.yaml': providerYaml('held', { annotations: RETAIN }),
      'kept.yaml': functionYaml('kept', {
        provider: 'held',
        annotations: RETAIN,
        tags: { team: 'x' },
      }),
    });
    await planAndApply([fixture.folder.root], fixture.clients());
    fixture.folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });

    const planned = await planNow([fixture.folder.root], fixture.clients());
    expect(pending(planned.plan).sort()).toEqual([
      'CapacityProvider/held delete',
      'Function/kept delete',
    ]);
    expect(planned.plan.changes.filter((c) => c.action === 'delete').every((c) => c.retain)).toBe(
      true,
    );
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());
    expect(
      result.outcomes
        .filter((o) => o.status === 'applied')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['held', 'kept']);

    const lambda = fixture.clients().lambda;
    const held = await lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'held' }),
    );
    expect(held.CapacityProvider?.State).toBe('Active');
    const heldTags = await lambda.send(
      new ListTagsCommand({ Resource: held.CapacityProvider?.CapacityProviderArn }),
    );
    expect(Object.keys(heldTags.Tags ?? {}).filter((key) => key.startsWith('lmi:'))).toEqual([]);
    const kept = await lambda.send(new GetFunctionCommand({ FunctionName: 'kept' }));
    expect(kept.Configuration?.State).not.toBe('Deleting');
    expect(kept.Tags).toEqual({ team: 'x' });

    const next = await planNow([fixture.folder.root], fixture.clients());
    expect(pending(next.plan)).toEqual([]);
    expect(next.plan.changes.map((c) => c.name).sort()).toEqual(['api', 'steady']);
  });

  it('fails at once to delete a provider that a retained function still uses, naming it', async () => {
    fixture.harness.sandbox.reset();
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'kept.yaml': functionYaml('kept', { annotations: RETAIN }),
    });
    await planAndApply([fixture.folder.root], fixture.clients());
    fixture.folder.set({});
    const deletesBefore = fixture.harness.sandbox.stats().calls.DeleteCapacityProvider ?? 0;

    const started = Date.now();
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());

    expect(result.outcomes.find((o) => o.name === 'kept')?.status).toBe('applied');
    const steady = result.outcomes.find((o) => o.name === 'steady');
    expect(steady?.status).toBe('failed');
    expect(steady?.error).toMatchObject({ retryable: false });
    expect(steady?.error?.message).toMatch(/versions of kept attached/);
    expect(steady?.error?.hint).toMatch(/move or delete the functions still on it/);
    // Within the harness's 10 s retry deadline: the conflict was not retried until it ran out.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(fixture.harness.sandbox.stats().calls.DeleteCapacityProvider ?? 0).toBe(deletesBefore);
    const lambda = fixture.clients().lambda;
    const held = await lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'steady' }),
    );
    expect(held.CapacityProvider?.State).toBe('Active');
  });
});
