import {
  CreateCapacityProviderCommand,
  GetCapacityProviderCommand,
  TooManyRequestsException,
  type CreateCapacityProviderCommandInput,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { clientsFor, FAST_TIMING } from './contract-target.js';

function provider(name: string): CreateCapacityProviderCommandInput {
  return {
    CapacityProviderName: name,
    VpcConfig: { SubnetIds: ['subnet-0c0ffee00000000a1'], SecurityGroupIds: [] },
    PermissionsConfig: {
      CapacityProviderOperatorRoleArn:
        'arn:aws:iam::123456789012:role/lmi-capacity-provider-operator',
    },
  };
}

// These tests are about the real rates, so the sandbox runs at rateScale 1.
describe('rate limits at AWS rates', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ timing: FAST_TIMING, rateScale: 1 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('rejects a second capacity-provider write within a second with Retry-After', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    await lambda.send(new CreateCapacityProviderCommand(provider('first')));
    const second = lambda.send(new CreateCapacityProviderCommand(provider('second')));

    await expect(second).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(second).rejects.toMatchObject({
      retryAfterSeconds: '1',
      $metadata: { httpStatusCode: 429 },
    });
    expect(sandbox.stats().throttledByPool).toEqual({ 'capacity-provider-write': 1 });
  });

  it('lets the SDK retry absorb a throttled capacity-provider write', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 6);
    await lambda.send(new CreateCapacityProviderCommand(provider('one')));
    const second = await lambda.send(new CreateCapacityProviderCommand(provider('two')));

    expect(second.CapacityProvider?.State).toBe('Pending');
    expect(second.$metadata.attempts).toBeGreaterThan(1);
    expect(sandbox.stats().throttled).toBeGreaterThan(0);
    expect(sandbox.stats().writes).toBe(2);
  });

  it('keeps capacity-provider reads in their own pool, apart from writes', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    await lambda.send(new CreateCapacityProviderCommand(provider('reads')));
    for (let read = 0; read < 10; read += 1) {
      await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'reads' }));
    }
    expect(sandbox.stats().pools).toEqual({
      'capacity-provider-write': 1,
      'capacity-provider-read': 10,
    });
    expect(sandbox.stats().throttled).toBe(0);
  });

  it('throttles reads beyond the burst of 15 per second', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    const reads = Array.from({ length: 30 }, () =>
      lambda
        .send(new GetCapacityProviderCommand({ CapacityProviderName: 'none' }))
        .catch((error: unknown) => error),
    );
    const outcomes = await Promise.all(reads);
    const throttled = outcomes.filter((outcome) => outcome instanceof TooManyRequestsException);
    expect(throttled.length).toBeGreaterThanOrEqual(10);
  });
});
