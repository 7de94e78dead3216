import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/aws/pacer.js';
import { QUOTA_RATES } from '../../src/aws-model/quota-pools.js';

describe('Pacer', () => {
  it('spaces calls in one pool at the budgeted share of its rate', async () => {
    const pacer = new Pacer(0.5, { ...QUOTA_RATES, lambda: 20 });
    expect(pacer.rateOf('lambda')).toBe(10);
    const started = performance.now();
    for (let i = 0; i < 5; i += 1) await pacer.acquire('lambda');
    // Five calls at 10/s need at least four gaps of 100 ms; a slow machine only adds time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('does not hold one pool back for another', async () => {
    const pacer = new Pacer(1, {
      ...QUOTA_RATES,
      'capacity-provider-write': 1,
      'get-function': 1000,
    });
    await pacer.acquire('capacity-provider-write');
    const started = performance.now();
    await pacer.acquire('get-function');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('refuses a budget outside (0, 1]', () => {
    expect(() => new Pacer(0)).toThrow(/api budget/);
    expect(() => new Pacer(1.5)).toThrow(/api budget/);
  });
});
