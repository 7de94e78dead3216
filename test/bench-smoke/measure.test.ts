import { describe, expect, it } from 'vitest';
import { quotaBound, steadyPassSharedCalls, type PoolCalls } from '../bench/measure.js';

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
