import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResourceOutcome } from '../../src/apply/types.js';
import type { PassResult } from '../../src/controller/pass.js';
import { ConditionBook, type ResourceStatus } from '../../src/daemon/conditions.js';
import type { Hold } from '../../src/daemon/hold-book.js';
import type { ManifestSnapshot } from '../../src/daemon/revision.js';
import type { Change } from '../../src/plan/types.js';
import { changeOf, outcomeOf, planOf, resultOf } from './fakes.js';

interface Pass {
  changes: Change[];
  outcomes?: ResourceOutcome[];
  desired?: string;
  fileHash?: string;
  mode?: 'apply' | 'observe';
  held?: Record<string, string>;
  hold?: Hold;
  blocked?: boolean;
}

let clock = 0;

/** Feeds a pass to the book at a new time and returns the drift it reported. */
function observe(book: ConditionBook, pass: Pass): ResourceStatus[] {
  clock += 1000;
  const result: PassResult = resultOf({
    plan: planOf(pass.changes, pass.desired ?? 'd1'),
    blocked: pass.blocked ?? false,
    ...(pass.outcomes ? { apply: { outcomes: pass.outcomes, writes: 0, interrupted: false } } : {}),
  });
  const snapshot: ManifestSnapshot = {
    revision: 'r',
    fileHashes: new Map([[resolve('manifests/orders.yaml'), pass.fileHash ?? 'h1']]),
  };
  return book.observe({
    result,
    mode: pass.mode ?? 'apply',
    snapshot,
    heldThisPass: new Map(Object.entries(pass.held ?? {})),
    holdOf: () => pass.hold,
    at: new Date(clock).toISOString(),
  });
}

function conditions(book: ConditionBook): Record<string, string> {
  const resource = book.list()[0];
  return Object.fromEntries(
    (resource?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]),
  );
}

function condition(book: ConditionBook, type: string) {
  return book.list()[0]?.conditions.find((c) => c.type === type);
}

const inSync = changeOf('Function', 'orders', 'noop');
const update = changeOf('Function', 'orders', 'update', {
  differences: [{ path: 'memorySize', live: 2048, desired: 4096 }],
});

describe('ConditionBook', () => {
  it('marks an in-sync resource Ready, Synced, not Drifted, not Stalled', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    expect(conditions(book)).toEqual({
      Ready: 'True/InSync',
      Synced: 'True/NothingToDo',
      Drifted: 'False/InSync',
      Stalled: 'False/NotHeld',
    });
  });

  it('keeps lastTransitionTime while a status stays, and moves it when the status changes', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    const first = condition(book, 'Ready')?.lastTransitionTime;
    observe(book, { changes: [inSync] });
    expect(condition(book, 'Ready')?.lastTransitionTime).toBe(first);

    observe(book, { changes: [update], desired: 'd2', fileHash: 'h2', mode: 'observe' });
    expect(condition(book, 'Ready')?.status).toBe('False');
    expect(condition(book, 'Ready')?.lastTransitionTime).not.toBe(first);
  });

  it('reports drift when live moves under an unchanged manifest, and keeps it in observe mode', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync], mode: 'observe' });

    const drifted = observe(book, { changes: [update], mode: 'observe' });
    expect(drifted.map((r) => r.name)).toEqual(['orders']);
    expect(conditions(book)).toMatchObject({
      Drifted: 'True/LiveChanged',
      Synced: 'False/ObserveOnly',
    });

    const again = observe(book, { changes: [update], mode: 'observe' });
    expect(again).toEqual([]);
    expect(conditions(book)).toMatchObject({ Drifted: 'True/LiveChanged' });
  });

  it('reports drift corrected when apply mode puts live back in the same pass', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    const drifted = observe(book, { changes: [update], outcomes: [outcomeOf(update, 'applied')] });

    expect(drifted).toHaveLength(1);
    expect(conditions(book)).toMatchObject({
      Ready: 'True/Applied',
      Synced: 'True/Applied',
      Drifted: 'False/Corrected',
    });
  });

  it('does not call a change drift when the manifest changed', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    const drifted = observe(book, {
      changes: [update],
      desired: 'd2',
      fileHash: 'h2',
      outcomes: [outcomeOf(update, 'applied')],
    });
    expect(drifted).toEqual([]);
    expect(conditions(book)).toMatchObject({ Drifted: 'False/ManifestApplied' });
  });

  it('treats its own manifest file unchanged as drift even when other manifests changed', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    expect(observe(book, { changes: [update], desired: 'd2', mode: 'observe' })).toHaveLength(1);
  });

  it('cannot tell drift from a manifest change on the first pass', () => {
    const book = new ConditionBook();
    observe(book, { changes: [update], mode: 'observe' });
    expect(conditions(book)).toMatchObject({ Drifted: 'Unknown/NoBaseline' });
  });

  it.each<[string, Pass, Record<string, string>]>([
    [
      'a retryable failure',
      {
        changes: [update],
        outcomes: [
          outcomeOf(update, 'failed', { errorClass: 'server', retryable: true, message: 'boom' }),
        ],
        hold: { kind: 'backoff', failures: 1, errorClass: 'server', message: 'boom', retryAt: 0 },
      },
      { Synced: 'False/ApplyFailed', Stalled: 'True/BackingOff' },
    ],
    [
      'a terminal failure',
      {
        changes: [update],
        outcomes: [
          outcomeOf(update, 'failed', { errorClass: 'validation', retryable: false, message: 'x' }),
        ],
        hold: { kind: 'terminal', failures: 1, errorClass: 'validation', message: 'x' },
      },
      { Ready: 'False/ApplyFailed', Stalled: 'True/TerminalFailure' },
    ],
    [
      'a held resource',
      {
        changes: [update],
        held: { 'Function/orders': 'backing off' },
        hold: { kind: 'backoff', failures: 2, errorClass: 'server', message: 'boom', retryAt: 0 },
      },
      { Synced: 'False/Held', Stalled: 'True/BackingOff' },
    ],
    [
      'a suspended change',
      { changes: [{ ...update, suspended: true }] },
      { Synced: 'False/Suspended', Stalled: 'False/NotHeld' },
    ],
    [
      'a blocked plan',
      { changes: [update], blocked: true },
      { Synced: 'False/GuardrailBlocked', Stalled: 'True/GuardrailBlocked' },
    ],
  ])('shows %s', (_name, pass, expected) => {
    const book = new ConditionBook();
    observe(book, pass);
    expect(conditions(book)).toMatchObject(expected);
  });

  it('drops resources the plan no longer lists and ignores passes without a plan', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync] });
    book.observe({
      result: resultOf({ error: { errorClass: 'network', message: 'down' } }),
      mode: 'apply',
      snapshot: { revision: 'r', fileHashes: new Map() },
      heldThisPass: new Map(),
      holdOf: () => undefined,
      at: new Date().toISOString(),
    });
    expect(book.list()).toHaveLength(1);

    observe(book, { changes: [] });
    expect(book.list()).toEqual([]);
  });

  it('counts resources per condition and status for the gauge', () => {
    const book = new ConditionBook();
    observe(book, { changes: [inSync, changeOf('CapacityProvider', 'steady', 'noop')] });
    const ready = book.counts().find((c) => c.condition === 'Ready' && c.status === 'True');
    expect(ready?.count).toBe(2);
  });
});
