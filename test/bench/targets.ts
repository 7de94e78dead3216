import type { BenchResult } from './run-benchmark.js';

/** The fleet the performance targets are stated for. */
export const TARGET_FLEET = { functions: 1000, cpuFunctions: 5000 } as const;

/** The targets of issue 8. */
export const TARGETS = {
  noopSharedCalls: 40,
  noopWallMs: 15_000,
  referenceFactor: 50,
  coldRatio: 1.25,
  // 256 MB as the issue states it, read strictly as decimal megabytes: 244 MiB.
  peakRssMiB: 256e6 / 2 ** 20,
  validateDiffMs: 2000,
} as const;

/**
 * `met` or `MISSED`; `not judged` for a performance target when the fleet is not the size the
 * target is stated for (a small fleet's converge is dominated by provider activation).
 */
export type CheckStatus = 'met' | 'MISSED' | 'not judged';

/** One figure held against its target. */
export interface Check {
  id: CheckId;
  /** The target in words, e.g. `<= 40 shared calls`. */
  target: string;
  measured: number;
  status: CheckStatus;
}

export type CheckId =
  | 'cold-ratio'
  | 'noop-wall'
  | 'noop-shared-calls'
  | 'noop-in-sync'
  | 'drift-repaired'
  | 'reference-factor'
  | 'throttled'
  | 'peak-rss'
  | 'validate-diff';

/**
 * Holds every figure of `result` against its target. Correctness (the no-op pass plans nothing,
 * the drift pass repairs exactly what was changed and leaves nothing, no call is throttled) is
 * judged at any size; performance only at `TARGET_FLEET`. The validate + diff figure is the
 * slowest first run over the fresh processes.
 */
export function checkResult(result: BenchResult): Check[] {
  const atSize = result.options.functions === TARGET_FLEET.functions;
  const atCpuSize = result.validateDiff.functions === TARGET_FLEET.cpuFunctions;
  const { cold, noop, drift, reference, throttled, rss } = result;
  const check = (
    id: CheckId,
    target: string,
    measured: number,
    ok: boolean,
    judged = true,
  ): Check => {
    if (!judged) return { id, target, measured, status: 'not judged' };
    return { id, target, measured, status: ok ? 'met' : 'MISSED' };
  };
  const factor = reference.calls.lambda / Math.max(noop.calls.lambda, Number.MIN_VALUE);
  const slowestCpu = Math.max(...result.validateDiff.runs.map((run) => run.totalCpuMs));
  return [
    check(
      'cold-ratio',
      `<= ${TARGETS.coldRatio}`,
      cold.ratio,
      cold.ratio <= TARGETS.coldRatio,
      atSize,
    ),
    check(
      'noop-wall',
      `<= ${TARGETS.noopWallMs} ms`,
      noop.wallMs,
      noop.wallMs <= TARGETS.noopWallMs,
      atSize,
    ),
    check(
      'noop-shared-calls',
      `<= ${TARGETS.noopSharedCalls} shared calls`,
      noop.calls.lambda,
      noop.calls.lambda <= TARGETS.noopSharedCalls,
      atSize,
    ),
    check('noop-in-sync', '0 changes planned', noop.changes, noop.changes === 0),
    check(
      'drift-repaired',
      `${drift.changedOutOfBand} changes repaired, then none left`,
      drift.changes,
      drift.changes === drift.changedOutOfBand && drift.remainingAfter === 0,
    ),
    check(
      'reference-factor',
      `>= ${TARGETS.referenceFactor} times fewer shared calls`,
      factor,
      factor >= TARGETS.referenceFactor,
      atSize,
    ),
    check(
      'throttled',
      '0 throttled calls',
      throttled.sandbox + throttled.controller,
      throttled.sandbox === 0 && throttled.controller === 0,
    ),
    check(
      'peak-rss',
      `<= ${TARGETS.peakRssMiB.toFixed(0)} MiB (256 MB)`,
      rss.peakMiB,
      rss.peakMiB <= TARGETS.peakRssMiB,
      atSize,
    ),
    check(
      'validate-diff',
      `<= ${TARGETS.validateDiffMs} ms CPU`,
      slowestCpu,
      slowestCpu <= TARGETS.validateDiffMs,
      atCpuSize,
    ),
  ];
}

/** Whether any judged check was missed. */
export function anyMissed(checks: readonly Check[]): boolean {
  return checks.some((check) => check.status === 'MISSED');
}
