import { describe, expect, it } from 'vitest';
import { BENCH_TIMING, runBenchmark } from '../bench/run-benchmark.js';

// A tiny, sped-up configuration: proves every phase runs and reports, times nothing.
const TINY = {
  functions: 8,
  providers: 2,
  apiShare: 1,
  driftShare: 0.25,
  cpuFunctions: 30,
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

describe('benchmark smoke run', () => {
  it('converges, finds nothing to do when in sync, repairs drift and reports every figure', async () => {
    const result = await runBenchmark(TINY);

    expect(result.cold.failures).toBe(0);
    expect(result.cold.calls.lambda).toBeGreaterThanOrEqual(TINY.functions);
    expect(result.cold.bound.seconds).toBeGreaterThan(0);
    expect(result.noop.changes).toBe(0);
    expect(result.drift.changedOutOfBand).toBe(2);
    expect(result.drift.changes).toBe(2);
    expect(result.drift.remainingAfter).toBe(0);
    expect(result.reference.calls.lambda).toBe(2 * TINY.functions);
    expect(result.noop.calls.lambda).toBeLessThan(result.reference.calls.lambda);
    expect(result.throttled.sandbox).toBe(0);
    for (const run of [result.validateDiff.cold, result.validateDiff.warm]) {
      expect(run.functions).toBe(TINY.cpuFunctions);
      expect(run.summary.noop).toBe(TINY.cpuFunctions + TINY.providers);
    }
    expect(result.rss.peakMiB).toBeGreaterThanOrEqual(result.rss.loadedMiB);
    expect(result.rss.loadedMiB).toBeGreaterThan(0);
  });
});
