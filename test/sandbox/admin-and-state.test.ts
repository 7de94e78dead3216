import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { clientsFor, FAST_TIMING, zipBytes } from './contract-target.js';

const OPERATOR = 'arn:aws:iam::123456789012:role/lmi-capacity-provider-operator';

function createProvider(name: string) {
  return new CreateCapacityProviderCommand({
    CapacityProviderName: name,
    VpcConfig: {
      SubnetIds: ['subnet-0c0ffee00000000a1'],
      SecurityGroupIds: ['sg-0c0ffee00000000d1'],
    },
    PermissionsConfig: { CapacityProviderOperatorRoleArn: OPERATOR },
  });
}

describe('admin routes', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ timing: FAST_TIMING, rateScale: 50 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const admin = (path: string, method = 'GET') =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method });

  it('counts calls per operation and pool, and never counts itself', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region);
    await lambda.send(new ListFunctionsCommand({}));
    await admin('stats');
    const stats = (await (await admin('stats')).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ calls: { ListFunctions: 1 }, pools: { lambda: 1 }, writes: 0 });
  });

  it('zeroes the counters but keeps the inventory on POST /_sandbox/stats/reset', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region);
    await lambda.send(createProvider('kept'));
    expect((await admin('stats/reset', 'POST')).status).toBe(200);
    expect(sandbox.stats().writes).toBe(0);
    const state = (await (await admin('state')).json()) as { providers: Record<string, unknown> };
    expect(Object.keys(state.providers)).toEqual(['kept']);
  });

  it('goes back to the seed on POST /_sandbox/reset', async () => {
    const { lambda } = clientsFor(sandbox.url, sandbox.region);
    await lambda.send(createProvider('dropped'));
    expect((await admin('reset', 'POST')).status).toBe(200);
    const state = (await (await admin('state')).json()) as { providers: Record<string, unknown> };
    expect(state.providers).toEqual({});
  });

  it('answers 404 for an unknown admin route', async () => {
    expect((await admin('nothing')).status).toBe(404);
  });
});

describe('state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-sandbox-'));
  const stateFile = join(dir, 'state.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the account across a restart and resumes pending transitions', async () => {
    const slow = { ...FAST_TIMING, providerActivationMs: 400 };
    const first = await startSandbox({ stateFile, timing: slow, rateScale: 50 });
    const one = clientsFor(first.url, first.region);
    await one.lambda.send(createProvider('durable'));
    await one.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'durable-fn',
        Role: 'arn:aws:iam::123456789012:role/lmi-function-execution',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipBytes('x') },
      }),
    );
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toHaveProperty('providers.durable');

    const second = await startSandbox({ stateFile, timing: slow, rateScale: 50 });
    const two = clientsFor(second.url, second.region);
    await sleep(450);
    const provider = await two.lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'durable' }),
    );
    expect(provider.CapacityProvider?.State).toBe('Active');
    const functions = await two.lambda.send(new ListFunctionsCommand({}));
    expect(functions.Functions?.map((fn) => [fn.FunctionName, fn.State])).toEqual([
      ['durable-fn', 'Active'],
    ]);
    await second.close();
  });
});
