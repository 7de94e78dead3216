import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { TEST_CREDENTIALS, fastSandbox, outOfBandLambda } from '../helpers/sandbox.js';

interface StatusDocument {
  resources: { kind: string; name: string; conditions: { type: string; status: string }[] }[];
  lastPass?: unknown;
}

/** Polls `check` until it resolves true; the daemon works on its own schedule. */
async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function memoryOf(lambda: LambdaClient, name: string): Promise<number | undefined> {
  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  return config.MemorySize;
}

describe('lmi run against the sandbox (acceptance)', () => {
  let sandbox: RunningSandbox;
  let lambda: LambdaClient;
  let folder: string;
  let daemon: ChildProcess;
  let url = '';

  beforeAll(async () => {
    sandbox = await fastSandbox();
    lambda = outOfBandLambda(sandbox);
    folder = await mkdtemp(join(tmpdir(), 'lmi-daemon-'));
    await cp('manifests/examples', folder, { recursive: true });

    const args = ['bin/lmi.js', '--endpoint', sandbox.url, '--region', sandbox.region];
    const run = [
      'run',
      folder,
      '--listen',
      '127.0.0.1:0',
      '--interval',
      '2s',
      '--api-budget',
      '100',
    ];
    daemon = spawn(process.execPath, [...args, ...run], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      },
    });
    let logs = '';
    daemon.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
      const line = logs.split('\n').find((l) => l.includes('http surfaces listening'));
      if (line && !url) url = (JSON.parse(line) as { url: string }).url;
    });
    await until(() => Promise.resolve(url !== ''), 'the daemon to listen', 30_000);
  });

  afterAll(async () => {
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    await sandbox.close();
  });

  it('becomes ready after its first pass and serves metrics and status', async () => {
    await until(async () => (await fetch(`${url}/readyz`)).status === 200, '/readyz');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('lmi_pass_duration_seconds');
    expect(metrics).toMatch(/lmi_aws_calls_total\{[^}]*operation="ListFunctions"/);

    const status = (await (await fetch(`${url}/status`)).json()) as StatusDocument;
    const names = status.resources.map((r) => `${r.kind}/${r.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['CapacityProvider/payments-steady', 'Function/ledger']),
    );
    expect(JSON.stringify(status)).not.toContain('resolve:secretsmanager');
  });

  it('applies an edited manifest without a restart', async () => {
    const file = join(folder, 'functions', 'payments', 'checkout-api', 'function.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('memorySize: 4096', 'memorySize: 6144'));
    await until(async () => (await memoryOf(lambda, 'checkout-api')) === 6144, 'the edit applied');
  });

  it('puts out-of-band drift back and counts it', async () => {
    await until(async () => (await memoryOf(lambda, 'fraud-score')) === 2048, 'fraud-score');
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'fraud-score', MemorySize: 4096 }),
    );
    // The sandbox, like Lambda, shows the new value once the update has completed.
    await waitUntilFunctionUpdatedV2(
      { client: lambda, maxWaitTime: 30, minDelay: 1 },
      { FunctionName: 'fraud-score' },
    );
    await until(async () => {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      return /lmi_drift_detected_total\{[^}]*\} [1-9]/.test(metrics);
    }, 'the drift counted');
    await until(async () => (await memoryOf(lambda, 'fraud-score')) === 2048, 'the drift fixed');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/lmi_drift_detected_total\{[^}]*\} [1-9]/);
  });

  it('exits 0 after SIGTERM', async () => {
    const exited = once(daemon, 'exit') as Promise<[number | null, string | null]>;
    daemon.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
