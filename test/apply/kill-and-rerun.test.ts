import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListCapacityProvidersCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/aws/clients.js';
import { CONTROLLER_ID, examplesCopy, pending, planNow } from './harness.js';
import pino from 'pino';

const BIN = resolve(import.meta.dirname, '../../bin/lmi.js');

/** A small seeded generator, so the kill points are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function startSandboxProcess(stateFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [
    BIN,
    'sandbox',
    '--listen',
    '127.0.0.1:0',
    '--state',
    stateFile,
    '--log-level',
    'silent',
  ]);
  return new Promise((resolvePromise, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = /listening on (\S+)/.exec(text)?.[1];
      if (url) resolvePromise({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
  });
}

function runApply(url: string, paths: string[], killAfterMs?: number): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--endpoint',
      url,
      '--region',
      'us-east-1',
      '--controller-id',
      CONTROLLER_ID,
      '--log-level',
      'silent',
      'apply',
      ...paths,
      '--yes',
    ],
    { env: { ...process.env, AWS_ACCESS_KEY_ID: 'sandbox', AWS_SECRET_ACCESS_KEY: 'sandbox' } },
  );
  child.stdout.resume();
  child.stderr.resume();
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((done) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

describe('an apply killed at random points and run again', () => {
  let examples: string;
  let folder: string;
  let sandbox: { child: ChildProcess; url: string };
  beforeAll(async () => {
    examples = examplesCopy();
    folder = mkdtempSync(join(tmpdir(), 'lmi-kill-'));
    sandbox = await startSandboxProcess(join(folder, 'state.json'));
  });
  afterAll(() => {
    sandbox.child.kill();
    rmSync(examples, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'ends exactly as the manifests say, with no duplicate and no orphan',
    { timeout: 240_000 },
    async () => {
      const random = seeded(20261203);
      const clients = createAwsClients(
        {
          region: 'us-east-1',
          endpoint: sandbox.url,
          credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        },
        { apiShare: 0.5, logger: pino({ level: 'silent' }) },
      );
      for (let point = 0; point < 3; point += 1) {
        await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
        const killAfterMs = 500 + Math.floor(random() * 6000);
        await runApply(sandbox.url, [examples], killAfterMs);
        expect(await runApply(sandbox.url, [examples])).toBe(0);

        const plan = await planNow([examples], clients);
        expect(pending(plan.plan), `after a kill at ${killAfterMs} ms`).toEqual([]);
        const functions = await clients.lambda.send(new ListFunctionsCommand({}));
        const providers = await clients.lambda.send(new ListCapacityProvidersCommand({}));
        const names = (functions.Functions ?? []).map((f) => f.FunctionName).sort();
        expect(names).toEqual(plan.desired.functions.map((f) => f.metadata.name).sort());
        expect((providers.CapacityProviders ?? []).length).toBe(
          plan.desired.capacityProviders.length,
        );
      }
      clients.lambda.destroy();
      clients.ec2.destroy();
    },
  );
});
