import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../bench/options.js';

describe('parseBenchArgs', () => {
  it('gives the documented defaults: 1,000 functions over 20 providers at the full quota', () => {
    const { options, json, out } = parseBenchArgs([]);
    expect(options).toMatchObject({
      functions: 1000,
      providers: 20,
      apiShare: 1,
      concurrency: 64,
      cpuFunctions: 5000,
      cpuRuns: 3,
      driftShare: 0.05,
      seed: 1,
      rateScale: 1,
    });
    expect(json).toBe(false);
    expect(out).toBeUndefined();
  });

  it('reads percentages as shares and keeps --json and --out', () => {
    const command = parseBenchArgs([
      '--api-budget',
      '50',
      '--drift',
      '12.5',
      '--json',
      '--out',
      'b.json',
    ]);
    expect(command.options.apiShare).toBe(0.5);
    expect(command.options.driftShare).toBe(0.125);
    expect(command).toMatchObject({ json: true, out: 'b.json' });
  });

  it.each([
    [['--functions', '0'], '--functions must be a whole number from 1 to 100000, got "0"'],
    [['--functions', 'abc'], '--functions must be a whole number from 1 to 100000, got "abc"'],
    [['--functions', '1.5'], '--functions must be a whole number from 1 to 100000, got "1.5"'],
    [['--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 1000, got "2.5"'],
    [['--cpu-runs', '0'], '--cpu-runs must be a whole number from 1 to 20, got "0"'],
    [['--providers', ''], '--providers must be a whole number from 1 to 1000, got ""'],
    [['--api-budget', '101'], '--api-budget must be a number from 1 to 100, got "101"'],
    [['--drift', '0'], '--drift must be a number from 1 to 100, got "0"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('refuses an unknown option', () => {
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/bogus/);
  });
});
