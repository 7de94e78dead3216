import pThrottle from 'p-throttle';
import { QUOTA_RATES, type QuotaPool } from '../aws-model/quota-pools.js';

/**
 * Calls leave the pacer evenly spaced but reach AWS with varying latency, so two calls exactly one
 * interval apart can arrive closer. A bucket of several tokens absorbs that; the one token of a
 * 1/s pool cannot, so in such pools the gate spaces calls this much wider than the rate.
 */
export const LATENCY_MARGIN = 0.05;

/**
 * Spaces calls per quota pool so the controller uses at most `share` of each AWS quota and leaves
 * the rest to every other tool in the account. Calls are spaced evenly (no bursts), because the
 * Lambda control plane's buckets are small (1 a second for capacity-provider writes).
 */
export class Pacer {
  private readonly gates = new Map<QuotaPool, () => Promise<void>>();
  private readonly waiting = new Map<QuotaPool, number>();

  /**
   * @param share fraction of each quota this controller may use, in (0, 1].
   * @param rates requests per second per pool; the AWS quotas unless a test passes others.
   */
  constructor(
    readonly share: number,
    private readonly rates: Record<QuotaPool, number> = QUOTA_RATES,
  ) {
    if (!(share > 0 && share <= 1))
      throw new RangeError(`api budget must be in (0, 1], got ${share}`);
  }

  /** The request rate this pacer allows in `pool`, in calls per second. */
  rateOf(pool: QuotaPool): number {
    return this.rates[pool] * this.share;
  }

  /** Calls queued behind the gate of `pool` right now. */
  queued(pool: QuotaPool): number {
    return this.waiting.get(pool) ?? 0;
  }

  /** Resolves when a call in `pool` may go out. Never rejects. */
  async acquire(pool: QuotaPool): Promise<void> {
    this.waiting.set(pool, this.queued(pool) + 1);
    try {
      await this.gateOf(pool)();
    } finally {
      this.waiting.set(pool, this.queued(pool) - 1);
    }
  }

  private gateOf(pool: QuotaPool): () => Promise<void> {
    let gate = this.gates.get(pool);
    if (!gate) {
      const margin = this.rates[pool] < 2 ? LATENCY_MARGIN : 0;
      const interval = Math.ceil((1000 / this.rateOf(pool)) * (1 + margin));
      gate = pThrottle({ limit: 1, interval, strict: true })(async () => {});
      this.gates.set(pool, gate);
    }
    return gate;
  }
}
