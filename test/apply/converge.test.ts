import { beforeEach, describe, expect, it } from 'vitest';
import { pending, planAndApply, planNow, useHarnessWithExamples } from './harness.js';

describe('applying the examples against the sandbox', () => {
  const fixture = useHarnessWithExamples();
  beforeEach(() => fixture.harness.sandbox.reset());

  it('converges from empty, and a second apply makes zero writes', async () => {
    const first = await planAndApply([fixture.folder], fixture.clients());
    expect(first.result.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);

    const again = await planNow([fixture.folder], fixture.clients());
    expect(pending(again.plan)).toEqual([]);
    const writesBefore = fixture.harness.sandbox.stats().writes;
    const second = await planAndApply([fixture.folder], fixture.clients());
    expect(second.result.writes).toBe(0);
    expect(second.result.outcomes.every((o) => o.status === 'unchanged')).toBe(true);
    expect(fixture.harness.sandbox.stats().writes).toBe(writesBefore);
  });

  it('makes no throttled call and no write while a function update is in progress', async () => {
    await planAndApply([fixture.folder], fixture.clients());
    const stats = fixture.harness.sandbox.stats();
    expect(stats.writes).toBeGreaterThan(10);
    expect(stats.throttled).toBe(0);
    expect(stats.writesDuringUpdate).toBe(0);
  });
});
