import { describe, expect, it } from 'vitest';
import { scheduleChanges } from '../../src/apply/order.js';
import { publishDue } from '../../src/apply/publish-rule.js';
import type { Action, Change, ResourceKind } from '../../src/plan/types.js';

function change(
  kind: ResourceKind,
  name: string,
  action: Action,
  extra: Partial<Change> = {},
): Change {
  return { kind, name, action, differences: [], ...extra };
}

const names = (changes: Change[]) => changes.map((c) => `${c.name}:${c.action}`);

describe('scheduleChanges', () => {
  const liveProviders: Record<string, string> = { api: 'old', worker: 'steady', gone: 'old' };
  const schedule = scheduleChanges(
    [
      change('Function', 'api', 'replace'),
      change('Function', 'worker', 'update'),
      change('Function', 'gone', 'delete'),
      change('Function', 'loose', 'delete'),
      change('CapacityProvider', 'old', 'replace', { cascade: ['api', 'gone'] }),
      change('CapacityProvider', 'steady', 'update'),
      change('CapacityProvider', 'spare', 'delete'),
      change('CapacityProvider', 'fresh', 'create'),
      change('Function', 'quiet', 'noop'),
      change('Function', 'held', 'update', { suspended: true }),
    ],
    (name) => liveProviders[name],
  );

  it('brings providers up before any function uses them', () => {
    expect(names(schedule.providers)).toEqual(['steady:update', 'fresh:create']);
  });

  it('moves functions off a replaced provider before it is deleted', () => {
    expect(names(schedule.evictions)).toEqual(['api:replace', 'gone:delete']);
    expect(names(schedule.providerReplaces)).toEqual(['old:replace']);
  });

  it('creates replaced functions again after their provider, and deletes the rest later', () => {
    expect(names(schedule.functions)).toEqual(['api:replace', 'worker:update']);
    expect(names(schedule.functionDeletes)).toEqual(['loose:delete']);
    expect(names(schedule.providerDeletes)).toEqual(['spare:delete']);
  });

  it('never applies noop or suspended changes', () => {
    expect(names(schedule.passive)).toEqual(['quiet:noop', 'held:update']);
  });

  it('keeps a retained provider delete from evicting its functions', () => {
    const retained = scheduleChanges(
      [
        change('CapacityProvider', 'old', 'delete', { retain: true }),
        change('Function', 'api', 'delete'),
      ],
      () => 'old',
    );
    expect(retained.evictions).toEqual([]);
    expect(names(retained.functionDeletes)).toEqual(['api:delete']);
  });
});

describe('publishDue', () => {
  it.each([
    ['create', [], true],
    ['replace', [], true],
    ['update', ['memorySize', 'publishedVersion'], true],
    ['update', ['code.sha256', 'publishedVersion'], true],
    ['update', ['publishedVersion'], true],
    // Drift repaired on $LATEST while the published version already matches the manifest.
    ['update', ['memorySize'], false],
    ['update', ['environment.variables.STAGE'], false],
    ['adopt', ['tags.lmi:managed-by'], false],
    ['update', ['tags.team', 'aliases.live', 'scalingConfig.maxExecutionEnvironments'], false],
    ['update', ['versions.prunable'], false],
    ['noop', [], false],
  ] as const)('%s with %j publishes: %s', (action, paths, expected) => {
    expect(publishDue({ action, differences: paths.map((path) => ({ path })) })).toBe(expected);
  });
});
