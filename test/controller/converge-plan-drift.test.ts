import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPlanJudge } from '../../src/controller/judge.js';
import { Reconciler } from '../../src/controller/reconciler.js';
import { parsePlan } from '../../src/plan/plan-json.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import {
  TEST_CREDENTIALS,
  clientsFor,
  endpointArgs,
  fastSandbox,
  outOfBandLambda,
} from '../helpers/sandbox.js';

const EXAMPLES = 'manifests/examples';
const CONTROLLER = 'lmi-controller';

function reconcilerFor(sandbox: RunningSandbox, paths: string[]): Reconciler {
  const logger = pino({ level: 'silent' });
  return new Reconciler({
    paths,
    controllerId: CONTROLLER,
    clients: clientsFor(sandbox),
    logger,
    deepIntervalMs: 0,
    judge: createPlanJudge(logger, CONTROLLER),
    waits: { pollMs: 50, timeoutMs: 60_000 },
  });
}

beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
});

describe('given the examples applied to the sandbox', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await fastSandbox();
    const pass = await reconcilerFor(sandbox, [EXAMPLES]).runPass({ mode: 'apply' });
    const failed = pass.apply?.outcomes.filter((o) => o.status === 'failed') ?? [];
    expect(failed).toEqual([]);
  });
  afterAll(() => sandbox.close());

  it('plans no change, exits 0 with --detailed-exitcode and writes nothing', async () => {
    const before = sandbox.stats().writes;
    const result = await runCli([
      ...endpointArgs(sandbox),
      'plan',
      '--detailed-exitcode',
      EXAMPLES,
    ]);
    expect(result.stdout).toContain('No changes. Live state matches the manifests.');
    expect(result.code).toBe(0);
    expect(sandbox.stats().writes).toBe(before);
    expect(sandbox.stats().throttled).toBe(0);
  });

  it('shows one field changed out of band as one update with that field, then fixes it', async () => {
    const lambda = outOfBandLambda(sandbox);
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'checkout-api', MemorySize: 6144 }),
    );
    await waitUntilFunctionUpdatedV2(
      { client: lambda, maxWaitTime: 30, minDelay: 1 },
      { FunctionName: 'checkout-api' },
    );

    const result = await runCli([...endpointArgs(sandbox), 'plan', '--format', 'json', EXAMPLES]);
    const plan = parsePlan(result.stdout);
    const changed = plan.changes.filter((c) => c.action !== 'noop');
    expect(changed).toEqual([
      expect.objectContaining({
        kind: 'Function',
        name: 'checkout-api',
        action: 'update',
        differences: [{ path: 'memorySize', live: 6144, desired: 4096 }],
      }),
    ]);

    await reconcilerFor(sandbox, [EXAMPLES]).runPass({ mode: 'apply' });
    const fixed = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'checkout-api' }),
    );
    expect(fixed.MemorySize).toBe(4096);
    const again = await runCli([...endpointArgs(sandbox), 'plan', '--detailed-exitcode', EXAMPLES]);
    expect(again.code).toBe(0);
  });
});

describe('given a blocking guardrail the examples break', () => {
  let sandbox: RunningSandbox;
  let folder: string;

  beforeAll(async () => {
    sandbox = await fastSandbox();
    folder = await mkdtemp(join(tmpdir(), 'lmi-blocked-'));
    await cp(EXAMPLES, folder, { recursive: true });
    await writeFile(
      join(folder, 'guardrails', 'cap.yaml'),
      [
        'apiVersion: lmi/v1alpha1',
        'kind: Guardrail',
        'metadata: { name: vcpu-cap }',
        'spec:',
        '  enforcement: Block',
        '  capacityProviders: { maxVCpuCount: 32 }',
      ].join('\n'),
    );
  });
  afterAll(() => sandbox.close());

  it('exits 3 from plan, and the sandbox records no write call from plan or a pass', async () => {
    const result = await runCli([...endpointArgs(sandbox), 'plan', folder]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('vcpu-cap');

    const pass = await reconcilerFor(sandbox, [folder]).runPass({ mode: 'apply' });
    expect(pass.blocked).toBe(true);
    expect(pass.apply).toBeUndefined();
    expect(sandbox.stats().writes).toBe(0);
  });
});
