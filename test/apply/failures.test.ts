import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { renderApplySummary } from '../../src/apply/summary.js';
import { pending, planAndApply, planNow, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml } from './manifests.js';

const UNKNOWN_ROLE = 'arn:aws:iam::123456789012:role/not-in-this-account';

describe('a terminal failure during apply', () => {
  const fixture = useHarnessWithFolder();

  it('stops that resource at once with a hint while independent ones converge', async () => {
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api'),
      'rogue.yaml': functionYaml('rogue', { role: UNKNOWN_ROLE }),
      'loner.yaml': functionYaml('loner', { provider: null }),
    });

    const { result } = await planAndApply([fixture.folder.root], fixture.clients());

    const statuses = result.outcomes.map((o) => `${o.name} ${o.status}`).sort();
    expect(statuses).toEqual(['api applied', 'loner applied', 'rogue failed', 'steady applied']);
    const rogue = result.outcomes.find((o) => o.name === 'rogue');
    expect(rogue?.error).toMatchObject({ errorClass: 'validation', retryable: false });
    expect(rogue?.error?.message).toContain('cannot be assumed');
    expect(rogue?.error?.hint).toBeTruthy();
    // One attempt for rogue, one for api, one for loner: a terminal error is never retried.
    expect(fixture.harness.sandbox.stats().calls.CreateFunction).toBe(3);
    await expect(
      fixture.clients().lambda.send(new GetFunctionCommand({ FunctionName: 'rogue' })),
    ).rejects.toThrow(/not found/i);

    const summary = renderApplySummary(result);
    expect(summary).toMatch(/^failed {4}Function rogue \(create\): .*cannot be assumed/m);
    expect(summary).toContain(`what to do: ${rogue?.error?.hint ?? ''}`);
    expect(summary).toMatch(/Apply: 3 applied, 0 unchanged, 1 failed, 0 skipped/);
    expect(pending((await planNow([fixture.folder.root], fixture.clients())).plan)).toEqual([
      'Function/rogue create',
    ]);
  });
});
