import type { ResourceOutcome } from '../apply/types.js';
import { snapshotKey, type ManifestSnapshot } from './revision.js';

/** Why a resource is held back from the next passes. */
export type HoldKind = 'backoff' | 'terminal';

/** One held resource, as /status and the Stalled condition show it. */
export interface Hold {
  kind: HoldKind;
  /** Failures in a row. */
  failures: number;
  /** The last failure's error class and message. */
  errorClass: string;
  message: string;
  /** For backoff: epoch milliseconds after which the resource is tried again. */
  retryAt?: number;
  /** For terminal: the manifest file and revision whose change lifts the hold. */
  file?: string;
  fileHash?: string;
  revision?: string;
}

/** Backoff timing; defaults are 30 seconds doubling up to 15 minutes. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 15 * 60_000 };

/**
 * Remembers failed resources and answers the pass runner's `hold` question. A retryable failure
 * holds the resource for an exponentially growing, capped delay; a terminal failure holds it
 * until its manifest file's content or the manifest revision changes. A success or an in-sync
 * plan entry clears the hold. It never holds a resource that has not failed.
 */
export class HoldBook {
  private readonly holds = new Map<string, Hold>();
  private snapshot: ManifestSnapshot = { revision: '', fileHashes: new Map() };

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts a pass with the manifests as they stand before it: terminal holds whose manifest file
   * or revision moved are lifted here.
   */
  beginPass(snapshot: ManifestSnapshot): void {
    this.snapshot = snapshot;
    for (const [key, hold] of this.holds) {
      if (hold.kind === 'terminal' && this.manifestMoved(hold)) this.holds.delete(key);
    }
  }

  /** The `PassOptions.hold` answer: a reason to hold `kind/name` back, or undefined. */
  reasonToHold(kind: string, name: string): string | undefined {
    const hold = this.holds.get(keyOf(kind, name));
    if (!hold) return undefined;
    if (hold.kind === 'terminal') {
      return `failed terminally (${hold.errorClass}); waiting for its manifest to change`;
    }
    const retryAt = hold.retryAt ?? 0;
    if (this.now() >= retryAt) return undefined;
    return `backing off after ${hold.failures} failure(s) until ${new Date(retryAt).toISOString()}`;
  }

  /**
   * Records how a pass's apply ended for each resource; `sourceFileOf` gives the manifest file
   * declaring a resource (by `Kind/name`), which a terminal hold then watches.
   */
  recordOutcomes(
    outcomes: readonly ResourceOutcome[],
    sourceFileOf: (key: string) => string | undefined,
  ): void {
    for (const outcome of outcomes) {
      const key = keyOf(outcome.kind, outcome.name);
      if (outcome.status === 'applied' || outcome.status === 'unchanged') this.holds.delete(key);
      if (outcome.status === 'failed') this.recordFailure(key, outcome, sourceFileOf(key));
    }
  }

  /** Forgets a resource the plan found in sync (nothing left to retry). */
  clear(kind: string, name: string): void {
    this.holds.delete(keyOf(kind, name));
  }

  /** The hold on a resource, if any. */
  get(kind: string, name: string): Hold | undefined {
    return this.holds.get(keyOf(kind, name));
  }

  private recordFailure(key: string, outcome: ResourceOutcome, file: string | undefined): void {
    const failures = (this.holds.get(key)?.failures ?? 0) + 1;
    const errorClass = outcome.error?.errorClass ?? 'unknown';
    const message = outcome.error?.message ?? 'failed';
    if (outcome.error?.retryable ?? true) {
      const delay = Math.min(this.policy.baseMs * 2 ** (failures - 1), this.policy.capMs);
      this.holds.set(key, {
        kind: 'backoff',
        failures,
        errorClass,
        message,
        retryAt: this.now() + delay,
      });
      return;
    }
    this.holds.set(key, {
      kind: 'terminal',
      failures,
      errorClass,
      message,
      revision: this.snapshot.revision,
      ...(file === undefined ? {} : { file, fileHash: this.hashOf(file) }),
    });
  }

  private manifestMoved(hold: Hold): boolean {
    if (hold.revision !== this.snapshot.revision) return true;
    if (hold.file === undefined) return false;
    return this.hashOf(hold.file) !== hold.fileHash;
  }

  private hashOf(file: string): string {
    return this.snapshot.fileHashes.get(snapshotKey(file)) ?? 'absent';
  }
}

/** The key of a resource in the daemon's books: `Kind/name`. */
export function keyOf(kind: string, name: string): string {
  return `${kind}/${name}`;
}
