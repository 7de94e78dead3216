import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HoldBook } from '../../src/daemon/hold-book.js';
import type { ManifestSnapshot } from '../../src/daemon/revision.js';
import { changeOf, outcomeOf } from './fakes.js';

const fn = changeOf('Function', 'orders', 'update');
const file = 'manifests/orders.yaml';
const retryable = { errorClass: 'throttling' as const, retryable: true, message: 'slow down' };
const terminal = { errorClass: 'validation' as const, retryable: false, message: 'bad memory' };

function snapshot(revision: string, hash: string): ManifestSnapshot {
  return { revision, fileHashes: new Map([[resolve(file), hash]]) };
}

function bookAt(clock: { now: number }): HoldBook {
  return new HoldBook({ baseMs: 1000, capMs: 5000 }, () => clock.now);
}

describe('HoldBook', () => {
  it('holds a retryably failed resource for a doubling delay, capped', () => {
    const clock = { now: 0 };
    const book = bookAt(clock);
    book.beginPass(snapshot('r1', 'h1'));
    const delays: number[] = [];
    for (let failure = 0; failure < 5; failure += 1) {
      book.recordOutcomes([outcomeOf(fn, 'failed', retryable)], () => file);
      delays.push((book.get('Function', 'orders')?.retryAt ?? 0) - clock.now);
      clock.now = book.get('Function', 'orders')?.retryAt ?? 0;
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('lets a backing-off resource through once its delay has passed', () => {
    const clock = { now: 0 };
    const book = bookAt(clock);
    book.beginPass(snapshot('r1', 'h1'));
    book.recordOutcomes([outcomeOf(fn, 'failed', retryable)], () => file);

    expect(book.reasonToHold('Function', 'orders')).toMatch(/backing off after 1 failure/);
    clock.now = 1000;
    expect(book.reasonToHold('Function', 'orders')).toBeUndefined();
  });

  it('never holds a resource that has not failed', () => {
    const book = bookAt({ now: 0 });
    expect(book.reasonToHold('Function', 'orders')).toBeUndefined();
  });

  it('clears the hold when the resource is later applied', () => {
    const book = bookAt({ now: 0 });
    book.recordOutcomes([outcomeOf(fn, 'failed', retryable)], () => file);
    book.recordOutcomes([outcomeOf(fn, 'applied')], () => file);
    expect(book.get('Function', 'orders')).toBeUndefined();
  });

  it('holds a terminal failure however much time passes, until its manifest file changes', () => {
    const clock = { now: 0 };
    const book = bookAt(clock);
    book.beginPass(snapshot('r1', 'h1'));
    book.recordOutcomes([outcomeOf(fn, 'failed', terminal)], () => file);

    clock.now = 10 ** 9;
    book.beginPass(snapshot('r1', 'h1'));
    expect(book.reasonToHold('Function', 'orders')).toMatch(/waiting for its manifest to change/);

    book.beginPass(snapshot('r1', 'h2'));
    expect(book.reasonToHold('Function', 'orders')).toBeUndefined();
  });

  it('lifts a terminal hold when the manifest revision changes', () => {
    const book = bookAt({ now: 0 });
    book.beginPass(snapshot('r1', 'h1'));
    book.recordOutcomes([outcomeOf(fn, 'failed', terminal)], () => file);

    book.beginPass(snapshot('r2', 'h1'));
    expect(book.reasonToHold('Function', 'orders')).toBeUndefined();
  });

  it('keeps holds of other resources when one resource fails', () => {
    const book = bookAt({ now: 0 });
    const other = changeOf('CapacityProvider', 'steady', 'update');
    book.recordOutcomes(
      [outcomeOf(fn, 'failed', retryable), outcomeOf(other, 'applied')],
      () => file,
    );
    expect(book.reasonToHold('CapacityProvider', 'steady')).toBeUndefined();
    expect(book.reasonToHold('Function', 'orders')).toBeDefined();
  });
});
