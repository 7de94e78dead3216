import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reconciler } from '../../src/controller/reconciler.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { generateFleet } from '../bench/generate.js';
import { FAST_TIMING, clientsFor, outOfBandLambda } from '../helpers/sandbox.js';

const FUNCTIONS = 8;

describe('a reconciler given an apply concurrency', () => {
  let sandbox: RunningSandbox;
  let folder: string;
  beforeAll(async () => {
    // Functions stay Pending a whole second, so those created together are seen together.
    const timing = { ...FAST_TIMING, functionActivationMs: 1000 };
    sandbox = await startSandbox({ timing, rateScale: 20, randomSeed: 5 });
    folder = mkdtempSync(join(tmpdir(), 'lmi-concurrency-'));
    generateFleet(folder, { functions: FUNCTIONS, providers: 1, seed: 9 });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates more functions at once than the executor default of 4', async () => {
    const reconciler = new Reconciler({
      paths: [folder],
      controllerId: 'lmi-test',
      clients: clientsFor(sandbox),
      logger: pino({ level: 'silent' }),
      deepIntervalMs: 0,
      waits: { pollMs: 50, timeoutMs: 60_000 },
      applyConcurrency: FUNCTIONS,
    });
    const observer = outOfBandLambda(sandbox);
    let mostPending = 0;
    let done = false;
    const watch = (async () => {
      while (!done) {
        const listed = await observer.send(new ListFunctionsCommand({}));
        const pending = (listed.Functions ?? []).filter((f) => f.State === 'Pending').length;
        mostPending = Math.max(mostPending, pending);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const pass = await reconciler.runPass({ mode: 'apply' });
    done = true;
    await watch;
    observer.destroy();

    expect(pass.apply?.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
    // With at most 4 in flight, no more than 4 functions could ever be Pending together.
    expect(mostPending).toBeGreaterThan(4);
  });
});
