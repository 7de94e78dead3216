import { describe, expect, it } from 'vitest';
import { DetailCache, meanEntryLifetimeMs } from '../../src/kinds/detail-cache.js';

describe('DetailCache', () => {
  it('serves an entry while the version is unchanged and its time is not up', () => {
    let now = 0;
    const cache = new DetailCache<string>(
      1000,
      () => now,
      () => 0,
    );
    cache.set('a', 'r1', 'tags');
    expect(cache.get('a', 'r1')).toBe('tags');
    expect(cache.get('a', 'r2')).toBeUndefined();
    now = 499;
    expect(cache.get('a', 'r1')).toBe('tags');
    now = 500;
    expect(cache.get('a', 'r1')).toBeUndefined();
  });

  it('spreads lifetimes between half and all of the deep interval', () => {
    let now = 0;
    const cache = new DetailCache<string>(
      1000,
      () => now,
      () => 0.999,
    );
    cache.set('a', 'r1', 'x');
    now = 990;
    expect(cache.get('a', 'r1')).toBe('x');
  });

  it('states the mean lifetime as the middle of that spread', () => {
    expect(meanEntryLifetimeMs(1000)).toBe(750);
  });

  it('caches nothing when the deep interval is zero', () => {
    const cache = new DetailCache<string>(0);
    cache.set('a', 'r1', 'x');
    expect(cache.get('a', 'r1')).toBeUndefined();
  });

  it('forgets resources that are no longer live', () => {
    const cache = new DetailCache<string>(
      1000,
      () => 0,
      () => 0,
    );
    cache.set('a', 'r1', 'x');
    cache.set('b', 'r1', 'y');
    cache.retainOnly(['b']);
    expect(cache.get('a', 'r1')).toBeUndefined();
    expect(cache.get('b', 'r1')).toBe('y');
  });
});
