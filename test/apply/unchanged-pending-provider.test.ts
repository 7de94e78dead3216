import { CreateCapacityProviderCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { createProviderInput } from '../../src/kinds/capacity-provider/request.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import {
  CONTROLLER_ID,
  freshClients,
  pending,
  planAndApply,
  planNow,
  TEST_TIMING,
} from './harness.js';
import {
  functionYaml,
  manifestFolder,
  providerYaml,
  SEED,
  type ManifestFolder,
} from './manifests.js';

// What an apply stopped right after CreateCapacityProvider leaves behind: the provider exists,
// matches its manifest and is still Pending. The next plan has nothing to do to the provider,
// but AWS refuses functions on a provider that is not Active, so the apply must wait for it.
describe('a function bound to an unchanged provider that is still Pending', () => {
  let sandbox: RunningSandbox;
  let clients: AwsClients;
  let folder: ManifestFolder;
  beforeAll(async () => {
    // Activation long enough that the provider is still Pending when the apply reaches it.
    const timing = { ...TEST_TIMING, providerActivationMs: 1500 };
    sandbox = await startSandbox({ timing, rateScale: 20, randomSeed: 3 });
    clients = freshClients(sandbox);
    folder = manifestFolder();
  });
  afterAll(async () => {
    folder.remove();
    clients.lambda.destroy();
    clients.ec2.destroy();
    await sandbox.close();
  });

  /** Creates the folder's provider as the stopped apply did: ours, tagged, and Pending. */
  async function createLeftPending(): Promise<void> {
    const { desired } = await planNow([folder.root], clients);
    const [provider] = desired.capacityProviders;
    if (!provider) throw new Error('the folder declares no provider');
    await clients.lambda.send(
      new CreateCapacityProviderCommand(createProviderInput(provider, CONTROLLER_ID)),
    );
  }

  it('waits until the provider is Active, then creates the function', async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    folder.set({
      'provider.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { provider: 'steady' }),
    });
    await createLeftPending();

    const { planned, result } = await planAndApply([folder.root], clients);
    expect(planned.live.capacityProviders.get('steady')?.config.State).toBe('Pending');
    expect(pending(planned.plan)).toEqual(['Function/api create']);
    expect(result.outcomes.map((o) => `${o.kind}/${o.name} ${o.status}`)).toEqual([
      'CapacityProvider/steady unchanged',
      'Function/api applied',
    ]);
    expect(pending((await planNow([folder.root], clients)).plan)).toEqual([]);
  });

  it('skips the function, naming why, when the provider fails instead', async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    const missingGroup = 'sg-0c0ffee0000000999';
    folder.set({
      'provider.yaml': providerYaml('steady').replace(SEED.securityGroup, missingGroup),
      'api.yaml': functionYaml('api', { provider: 'steady' }),
    });
    await createLeftPending();

    const { result } = await planAndApply([folder.root], clients);
    const api = result.outcomes.find((o) => o.name === 'api');
    expect(api?.status).toBe('skipped');
    expect(api?.reason).toMatch(/capacity provider steady is not Active: .*failed/);
    const listed = await clients.lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions ?? []).toEqual([]);
  });
});
