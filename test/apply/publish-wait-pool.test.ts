import { describe, expect, it } from 'vitest';
import { planAndApply, useHarnessWithExamples } from './harness.js';

describe('waiting for a published version', () => {
  const fixture = useHarnessWithExamples();

  it('polls GetFunction (own 100/s pool), never GetFunctionConfiguration (shared pool)', async () => {
    const { result } = await planAndApply([fixture.folder], fixture.harness.clients);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);

    const calls = fixture.harness.sandbox.stats().calls;
    expect(calls.PublishVersion ?? 0).toBeGreaterThan(0);
    expect(calls.GetFunctionConfiguration ?? 0).toBe(0);
  });
});
