import { describe, expect, it } from 'vitest';
import { runSinglePass } from '../../src/daemon/daemon.js';
import { FakeRunner, capturingLogger, changeOf, planOf, resultOf } from './fakes.js';

function options(runner: FakeRunner) {
  return {
    runner,
    paths: [],
    mode: 'apply' as const,
    controllerId: 'blue',
    logger: capturingLogger().logger,
  };
}

describe('a single pass', () => {
  it('does not start the runner when stopped before the pass began', async () => {
    const runner = new FakeRunner();
    const result = await runSinglePass(options(runner), AbortSignal.abort());
    expect(runner.calls).toHaveLength(0);
    expect(result.error?.errorClass).toBe('aborted');
  });

  it('reports a runner that throws as a failed pass instead of crashing', async () => {
    const runner = new FakeRunner(() => Promise.reject(new Error('broken runner')));
    const result = await runSinglePass(options(runner), new AbortController().signal);
    expect(result.error?.message).toContain('broken runner');
  });

  it('fills in the manifest revision when the runner leaves it out', async () => {
    const runner = new FakeRunner(() =>
      resultOf({ plan: planOf([changeOf('Function', 'orders', 'noop')]) }),
    );
    const log = capturingLogger();
    await runSinglePass({ ...options(runner), logger: log.logger }, new AbortController().signal);
    const summary = log.lines().find((line) => line.msg === 'pass finished');
    expect(summary?.revision).toMatch(/^sha256:/);
  });
});
