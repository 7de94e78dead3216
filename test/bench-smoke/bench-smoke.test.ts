import { describe, expect, it } from 'vitest';
import { renderTable } from '../bench/render.js';
import { BENCH_TIMING, runBenchmark, type BenchOptions } from '../bench/run-benchmark.js';
import { checkResult } from '../bench/targets.js';

// A tiny, sped-up configuration: proves every phase runs and reports, times nothing.
const TINY: BenchOptions = {
  functions: 8,
  providers: 2,
  apiShare: 1,
  driftShare: 0.25,
  cpuFunctions: 30,
  cpuRuns: 2,
  concurrency: 8,
  rateScale: 20,
  timing: {
    ...BENCH_TIMING,
    providerActivationMs: 100,
    functionActivationMs: 50,
    functionUpdateMs: 50,
    publishMs: 80,
  },
  pollMs: 50,
  seed: 3,
};

// ListFunctions answers 50 functions a page.
const LIST_PAGES = Math.ceil(TINY.functions / 50);

describe('benchmark smoke run', () => {
  it('converges, finds nothing to do in sync, repairs drift and reports every figure', async () => {
    const result = await runBenchmark(TINY);

    expect(result.cold.failures).toBe(0);
    expect(result.cold.calls.lambda).toBeGreaterThanOrEqual(TINY.functions);
    expect(result.cold.bound.seconds).toBeGreaterThan(0);
    // The warm no-op pass reads the lists only: the detail cache answers the rest.
    expect(result.firstRead.calls['get-function']).toBeGreaterThanOrEqual(TINY.functions);
    expect(result.noop.calls['get-function']).toBe(0);
    expect(result.noop.calls.lambda).toBe(LIST_PAGES);
    expect(result.noop.changes).toBe(0);
    expect(result.drift.changedOutOfBand).toBe(2);
    expect(result.drift.changes).toBe(2);
    expect(result.drift.remainingAfter).toBe(0);
    expect(result.reference.calls.lambda).toBe(2 * TINY.functions);
    expect(result.reference.sharedRatio).toBe(LIST_PAGES / (2 * TINY.functions));
    expect(result.steadyDaemonPass.sharedCalls).toBeGreaterThan(LIST_PAGES);
    expect(result.steadyDaemonPass.sharedCalls).toBeLessThan(result.firstRead.calls.lambda);
    expect(result.throttled.sandbox).toBe(0);
    expect(result.validateDiff.runs).toHaveLength(TINY.cpuRuns);
    for (const run of [...result.validateDiff.runs, result.validateDiff.warm]) {
      expect(run.functions).toBe(TINY.cpuFunctions);
      expect(run.summary.noop).toBe(TINY.cpuFunctions + result.validateDiff.providers);
    }
    expect(result.rss.peakMiB).toBeGreaterThanOrEqual(result.rss.loadedMiB);
    expect(result.rss.loadedMiB).toBeGreaterThan(0);

    const checks = checkResult(result);
    const judged = checks.filter((check) => check.status !== 'not judged');
    expect(judged.map((check) => [check.id, check.status])).toEqual([
      ['noop-in-sync', 'met'],
      ['drift-repaired', 'met'],
      ['throttled', 'met'],
    ]);
    const table = renderTable(result, checks);
    for (const figure of ['1 cold converge', '2 no-op pass', '3 drift', '4 reference', '5 thr']) {
      expect(table).toContain(figure);
    }
    expect(table).toContain('6 peak RSS');
    expect(table).not.toContain('MISSED');
  });

  it('stops at the first phase that fails, naming it and why', async () => {
    // A fractional concurrency passes the type check but not the executor's own.
    await expect(runBenchmark({ ...TINY, concurrency: 2.5 })).rejects.toThrow(
      /^cold converge of 8 functions over 2 providers: 1 failure\n {2}pass: .*concurrency/,
    );
  });
});
