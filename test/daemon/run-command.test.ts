import { mkdtemp, rm } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, runCommand, type RunDependencies } from '../../src/cli/run.js';
import type { CommandContext } from '../../src/cli/command-context.js';
import { addGlobalOptions } from '../../src/cli/global-options.js';
import type { RunnerOptions } from '../../src/controller/create-runner.js';
import type { PassResult } from '../../src/controller/pass.js';
import { listenForStopSignals } from '../../src/daemon/stop-signals.js';
import { FakeRunner, capturingLogger, changeOf, eventually, outcomeOf, resultOf } from './fakes.js';

const failed = outcomeOf(changeOf('Function', 'orders', 'update'), 'failed', {
  errorClass: 'server',
  retryable: true,
  message: 'boom',
});
const problem = { location: { file: 'a.yaml', line: 1, column: 1 }, message: 'bad' };

describe('exitCodeOf (lmi run --once)', () => {
  it.each<[string, Partial<PassResult>, number]>([
    ['a clean pass', {}, 0],
    ['a failed pass', { error: { errorClass: 'network', message: 'down' } }, 1],
    ['manifest problems', { manifestProblems: [problem] }, 1],
    ['a failed resource', { apply: { outcomes: [failed], writes: 0, interrupted: false } }, 1],
    ['a blocked plan', { blocked: true, manifestProblems: [problem] }, 3],
  ])('is right for %s', (_name, result, code) => {
    expect(exitCodeOf(resultOf(result))).toBe(code);
  });
});

describe('lmi run', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lmi-run-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** Runs `lmi <args>` with the given runner and a stop signal the test controls. */
  function cli(runner: FakeRunner, stop: AbortController) {
    const seen: { options?: RunnerOptions; closed: boolean } = { closed: false };
    const dependencies: RunDependencies = {
      createRunner: (options) => {
        seen.options = options;
        return Promise.resolve(
          Object.assign(runner, {
            close: () => {
              seen.closed = true;
              return Promise.resolve();
            },
          }),
        );
      },
      stopSignals: () => ({ signal: stop.signal, dispose: () => undefined }),
      createLogger: () => capturingLogger().logger,
    };
    const run = async (args: string[]): Promise<number> => {
      let exitCode = -1;
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const program = addGlobalOptions(new Command('lmi')).exitOverride();
      const context: CommandContext = {
        program,
        stdout: sink,
        stderr: sink,
        async run(body) {
          exitCode = await body().catch(() => 1);
        },
      };
      runCommand(dependencies)(context);
      await program.parseAsync(['node', 'lmi', ...args]);
      return exitCode;
    };
    return { run, seen };
  }

  it('runs one pass with --once and exits with its code', async () => {
    const runner = new FakeRunner(() =>
      resultOf({ apply: { outcomes: [failed], writes: 0, interrupted: false } }),
    );
    const { run, seen } = cli(runner, new AbortController());

    const code = await run(['--sandbox', 'run', folder, '--once', '--mode', 'observe']);
    expect(code).toBe(1);
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.mode).toBe('observe');
    expect(seen.closed).toBe(true);
  });

  it('hands the runner its paths, target, API share and deep interval', async () => {
    const { run, seen } = cli(new FakeRunner(), new AbortController());
    const args = ['--region', 'eu-west-1', '--controller-id', 'blue', 'run', folder, '--once'];
    await run([...args, '--api-budget', '25', '--deep-interval', '30m']);
    expect(seen.options).toMatchObject({
      paths: [folder],
      controllerId: 'blue',
      target: { region: 'eu-west-1' },
      apiShare: 0.25,
      deepIntervalMs: 1_800_000,
    });
  });

  it.each([
    ['--interval', 'soon'],
    ['--listen', 'nowhere'],
    ['--api-budget', '150'],
  ])('refuses %s %s', async (flag, value) => {
    const { run } = cli(new FakeRunner(), new AbortController());
    expect(await run(['--sandbox', 'run', folder, flag, value])).toBe(1);
  });

  it('serves until the stop signal, then stops the in-flight pass and exits 0', async () => {
    const runner = new FakeRunner(
      (_pass, options) =>
        new Promise((resolve) => {
          options.signal?.addEventListener('abort', () => resolve(resultOf({})));
        }),
    );
    const stop = new AbortController();
    const { run, seen } = cli(runner, stop);

    const exit = run(['--sandbox', 'run', folder, '--listen', '127.0.0.1:0', '--interval', '1h']);
    await eventually(() => runner.running === 1);
    stop.abort(new Error('received SIGTERM'));

    expect(await exit).toBe(0);
    expect(runner.calls[0]?.signal?.aborted).toBe(true);
    expect(seen.closed).toBe(true);
  });
});

describe('listenForStopSignals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('aborts on %s and lets go on dispose', (name) => {
    const target = new EventEmitter() as unknown as NodeJS.Process;
    const stop = listenForStopSignals(target);
    target.emit(name, name);
    expect(stop.signal.aborted).toBe(true);
    expect(String(stop.signal.reason)).toContain(name);

    stop.dispose();
    expect(target.listenerCount(name)).toBe(0);
  });
});
