import { rmSync, unlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountState } from '../../src/sandbox/account.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import {
  endpointArgs,
  fastSandbox,
  outOfBandLambda,
  TEST_CREDENTIALS,
} from '../helpers/sandbox.js';
import { fleetNames, writeFleet } from './support/fleet.js';
import { inventoryOf } from './support/inventory.js';

const SHAPE = { providers: 1, functions: 3, seed: 5 };
const ACCOUNT = '123456789012';

async function createForeignProvider(lambda: LambdaClient, name: string): Promise<string> {
  const created = await lambda.send(
    new CreateCapacityProviderCommand({
      CapacityProviderName: name,
      VpcConfig: { SubnetIds: ['subnet-0c0ffee00000000a1'], SecurityGroupIds: [] },
      PermissionsConfig: {
        CapacityProviderOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/lmi-capacity-provider-operator`,
      },
      InstanceRequirements: { Architectures: ['x86_64'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 12, ScalingMode: 'Auto' },
      Tags: { owner: 'another-team' },
    }),
  );
  return created.CapacityProvider?.CapacityProviderArn ?? '';
}

async function createForeignFunction(lambda: LambdaClient, name: string, providerArn: string) {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'python3.13',
      Handler: 'theirs.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/lmi-function-execution`,
      MemorySize: 2048,
      Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: providerArn },
      },
      Tags: { owner: 'another-team' },
    }),
  );
}

/** Everything the sandbox holds about the named resources: configuration, versions and tags. */
function snapshot(state: AccountState, providers: string[], functions: string[]): unknown {
  return {
    providers: providers.map((name) => {
      const record = state.providers[name];
      return { record, tags: state.tags[String(record?.view.CapacityProviderArn)] };
    }),
    functions: functions.map((name) => {
      const record = state.functions[name];
      return { record, tags: state.tags[String(record?.latest.FunctionArn)] };
    }),
  };
}

const GUARDRAIL = `apiVersion: lmi/v1alpha1
kind: Guardrail
metadata:
  name: few-deletes
spec:
  enforcement: Block
  changes:
    maxDeletesPerApply: 1
`;

describe('ownership', () => {
  let sandbox: RunningSandbox;
  let lambda: LambdaClient;
  let folder: string;
  let empty: string;
  const apply = (path: string, ...flags: string[]) =>
    runCli([...endpointArgs(sandbox), 'apply', path, '--yes', ...flags]);

  beforeAll(async () => {
    // The in-process CLI finds credentials the way the SDK does; the sandbox accepts any.
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
    sandbox = await fastSandbox();
    lambda = outOfBandLambda(sandbox);
    empty = mkdtempSync(join(tmpdir(), 'lmi-empty-'));
  });
  beforeEach(() => {
    sandbox.reset();
    folder = writeFleet(SHAPE);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  afterAll(async () => {
    vi.unstubAllEnvs();
    lambda.destroy();
    rmSync(empty, { recursive: true, force: true });
    await sandbox.close();
  });

  it('never modifies or deletes unowned resources, even ones with a manifest name', async () => {
    const names = fleetNames(SHAPE);
    const clashingProvider = names.providers[0]!;
    const clashingFunction = names.functions[0]!;
    const foreignArn = await createForeignProvider(lambda, 'their-provider');
    await createForeignProvider(lambda, clashingProvider);
    await sleep(400); // until both are Active (FAST_TIMING activates in 150 ms)
    await createForeignFunction(lambda, clashingFunction, foreignArn);
    await createForeignFunction(lambda, 'their-function', foreignArn);
    await sleep(400);
    const foreign = {
      providers: ['their-provider', clashingProvider],
      functions: [clashingFunction, 'their-function'],
    };
    const before = snapshot(await inventoryOf(sandbox.url), foreign.providers, foreign.functions);

    const clash = await apply(folder);
    const wipe = await apply(empty, '--allow-empty');

    expect(clash.code, 'the plan names what it will not touch').toBe(1);
    expect(clash.stdout + clash.stderr).toContain(clashingProvider);
    expect(wipe.code).toBe(0);
    const after = snapshot(await inventoryOf(sandbox.url), foreign.providers, foreign.functions);
    expect(after).toEqual(before);
  });

  it('refuses an empty manifest folder without --allow-empty and deletes nothing', async () => {
    expect((await apply(folder)).code).toBe(0);
    const before = await inventoryOf(sandbox.url);

    const result = await apply(empty);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--allow-empty');
    const after = await inventoryOf(sandbox.url);
    expect(Object.keys(after.functions)).toEqual(Object.keys(before.functions));
    expect(Object.keys(after.providers)).toEqual(Object.keys(before.providers));
    expect(sandbox.stats().calls.DeleteFunction ?? 0).toBe(0);
  });

  it('holds maxDeletesPerApply: two deletes against a limit of one exit 3 and delete nothing', async () => {
    writeFileSync(join(folder, 'guardrail.yaml'), GUARDRAIL);
    expect((await apply(folder)).code).toBe(0);
    const names = fleetNames(SHAPE);
    for (const name of names.functions.slice(0, 2)) {
      unlinkSync(join(folder, 'functions', `${name}.yaml`));
    }

    const result = await apply(folder);

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/maxDeletesPerApply|deletes/);
    expect(Object.keys((await inventoryOf(sandbox.url)).functions).sort()).toEqual(names.functions);
    expect(sandbox.stats().calls.DeleteFunction ?? 0).toBe(0);
  });
});
