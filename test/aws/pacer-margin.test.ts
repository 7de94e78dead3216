import { describe, expect, it } from 'vitest';
import { LATENCY_MARGIN, Pacer } from '../../src/aws/pacer.js';
import { QUOTA_RATES } from '../../src/aws-model/quota-pools.js';

describe('Pacer latency margin', () => {
  it('spaces calls in a 1/s pool wider than one second, so latency jitter cannot overrun it', async () => {
    const pacer = new Pacer(1, { ...QUOTA_RATES, 'capacity-provider-write': 1 });
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) await pacer.acquire('capacity-provider-write');
    // Two gaps of at least 1000 ms plus the margin; a slow machine only adds time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2000 * (1 + LATENCY_MARGIN) - 5);
  });
});
