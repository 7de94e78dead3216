import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  FunctionVersionsPerCapacityProviderLimitExceededException,
  GetCapacityProviderCommand,
  PublishVersionCommand,
  ResourceConflictException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type CreateCapacityProviderCommandInput,
} from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTarget, zipBytes, type ContractTarget } from './contract-target.js';

describe('sandbox-only behaviour', () => {
  let target: ContractTarget;
  beforeAll(async () => {
    target = await sandboxTarget({ rateScale: 200 });
  });
  afterAll(async () => {
    await target.close();
  });

  function provider(
    name: string,
    subnetIds = target.fixtures.subnetIds,
  ): CreateCapacityProviderCommandInput {
    return {
      CapacityProviderName: name,
      VpcConfig: { SubnetIds: subnetIds, SecurityGroupIds: target.fixtures.securityGroupIds },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: target.fixtures.operatorRoleArn },
    };
  }

  async function stateOf(name: string) {
    const got = await target.lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: name }),
    );
    return got.CapacityProvider?.State;
  }

  async function activeProvider(name: string) {
    const created = await target.lambda.send(new CreateCapacityProviderCommand(provider(name)));
    while ((await stateOf(name)) === 'Pending') await sleep(50);
    return created.CapacityProvider?.CapacityProviderArn ?? '';
  }

  it('fails a provider whose subnet is not in the seed, with a reason in the state dump', async () => {
    await target.lambda.send(
      new CreateCapacityProviderCommand(provider('lost', ['subnet-0000000000000dead'])),
    );
    while ((await stateOf('lost')) === 'Pending') await sleep(50);
    expect(await stateOf('lost')).toBe('Failed');
    const state = (await (await fetch(`${target.sandbox?.url}/_sandbox/state`)).json()) as {
      providers: Record<string, { stateReason?: string }>;
    };
    expect(state.providers.lost?.stateReason).toMatch(/^InvalidSubnet/);
  });

  it('refuses create-only members sent to UpdateCapacityProvider', async () => {
    await activeProvider('fixed');
    const response = await fetch(`${target.sandbox?.url}/2025-11-30/capacity-providers/fixed`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        VpcConfig: { SubnetIds: ['subnet-0c0ffee00000000a1'], SecurityGroupIds: [] },
      }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    expect(((await response.json()) as { message: string }).message).toMatch(
      /VpcConfig cannot be updated/,
    );
  });

  it('counts a write sent while the update is in progress, and refuses it', async () => {
    const name = target.unique('eager');
    await target.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: target.fixtures.executionRoleArn,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipBytes('x') },
      }),
    );
    await sleep(150);
    await target.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 10 }),
    );
    const before = target.sandbox?.stats().writesDuringUpdate ?? 0;
    const eager = target.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes('y') }),
    );
    await expect(eager).rejects.toBeInstanceOf(ResourceConflictException);
    expect(target.sandbox?.stats().writesDuringUpdate).toBe(before + 1);
  });

  it('returns the same version when an unchanged $LATEST is published again', async () => {
    const name = target.unique('steady');
    await target.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: target.fixtures.executionRoleArn,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipBytes('x') },
      }),
    );
    await sleep(150);
    const first = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    const second = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    expect(second.Version).toBe(first.Version);
    expect(second.RevisionId).toBe(first.RevisionId);
  });

  it('refuses the 101st function version on one capacity provider', async () => {
    // Instant state machines: this test is about the count, not the waits.
    const instant = await sandboxTarget({
      rateScale: 1000,
      timing: {
        providerActivationMs: 0,
        functionActivationMs: 0,
        functionUpdateMs: 0,
        publishMs: 0,
      },
    });
    const { lambda } = instant;
    const created = await lambda.send(new CreateCapacityProviderCommand(provider('crowded')));
    const arn = created.CapacityProvider?.CapacityProviderArn ?? '';
    const name = 'many';
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: target.fixtures.executionRoleArn,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipBytes('0') },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: arn },
        },
      }),
    );
    // $LATEST is one version; 99 publishes fill the provider to 100.
    for (let version = 1; version <= 99; version += 1) {
      const code = { FunctionName: name, ZipFile: zipBytes(`${version}`), Publish: true };
      await lambda.send(new UpdateFunctionCodeCommand(code));
    }
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes('full') }),
    );
    const refused = lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await expect(refused).rejects.toBeInstanceOf(
      FunctionVersionsPerCapacityProviderLimitExceededException,
    );
    await instant.close();
  });
});
