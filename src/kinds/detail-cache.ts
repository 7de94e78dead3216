/** The shortest lifetime of an entry, as a share of the deep interval; the longest is all of it. */
const SHORTEST_LIFETIME = 0.5;

/** How long an entry lives on average: lifetimes are spread evenly over their range. */
export function meanEntryLifetimeMs(deepIntervalMs: number): number {
  return (deepIntervalMs * (1 + SHORTEST_LIFETIME)) / 2;
}

/**
 * Remembers per-resource reads between passes of a long-running controller. An entry is used only
 * while the resource's version (RevisionId or LastModified, from the bulk list) is unchanged and
 * its time is not up. Each entry's lifetime is drawn between half and all of the deep interval, so
 * re-reads spread over passes instead of arriving in one burst that would eat the API budget.
 */
export class DetailCache<T> {
  private readonly entries = new Map<string, { version: string; expiresAt: number; value: T }>();

  /**
   * @param deepIntervalMs longest an entry lives; 0 disables caching (every read is fresh).
   * @param now clock in epoch milliseconds; tests pass their own.
   * @param random source of spread in [0, 1); tests pass a fixed one.
   */
  constructor(
    private readonly deepIntervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** The cached value when it is still valid for `version`; undefined otherwise. */
  get(key: string, version: string | undefined): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || version === undefined || entry.version !== version) return undefined;
    if (this.now() >= entry.expiresAt) return undefined;
    return entry.value;
  }

  /** Stores a fresh read. Does nothing when caching is disabled or the version is unknown. */
  set(key: string, version: string | undefined, value: T): void {
    if (this.deepIntervalMs <= 0 || version === undefined) return;
    const spread = SHORTEST_LIFETIME + (1 - SHORTEST_LIFETIME) * this.random();
    const lifetime = this.deepIntervalMs * spread;
    this.entries.set(key, { version, expiresAt: this.now() + lifetime, value });
  }

  /** Forgets one resource, after the controller itself changed it. */
  invalidate(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every entry whose key starts with `prefix` (one resource under several read plans). */
  invalidatePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Keeps only the keys in `live`, so deleted resources do not pile up. */
  retainOnly(live: Iterable<string>): void {
    const keep = new Set(live);
    for (const key of this.entries.keys()) if (!keep.has(key)) this.entries.delete(key);
  }
}
