import ms from 'ms';
import type { PoolCalls, ValidateDiffFigures } from './measure.js';
import type { BenchResult } from './run-benchmark.js';
import type { Check, CheckId } from './targets.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const times = (factor: number): string => {
  if (!Number.isFinite(factor)) return 'infinitely';
  return `${factor.toFixed(factor < 10 ? 1 : 0)}x`;
};

function pools(calls: PoolCalls): string {
  const used = Object.entries(calls).filter(([, count]) => count > 0);
  return used.map(([pool, count]) => `${pool} ${count}`).join(', ') || 'none';
}

function cpu(figures: ValidateDiffFigures): string {
  const { totalCpuMs, validateCpuMs, diffCpuMs } = figures;
  return (
    `${totalCpuMs.toFixed(0)} ms CPU ` +
    `(validate ${validateCpuMs.toFixed(0)}, diff ${diffCpuMs.toFixed(0)})`
  );
}

function modes(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([mode, count]) => `${count} ${mode}`)
    .join(', ');
}

/**
 * The human-readable report: one row per figure, and the check's status in brackets where the
 * figure has a target (`checks` from checkResult).
 */
export function renderTable(result: BenchResult, checks: readonly Check[]): string {
  const status = (id: CheckId): string => checks.find((check) => check.id === id)?.status ?? '';
  const { cold: converge, firstRead, noop, drift, reference, steadyDaemonPass: steady } = result;
  const { functions, providers, apiShare } = result.options;
  const cpuFleet = result.validateDiff;
  const [firstCpu] = cpuFleet.runs;
  const fewer = (ours: number) => times(reference.calls.lambda / ours);
  const rows: [string, string, string][] = [
    ['  generated', modes(result.publishModes), ''],
    ['1 cold converge wall', seconds(converge.wallMs), ''],
    ['  calls per pool', pools(converge.calls), ''],
    [
      '  quota lower bound',
      `${converge.bound.seconds.toFixed(1)} s ` +
        `(${converge.bound.pool} at ${apiShare * 100}% budget)`,
      '',
    ],
    ['  ratio wall/bound', converge.ratio.toFixed(2), status('cold-ratio')],
    ['  first in-sync pass', `${seconds(firstRead.wallMs)}; ${pools(firstRead.calls)}`, ''],
    ['2 no-op pass wall', seconds(noop.wallMs), status('noop-wall')],
    ['  calls per pool', pools(noop.calls), status('noop-shared-calls')],
    ['  changes planned', String(noop.changes), status('noop-in-sync')],
    [
      `3 drift (${drift.changedOutOfBand} changed)`,
      `${seconds(drift.wallMs)}; ${pools(drift.calls)}`,
      '',
    ],
    [
      '  fixed / left after',
      `${drift.changes} / ${drift.remainingAfter}`,
      status('drift-repaired'),
    ],
    ['4 reference refresh', `${seconds(reference.wallMs)}; ${pools(reference.calls)}`, ''],
    [
      '  shared calls ours/ref',
      `${reference.sharedRatio.toFixed(4)} (${fewer(noop.calls.lambda)} fewer)`,
      status('reference-factor'),
    ],
    [
      '  one-shot plan/ref',
      `${reference.oneShotSharedRatio.toFixed(4)} (${fewer(firstRead.calls.lambda)} fewer)`,
      '',
    ],
    [
      '  steady daemon pass/ref',
      `${steady.sharedRatio.toFixed(4)} (${steady.sharedCalls.toFixed(1)} shared calls a pass at ` +
        `--interval ${ms(steady.intervalMs)}, --deep-interval ${ms(steady.deepIntervalMs)}; ` +
        'derived)',
      '',
    ],
    [
      '5 throttled (sandbox/ours)',
      `${result.throttled.sandbox} / ${result.throttled.controller} ` +
        JSON.stringify(result.throttled.byPool),
      status('throttled'),
    ],
    [
      '6 peak RSS (controller)',
      `${result.rss.peakMiB.toFixed(0)} MiB; ${result.rss.loadedMiB.toFixed(0)} MiB once loaded; ` +
        `benchmark process (sandbox, harness) ${result.rss.benchProcessPeakMiB.toFixed(0)} MiB`,
      status('peak-rss'),
    ],
    [
      `  validate + diff (${cpuFleet.functions} fn)`,
      cpuFleet.runs.map((run) => run.totalCpuMs.toFixed(0)).join(', ') +
        ` ms CPU, first run in each of ${cpuFleet.runs.length} fresh processes`,
      status('validate-diff'),
    ],
    ['  first process', firstCpu ? cpu(firstCpu) : '', ''],
    [
      '  run again',
      `${cpu(cpuFleet.warm)}; YAML parse ${cpuFleet.yamlParseCpuMs.toFixed(0)} ms`,
      '',
    ],
    ['  its fleet', `${cpuFleet.providers} providers; ${modes(cpuFleet.publishModes)}`, ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const header = `lmi benchmark: ${functions} functions over ${providers} providers, real quotas`;
  const lines = rows.map(([label, value, verdict]) => {
    return `${label.padEnd(width)}  ${value}${verdict ? `  [${verdict}]` : ''}`;
  });
  return [header, ...lines].join('\n').concat('\n');
}
