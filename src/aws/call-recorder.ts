import type { QuotaPool } from '../aws-model/quota-pools.js';

/** One AWS call as the controller saw it, after it finished. */
export interface CallRecord {
  service: 'lambda' | 'ec2';
  operation: string;
  pool: QuotaPool;
  durationMs: number;
  /** The AWS error name when the call failed. */
  error?: string;
  throttled: boolean;
}

/**
 * Counts every AWS call the controller makes, per operation and per quota pool, and tells
 * listeners (metrics, logs) about each. Counting happens per attempt, so SDK retries show.
 */
export class CallRecorder {
  private readonly byOperation = new Map<string, number>();
  private readonly byPool = new Map<QuotaPool, number>();
  private throttledCount = 0;
  private readonly listeners: ((call: CallRecord) => void)[] = [];

  /** Adds a listener called after every call; it must not throw. */
  onCall(listener: (call: CallRecord) => void): void {
    this.listeners.push(listener);
  }

  record(call: CallRecord): void {
    this.byOperation.set(call.operation, (this.byOperation.get(call.operation) ?? 0) + 1);
    this.byPool.set(call.pool, (this.byPool.get(call.pool) ?? 0) + 1);
    if (call.throttled) this.throttledCount += 1;
    for (const listener of this.listeners) listener(call);
  }

  /** Counts so far: per operation, per pool, and throttled answers. */
  snapshot(): {
    operations: Record<string, number>;
    pools: Record<string, number>;
    throttled: number;
  } {
    return {
      operations: Object.fromEntries(this.byOperation),
      pools: Object.fromEntries(this.byPool),
      throttled: this.throttledCount,
    };
  }

  /** Calls made in one pool so far. */
  callsIn(pool: QuotaPool): number {
    return this.byPool.get(pool) ?? 0;
  }
}
