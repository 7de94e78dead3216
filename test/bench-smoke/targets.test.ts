import { describe, expect, it } from 'vitest';
import type { PoolCalls, ValidateDiffFigures } from '../bench/measure.js';
import type { PassFigures } from '../bench/remote-controller.js';
import { BENCH_TIMING, type BenchResult } from '../bench/run-benchmark.js';
import { anyMissed, checkResult, type CheckId, type CheckStatus } from '../bench/targets.js';

const NO_CALLS: PoolCalls = {
  lambda: 0,
  'get-function': 0,
  'capacity-provider-read': 0,
  'capacity-provider-write': 0,
  ec2: 0,
};

function pass(wallMs: number, lambda: number, changes = 0): PassFigures {
  return { wallMs, calls: { ...NO_CALLS, lambda }, changes, failures: 0, failureSamples: [] };
}

function cpuRun(totalCpuMs: number, functions = 5000): ValidateDiffFigures {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, noop: functions };
  return { functions, validateCpuMs: 0, diffCpuMs: 0, totalCpuMs, wallMs: 0, summary };
}

/** A run at the target fleet that meets every target, figures close to the measured ones. */
function passing(): BenchResult {
  return {
    options: {
      functions: 1000,
      providers: 20,
      apiShare: 1,
      driftShare: 0.05,
      cpuFunctions: 5000,
      cpuRuns: 2,
      concurrency: 64,
      rateScale: 1,
      timing: BENCH_TIMING,
      pollMs: 1000,
      seed: 1,
    },
    publishModes: { LatestPublished: 830, Versions: 85, None: 85 },
    cold: { ...pass(97_000, 1400, 1020), bound: { seconds: 93.3, pool: 'lambda' }, ratio: 1.04 },
    firstRead: pass(34_000, 441),
    noop: pass(1600, 20),
    drift: { ...pass(7000, 89, 50), changedOutOfBand: 50, remainingAfter: 0 },
    reference: {
      wallMs: 134_000,
      calls: { ...NO_CALLS, lambda: 2000 },
      sharedRatio: 0.01,
      oneShotSharedRatio: 0.22,
    },
    steadyDaemonPass: {
      intervalMs: 60_000,
      deepIntervalMs: 3_600_000,
      sharedCalls: 29,
      sharedRatio: 0.0145,
    },
    throttled: { sandbox: 0, controller: 0, byPool: {} },
    rss: { peakMiB: 226, loadedMiB: 134, benchProcessPeakMiB: 224 },
    validateDiff: {
      functions: 5000,
      providers: 100,
      publishModes: {},
      runs: [cpuRun(1100), cpuRun(1400)],
      warm: cpuRun(800),
      yamlParseCpuMs: 200,
    },
  };
}

type Mutation = (result: BenchResult) => void;

function statusOf(id: CheckId, mutate: Mutation): CheckStatus | undefined {
  const result = passing();
  mutate(result);
  return checkResult(result).find((check) => check.id === id)?.status;
}

describe('checkResult', () => {
  it('meets every target with the figures of a good run', () => {
    const checks = checkResult(passing());
    expect(checks.every((check) => check.status === 'met')).toBe(true);
    expect(anyMissed(checks)).toBe(false);
  });

  it.each<[CheckId, string, Mutation]>([
    ['cold-ratio', 'converge over 1.25 times the bound', (r) => void (r.cold.ratio = 1.26)],
    ['noop-wall', 'no-op pass over 15 s', (r) => void (r.noop.wallMs = 15_001)],
    ['noop-shared-calls', '41 shared calls', (r) => void (r.noop.calls.lambda = 41)],
    ['noop-in-sync', 'a change in the no-op pass', (r) => void (r.noop.changes = 1)],
    ['drift-repaired', 'drift left undetected', (r) => void (r.drift.changes = 0)],
    ['drift-repaired', 'more changed than drifted', (r) => void (r.drift.changes = 51)],
    ['drift-repaired', 'something left after', (r) => void (r.drift.remainingAfter = 1)],
    [
      'reference-factor',
      'only 40 times fewer',
      (r) => void (r.reference.calls.lambda = 40 * r.noop.calls.lambda),
    ],
    ['throttled', 'a throttle the sandbox gave', (r) => void (r.throttled.sandbox = 1)],
    ['throttled', 'a throttle the controller saw', (r) => void (r.throttled.controller = 1)],
    ['peak-rss', '245 MiB, over 256 MB', (r) => void (r.rss.peakMiB = 245)],
    [
      'validate-diff',
      'the slowest fresh process over 2 s',
      (r) => void r.validateDiff.runs.push(cpuRun(2001)),
    ],
  ])('misses %s on %s', (id, _case, mutate) => {
    expect(statusOf(id, mutate)).toBe('MISSED');
  });

  it('judges performance only at the fleet size the targets are for', () => {
    const small = (r: BenchResult) => {
      r.options.functions = 60;
      r.cold.ratio = 2.3;
    };
    expect(statusOf('cold-ratio', small)).toBe('not judged');
    expect(statusOf('peak-rss', small)).toBe('not judged');
    expect(statusOf('noop-in-sync', small)).toBe('met');
    const smallCpu = (r: BenchResult) => {
      r.validateDiff.functions = 500;
      r.validateDiff.runs = [cpuRun(2500, 500)];
    };
    expect(statusOf('validate-diff', smallCpu)).toBe('not judged');
  });

  it('counts a no-op pass without shared calls as infinitely fewer than the reference', () => {
    expect(statusOf('reference-factor', (r) => void (r.noop.calls.lambda = 0))).toBe('met');
  });
});
