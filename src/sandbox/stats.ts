/** Counters the sandbox keeps, as GET /_sandbox/stats returns them. */
export interface SandboxStats {
  /** Calls received per operation (throttled and failed ones included). */
  calls: Record<string, number>;
  /** Calls received per quota pool. */
  pools: Record<string, number>;
  /** TooManyRequests answers (rate limit and injected). */
  throttled: number;
  throttledByPool: Record<string, number>;
  /** Mutating calls that succeeded. */
  writes: number;
  /** Writes to a function that arrived while its LastUpdateStatus was InProgress (refused). */
  writesDuringUpdate: number;
  faultsInjected: number;
  /** ResourceConflictException answers (real and injected). */
  conflicts: number;
}

/** Zeroed counters. */
export function emptyStats(): SandboxStats {
  return {
    calls: {},
    pools: {},
    throttled: 0,
    throttledByPool: {},
    writes: 0,
    writesDuringUpdate: 0,
    faultsInjected: 0,
    conflicts: 0,
  };
}

/** Adds one to a keyed counter. */
export function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}
