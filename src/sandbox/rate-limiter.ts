import { QUOTA_POOLS, QUOTA_RATES, type QuotaPool } from '../aws-model/quota-pools.js';

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Token buckets per quota pool: each refills at the pool's rate times `scale` per second, holds
 * at most one second's worth (burst equal to the rate), and starts full.
 */
export class RateLimiter {
  private readonly buckets = new Map<QuotaPool, Bucket>();

  constructor(
    private readonly scale: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  private rateOf(pool: QuotaPool): number {
    return QUOTA_RATES[pool] * this.scale;
  }

  /**
   * Takes one token from the pool. Returns 0 when the call may proceed, else the whole seconds
   * (at least 1) after which a token will be there, for the Retry-After header.
   */
  take(pool: QuotaPool): number {
    const rate = this.rateOf(pool);
    const capacity = Math.max(1, rate);
    const now = this.clock();
    const bucket = this.buckets.get(pool) ?? { tokens: capacity, refilledAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.refilledAt) / 1000) * rate);
    bucket.refilledAt = now;
    this.buckets.set(pool, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }

  /** Refills every bucket (used by reset). */
  refill(): void {
    for (const pool of QUOTA_POOLS) this.buckets.delete(pool);
  }
}
