import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  CreateFunctionCommand,
  ListFunctionsCommand,
  ResourceConflictException,
  ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { clientsFor, FAST_TIMING, zipBytes } from './contract-target.js';

describe('parseFaultSpec', () => {
  it.each([
    [
      'throttle=0.2,error=0.05,conflict=0.1,latency=5-50',
      { throttle: 0.2, serverError: 0.05, conflict: 0.1, latencyMs: [5, 50] },
    ],
    ['throttle=1', { throttle: 1 }],
    [' latency = 7 ', { latencyMs: [7, 7] }],
    ['', {}],
  ])('reads %j', (text, expected) => {
    expect(parseFaultSpec(text)).toEqual(expected);
  });

  it.each(['throttle=2', 'error=-0.1', 'smoke=0.5', 'latency=9-3', 'throttle='])(
    'rejects %j',
    (text) => {
      expect(() => parseFaultSpec(text)).toThrow();
    },
  );
});

describe('fault injection', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ timing: FAST_TIMING, rateScale: 50, randomSeed: 1 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  async function putFaults(body: unknown) {
    return fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify(body) });
  }

  it('throttles every call when the admin route sets throttle=1, and stops when cleared', async () => {
    sandbox.reset();
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    expect((await putFaults({ throttle: 1 })).status).toBe(200);
    await expect(lambda.send(new ListFunctionsCommand({}))).rejects.toBeInstanceOf(
      TooManyRequestsException,
    );
    expect(sandbox.stats()).toMatchObject({ faultsInjected: 1, throttled: 1 });

    await putFaults({});
    await expect(lambda.send(new ListFunctionsCommand({}))).resolves.toBeDefined();
  });

  it('refuses a malformed fault spec on the admin route', async () => {
    expect((await putFaults({ throttle: 3 })).status).toBe(400);
  });

  it('answers injected 5xx errors that the SDK sees as ServiceException', async () => {
    sandbox.reset();
    sandbox.setFaults({ serverError: 1 });
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    await expect(lambda.send(new ListFunctionsCommand({}))).rejects.toBeInstanceOf(
      ServiceException,
    );
    sandbox.setFaults({});
  });

  it('injects conflicts on writes only', async () => {
    sandbox.reset();
    sandbox.setFaults({ conflict: 1 });
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    await expect(lambda.send(new ListFunctionsCommand({}))).resolves.toBeDefined();
    const write = lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'conflicted',
        Role: 'arn:aws:iam::123456789012:role/lmi-function-execution',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipBytes('x') },
      }),
    );
    await expect(write).rejects.toBeInstanceOf(ResourceConflictException);
    expect(sandbox.stats()).toMatchObject({ conflicts: 1, writes: 0 });
    sandbox.setFaults({});
  });

  it('lets the SDK retry ride through occasional EC2 errors', async () => {
    sandbox.reset();
    sandbox.setFaults({ serverError: 0.3 });
    const { ec2 } = clientsFor(sandbox.url, sandbox.region, 10);
    for (let call = 0; call < 4; call += 1) {
      const vpcs = await ec2.send(new DescribeVpcsCommand({}));
      expect(vpcs.Vpcs).toHaveLength(1);
    }
    expect(sandbox.stats().faultsInjected).toBeGreaterThan(0);
    sandbox.setFaults({});
  });

  it('adds the configured latency to each call', async () => {
    sandbox.setFaults({ latencyMs: [120, 150] });
    const { lambda } = clientsFor(sandbox.url, sandbox.region, 1);
    const started = performance.now();
    await lambda.send(new ListFunctionsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    sandbox.setFaults({});
  });

  it('repeats the same faults for the same random seed', async () => {
    async function outcomes(randomSeed: number) {
      const seeded = await startSandbox({ rateScale: 50, randomSeed, faults: { throttle: 0.5 } });
      const { lambda } = clientsFor(seeded.url, seeded.region, 1);
      const results: string[] = [];
      for (let call = 0; call < 12; call += 1) {
        const outcome = await lambda.send(new ListFunctionsCommand({})).then(
          () => 'ok',
          (error: unknown) => (error as Error).name,
        );
        results.push(outcome);
      }
      await seeded.close();
      return results;
    }
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('TooManyRequestsException');
  });
});
