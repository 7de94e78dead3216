import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  examplesCopy,
  freshClients,
  pending,
  planAndApply,
  planNow,
  startHarness,
  type Harness,
} from './harness.js';

describe('applying the examples against the sandbox', () => {
  let harness: Harness;
  let examples: string;
  beforeAll(async () => {
    harness = await startHarness();
    examples = examplesCopy();
  });
  afterAll(async () => {
    rmSync(examples, { recursive: true, force: true });
    await harness.close();
  });
  beforeEach(() => harness.sandbox.reset());

  it('converges from empty, and a second apply makes zero writes', async () => {
    const first = await planAndApply([examples], freshClients(harness.sandbox));
    expect(first.result.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);

    const again = await planNow([examples], freshClients(harness.sandbox));
    expect(pending(again.plan)).toEqual([]);
    const writesBefore = harness.sandbox.stats().writes;
    const second = await planAndApply([examples], freshClients(harness.sandbox));
    expect(second.result.writes).toBe(0);
    expect(second.result.outcomes.every((o) => o.status === 'unchanged')).toBe(true);
    expect(harness.sandbox.stats().writes).toBe(writesBefore);
  });

  it('makes no throttled call and no write while a function update is in progress', async () => {
    await planAndApply([examples], freshClients(harness.sandbox));
    const stats = harness.sandbox.stats();
    expect(stats.writes).toBeGreaterThan(10);
    expect(stats.throttled).toBe(0);
    expect(stats.writesDuringUpdate).toBe(0);
  });
});
