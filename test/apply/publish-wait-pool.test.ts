import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesCopy, planAndApply, startHarness, type Harness } from './harness.js';

describe('waiting for a published version', () => {
  let harness: Harness;
  let folder: string;
  beforeAll(async () => {
    harness = await startHarness();
    folder = examplesCopy();
  });
  afterAll(async () => {
    await harness.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('polls GetFunction (own 100/s pool), never GetFunctionConfiguration (shared pool)', async () => {
    const { result } = await planAndApply([folder], harness.clients);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);

    const calls = harness.sandbox.stats().calls;
    expect(calls.PublishVersion ?? 0).toBeGreaterThan(0);
    expect(calls.GetFunctionConfiguration ?? 0).toBe(0);
  });
});
