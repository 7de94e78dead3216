import { describe, expect, it } from 'vitest';
import { quotaBound, steadyPassSharedCalls, type PoolCalls } from '../bench/measure.js';
import { driftTargets } from '../bench/run-benchmark.js';

const calls = (lambda: number, writes = 0): PoolCalls => ({
  lambda,
  'get-function': 0,
  'capacity-provider-read': 0,
  'capacity-provider-write': writes,
  ec2: 0,
});

describe('quotaBound', () => {
  it.each([
    ['the shared pool at the full quota', calls(1500, 20), 1, { seconds: 100, pool: 'lambda' }],
    ['the shared pool at half the quota', calls(1500, 20), 0.5, { seconds: 200, pool: 'lambda' }],
    [
      'the provider-write pool when it is the slower one',
      calls(15, 30),
      1,
      { seconds: 30, pool: 'capacity-provider-write' },
    ],
  ])('is set by %s', (_case, used, share, bound) => {
    expect(quotaBound(used, share)).toEqual(bound);
  });
});

describe('steadyPassSharedCalls', () => {
  it('adds to the lists the detail reads that fall due in one pass interval', () => {
    // Entries live 45 min on average at a 1 h deep interval; a pass a minute later re-reads
    // 60 / (2700 + 30) of the 420 detail reads.
    expect(steadyPassSharedCalls(calls(440), calls(20), 60_000, 3_600_000)).toBeCloseTo(
      20 + (420 * 60) / 2730,
    );
  });

  it('re-reads everything each pass when passes are further apart than the cache lives', () => {
    expect(steadyPassSharedCalls(calls(440), calls(20), 7_200_000, 3_600_000)).toBe(440);
  });
});

describe('driftTargets', () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `fn-${i}`);

  it.each([
    [8, 0.25, ['fn-0', 'fn-4']],
    [10, 0.7, ['fn-0', 'fn-1', 'fn-2', 'fn-4', 'fn-5', 'fn-7', 'fn-8']],
    [3, 0.05, ['fn-0']],
    [4, 1, ['fn-0', 'fn-1', 'fn-2', 'fn-3']],
  ])('takes of %i functions the share %d, spread evenly', (count, share, expected) => {
    expect(driftTargets(names(count), share)).toEqual(expected);
  });

  it('takes as many as the share asks for at any share', () => {
    for (const percent of [5, 25, 40, 60, 70, 100]) {
      expect(driftTargets(names(1000), percent / 100)).toHaveLength(percent * 10);
    }
  });
});
