import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { pending, planAndApply, planNow, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml, SEED, type FunctionOptions } from './manifests.js';

describe('publishing on apply', () => {
  const fixture = useHarnessWithFolder();
  const calls = (operation: string) => fixture.harness.sandbox.stats().calls[operation] ?? 0;

  /** Writes the provider and one function `name`, then plans and applies; returns the writes. */
  async function applyFunction(name: string, options: FunctionOptions): Promise<number> {
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'fn.yaml': functionYaml(name, options),
    });
    const { result } = await planAndApply([fixture.folder.root], fixture.clients());
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    return result.writes;
  }

  async function numberedVersions(name: string): Promise<string[]> {
    const lambda = fixture.clients().lambda;
    const listed = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
    return (listed.Versions ?? [])
      .map((v) => v.Version ?? '')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(a) - Number(b));
  }

  const published = (name: string) => {
    const lambda = fixture.clients().lambda;
    return lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '$LATEST.PUBLISHED' }),
    );
  };

  beforeEach(() => fixture.harness.sandbox.reset());

  it('LatestPublished publishes for configuration and code changes, never for tags alone', async () => {
    await applyFunction('api', { memorySize: 2048 });
    const first = await published('api');
    expect(first.MemorySize).toBe(2048);

    const publishesBefore = calls('PublishVersion');
    const codeUpdatesBefore = calls('UpdateFunctionCode');
    await applyFunction('api', { memorySize: 2048, tags: { team: 'payments' } });
    expect(calls('PublishVersion')).toBe(publishesBefore);
    expect(calls('UpdateFunctionCode')).toBe(codeUpdatesBefore);
    expect((await published('api')).RevisionId).toBe(first.RevisionId);

    await applyFunction('api', { memorySize: 4096, tags: { team: 'payments' } });
    expect(calls('PublishVersion')).toBe(publishesBefore + 1);
    expect((await published('api')).MemorySize).toBe(4096);

    await applyFunction('api', { memorySize: 4096, tags: { team: 'payments' }, code: 'new' });
    expect(calls('UpdateFunctionCode')).toBe(codeUpdatesBefore + 1);
    expect(calls('PublishVersion')).toBe(publishesBefore + 1);
    expect((await published('api')).CodeSha256).toBe(SEED.code.new.sha256);

    const writes = await applyFunction('api', {
      memorySize: 4096,
      tags: { team: 'payments' },
      code: 'new',
    });
    expect(writes).toBe(0);
    expect(calls('PublishVersion')).toBe(publishesBefore + 1);
  });

  it('Versions makes exactly one numbered version per changed apply, none otherwise', async () => {
    const versions = (memorySize: number, tags?: Record<string, string>): FunctionOptions => ({
      publish: 'Versions',
      memorySize,
      ...(tags ? { tags } : {}),
    });
    await applyFunction('worker', versions(2048));
    expect(await numberedVersions('worker')).toEqual(['1']);

    await applyFunction('worker', versions(4096));
    expect(await numberedVersions('worker')).toEqual(['1', '2']);

    await applyFunction('worker', versions(4096, { team: 'data' }));
    expect(await numberedVersions('worker')).toEqual(['1', '2']);

    const publishesBefore = calls('PublishVersion');
    expect(await applyFunction('worker', versions(4096, { team: 'data' }))).toBe(0);
    expect(calls('PublishVersion')).toBe(publishesBefore);
    expect(await numberedVersions('worker')).toEqual(['1', '2']);
  });

  it('prunes versions past versionRetention but never one an alias points at', async () => {
    const retained = (memorySize: number): FunctionOptions => ({
      publish: 'Versions',
      memorySize,
      versionRetention: 2,
      aliases: { stable: 1, live: 'Latest' },
    });
    for (const memorySize of [2048, 4096, 6144, 8192]) {
      await applyFunction('ledger', retained(memorySize));
    }

    expect(await numberedVersions('ledger')).toEqual(['1', '3', '4']);
    const lambda = fixture.clients().lambda;
    const stable = await lambda.send(
      new GetAliasCommand({ FunctionName: 'ledger', Name: 'stable' }),
    );
    const live = await lambda.send(new GetAliasCommand({ FunctionName: 'ledger', Name: 'live' }));
    expect(stable.FunctionVersion).toBe('1');
    expect(live.FunctionVersion).toBe('4');
    expect(pending((await planNow([fixture.folder.root], fixture.clients())).plan)).toEqual([]);
  });
});
