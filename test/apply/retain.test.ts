import {
  GetCapacityProviderCommand,
  GetFunctionCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshClients,
  pending,
  planAndApply,
  planNow,
  startHarness,
  type Harness,
} from './harness.js';
import { functionYaml, manifestFolder, providerYaml, type ManifestFolder } from './manifests.js';

const RETAIN = { 'lmi/deletion-policy': 'Retain' };

describe('removing manifests of retained resources', () => {
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

  it('keeps a retained provider and function, drops their lmi tags, and forgets them', async () => {
    folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api'),
      'held.yaml': providerYaml('held', { annotations: RETAIN }),
      'kept.yaml': functionYaml('kept', {
        provider: 'held',
        annotations: RETAIN,
        tags: { team: 'x' },
      }),
    });
    await planAndApply([folder.root], clients());
    folder.set({ 'steady.yaml': providerYaml('steady'), 'api.yaml': functionYaml('api') });

    const planned = await planNow([folder.root], clients());
    expect(pending(planned.plan).sort()).toEqual([
      'CapacityProvider/held delete',
      'Function/kept delete',
    ]);
    expect(planned.plan.changes.filter((c) => c.action === 'delete').every((c) => c.retain)).toBe(
      true,
    );
    const { result } = await planAndApply([folder.root], clients());
    expect(
      result.outcomes
        .filter((o) => o.status === 'applied')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['held', 'kept']);

    const lambda = clients().lambda;
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

    const next = await planNow([folder.root], clients());
    expect(pending(next.plan)).toEqual([]);
    expect(next.plan.changes.map((c) => c.name).sort()).toEqual(['api', 'steady']);
  });
});
