import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { RUN_DEFAULTS } from '../../src/cli/run.js';
import { parseDuration } from '../../src/daemon/durations.js';
import { startSandbox, type RunningSandbox, type SandboxTiming } from '../../src/sandbox/index.js';
import { generateFleet, type GeneratedFleet } from './generate.js';
import {
  peakRssMiB,
  poolCalls,
  quotaBound,
  steadyPassSharedCalls,
  syntheticLiveJson,
  timed,
  type PoolCalls,
  type QuotaBound,
  type ValidateDiffFigures,
} from './measure.js';
import { referenceRefresh } from './reference.js';
import { RemoteController, type ControllerTotals, type PassFigures } from './remote-controller.js';

/** What to benchmark. */
export interface BenchOptions {
  functions: number;
  providers: number;
  /** Fraction of each AWS quota the controller and the reference may use, in (0, 1]. */
  apiShare: number;
  /** Share of functions changed out of band in the drift phase. */
  driftShare: number;
  /** Functions in the CPU-only validate + diff figure. */
  cpuFunctions: number;
  /** Fresh processes the validate + diff figure is measured in (noise differs between them). */
  cpuRuns: number;
  /** Resources the controller applies at once. */
  concurrency: number;
  /** Quota multiplier of the sandbox: 1 is real AWS quotas; the smoke test uses more. */
  rateScale: number;
  timing: SandboxTiming;
  pollMs: number;
  seed: number;
}

/** Realistic but short AWS delays: every wait happens, none takes minutes. */
export const BENCH_TIMING: SandboxTiming = {
  providerActivationMs: 1500,
  providerDeletionMs: 1000,
  functionActivationMs: 500,
  functionUpdateMs: 500,
  publishMs: 1000,
  functionDeletionMs: 300,
};

/** Everything the benchmark measured; the JSON output. */
export interface BenchResult {
  options: Omit<BenchOptions, 'timing'> & { timing: SandboxTiming };
  /** Generated functions per publish mode. */
  publishModes: Record<string, number>;
  cold: PassFigures & { bound: QuotaBound; ratio: number };
  /** The first pass after converging: in sync, but the detail cache is empty. */
  firstRead: PassFigures;
  noop: PassFigures;
  drift: PassFigures & { changedOutOfBand: number; remainingAfter: number };
  /**
   * The peers' refresh. `sharedRatio` is ours/reference of shared-pool calls for the warm no-op
   * pass; `oneShotSharedRatio` for the first in-sync pass, which is what a one-shot `lmi plan`
   * (no cache, as in CI) reads.
   */
  reference: { wallMs: number; calls: PoolCalls; sharedRatio: number; oneShotSharedRatio: number };
  /** A daemon's pass at `lmi run`'s default intervals, derived (see steadyPassSharedCalls). */
  steadyDaemonPass: {
    intervalMs: number;
    deepIntervalMs: number;
    sharedCalls: number;
    sharedRatio: number;
  };
  throttled: { sandbox: number; controller: number; byPool: Record<string, number> };
  /**
   * Peak RSS of the controller's own process over every sandbox phase, what it was once the
   * controller had loaded, and the peak of the benchmark's process (sandbox and harness).
   */
  rss: { peakMiB: number; loadedMiB: number; benchProcessPeakMiB: number };
  validateDiff: ValidateDiffResult;
}

/** Validate + diff with no AWS call, of a fleet shaped as the main one but `cpuFunctions` big. */
export interface ValidateDiffResult {
  functions: number;
  /** Providers of that fleet: as many functions a provider as in the main fleet. */
  providers: number;
  publishModes: Record<string, number>;
  /** The first run of each fresh process (code and schemas not yet warmed up). */
  runs: ValidateDiffFigures[];
  /** A second run in the first process, as a daemon's later passes run. */
  warm: ValidateDiffFigures;
  /** CPU of the loader's YAML parse alone (fast path included), after the runs, for context. */
  yamlParseCpuMs: number;
}

const CONTROLLER_ID = 'lmi-bench';
const run = promisify(execFile);
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/**
 * Runs every phase against a fresh in-process sandbox, with the compiled controller in a child
 * process (dist/ must be built): cold converge, a first in-sync pass, a warm no-op pass, drift
 * detection and repair, the reference refresh, then the CPU-only figure in another fresh process.
 * `log` receives one line per phase. Removes its temporary folders and ends its child processes.
 * Rejects when the sandbox or a child cannot start or the generated manifests are invalid.
 */
export async function runBenchmark(
  options: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<BenchResult> {
  const workspace = mkdtempSync(join(tmpdir(), 'lmi-bench-'));
  const sandbox = await startSandbox({
    timing: options.timing,
    rateScale: options.rateScale,
    randomSeed: options.seed,
  });
  try {
    const fleet = generateFleet(join(workspace, 'fleet'), { ...options });
    const { phases, controller } = await runSandboxPhases(sandbox, fleet, options, log);
    const rss = {
      peakMiB: controller.peakRssMiB,
      loadedMiB: controller.loadedRssMiB,
      benchProcessPeakMiB: peakRssMiB(),
    };

    const validateDiff = await measureValidateDiff(options, workspace, log);
    return { options, ...phases, rss, validateDiff };
  } finally {
    await sandbox.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

type SandboxPhases = Omit<BenchResult, 'options' | 'rss' | 'validateDiff'>;

async function runSandboxPhases(
  sandbox: RunningSandbox,
  fleet: GeneratedFleet,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ phases: SandboxPhases; controller: ControllerTotals }> {
  const controller = await RemoteController.start({
    paths: [fleet.folder],
    controllerId: CONTROLLER_ID,
    region: sandbox.region,
    endpoint: sandbox.url,
    credentials: CREDENTIALS,
    apiShare: options.apiShare,
    // Longer than the run: the no-op pass must be served from the cache, as in a daemon.
    deepIntervalMs: 24 * 3600_000,
    pollMs: options.pollMs,
    timeoutMs: 10 * 60_000,
    applyConcurrency: options.concurrency,
  });
  try {
    const pass = async (phase: string): Promise<PassFigures> => {
      log(phase);
      return withoutFailures(phase, await controller.pass());
    };
    const cold = await pass(
      `cold converge of ${options.functions} functions over ${options.providers} providers`,
    );
    const bound = quotaBound(cold.calls, options.apiShare);
    const firstRead = await pass('first in-sync pass (fills the detail cache)');
    const noop = await pass('warm no-op pass');

    const targets = driftTargets(fleet.functionNames, options.driftShare);
    log(`drift: ${targets.length} of ${options.functions} functions changed out of band`);
    await driftOutOfBand(sandbox, targets, options);
    const drift = await pass('drift detection and repair');
    const after = await pass('pass after the repair');
    const totals = await controller.finish();

    log('reference refresh (per-function reads)');
    const referenceClients = pacedClients(sandbox, options.apiShare);
    const reference = await timed(() =>
      referenceRefresh(referenceClients, fleet.functionNames, options.concurrency),
    );
    const referenceCalls = poolCalls(referenceClients.recorder);
    destroy(referenceClients);

    const phases: SandboxPhases = {
      publishModes: fleet.publishModes,
      cold: { ...cold, bound, ratio: cold.wallMs / 1000 / bound.seconds },
      firstRead,
      noop,
      drift: { ...drift, changedOutOfBand: targets.length, remainingAfter: after.changes },
      reference: {
        wallMs: reference.wallMs,
        calls: referenceCalls,
        sharedRatio: noop.calls.lambda / Math.max(1, referenceCalls.lambda),
        oneShotSharedRatio: firstRead.calls.lambda / Math.max(1, referenceCalls.lambda),
      },
      steadyDaemonPass: steadyDaemonPass(firstRead, noop, referenceCalls),
      throttled: {
        sandbox: sandbox.stats().throttled,
        byPool: sandbox.stats().throttledByPool,
        controller: totals.throttled + referenceClients.recorder.snapshot().throttled,
      },
    };
    return { phases, controller: totals };
  } finally {
    controller.kill();
  }
}

/** The steady daemon pass at `lmi run`'s defaults, against the reference's shared calls. */
function steadyDaemonPass(
  firstRead: PassFigures,
  noop: PassFigures,
  reference: PoolCalls,
): BenchResult['steadyDaemonPass'] {
  const intervalMs = parseDuration(RUN_DEFAULTS.interval, '--interval');
  const deepIntervalMs = parseDuration(RUN_DEFAULTS.deepInterval, '--deep-interval');
  const sharedCalls = steadyPassSharedCalls(
    firstRead.calls,
    noop.calls,
    intervalMs,
    deepIntervalMs,
  );
  const sharedRatio = sharedCalls / Math.max(1, reference.lambda);
  return { intervalMs, deepIntervalMs, sharedCalls, sharedRatio };
}

/**
 * A pass that failed in part makes every later figure meaningless: stop the benchmark there,
 * naming the phase and the first failures.
 */
function withoutFailures(phase: string, figures: PassFigures): PassFigures {
  if (figures.failures === 0) return figures;
  const samples = figures.failureSamples.map((sample) => `\n  ${sample}`).join('');
  const count = figures.failures === 1 ? '1 failure' : `${figures.failures} failures`;
  throw new Error(`${phase}: ${count}${samples}`);
}

const VALIDATE_DIFF = fileURLToPath(new URL('./validate-diff-process.mjs', import.meta.url));

/**
 * Generates the CPU fleet with as many functions a provider as the main fleet has, so that it
 * publishes in the same proportions, and measures validate + diff of it in `cpuRuns` fresh
 * processes on dist/, against its converged live state.
 */
async function measureValidateDiff(
  options: BenchOptions,
  workspace: string,
  log: (line: string) => void,
): Promise<ValidateDiffResult> {
  const perProvider = options.functions / options.providers;
  const providers = Math.max(1, Math.round(options.cpuFunctions / perProvider));
  log(`validate + diff of ${options.cpuFunctions} functions over ${providers} providers`);
  const fleet = generateFleet(join(workspace, 'cpu-fleet'), {
    functions: options.cpuFunctions,
    providers,
    seed: options.seed,
  });
  const liveFile = join(workspace, 'cpu-live.json');
  writeFileSync(liveFile, await syntheticLiveJson(fleet.folder, CONTROLLER_ID));

  const processes: FreshProcessFigures[] = [];
  for (let i = 0; i < options.cpuRuns; i += 1) {
    const args = [VALIDATE_DIFF, fleet.folder, liveFile, CONTROLLER_ID];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 1024 * 1024 });
    processes.push(JSON.parse(stdout) as FreshProcessFigures);
  }
  const [first] = processes;
  if (!first) throw new RangeError('cpuRuns must be at least 1');
  return {
    functions: options.cpuFunctions,
    providers,
    publishModes: fleet.publishModes,
    runs: processes.map((figures) => figures.cold),
    warm: first.warm,
    yamlParseCpuMs: first.yamlParseCpuMs,
  };
}

/** What validate-diff-process.mjs prints. */
interface FreshProcessFigures {
  cold: ValidateDiffFigures;
  warm: ValidateDiffFigures;
  yamlParseCpuMs: number;
}

/** `share` of `names` (rounded, at least one), spread evenly over the list. */
export function driftTargets(names: readonly string[], share: number): string[] {
  const count = Math.min(names.length, Math.max(1, Math.round(names.length * share)));
  return Array.from(
    { length: count },
    (_, i) => names[Math.floor((i * names.length) / count)],
  ).filter((name): name is string => name !== undefined);
}

/**
 * Changes the timeout of `targets` through a plain SDK client, as another tool would, spaced
 * well under the shared quota, then waits for the updates to finish and the quota bucket to
 * refill, so the drift pass starts from a quiet account.
 */
async function driftOutOfBand(
  sandbox: RunningSandbox,
  targets: readonly string[],
  options: BenchOptions,
): Promise<void> {
  const other = new LambdaClient({
    region: sandbox.region,
    endpoint: sandbox.url,
    credentials: CREDENTIALS,
  });
  const spacingMs = 1000 / (5 * options.rateScale);
  for (const name of targets) {
    await other.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 45 }));
    await sleep(spacingMs);
  }
  other.destroy();
  await sleep(options.timing.functionUpdateMs + 1500);
}

function pacedClients(sandbox: RunningSandbox, apiShare: number): AwsClients {
  return createAwsClients(
    { region: sandbox.region, endpoint: sandbox.url, credentials: CREDENTIALS },
    { apiShare, logger: pino({ level: 'silent' }) },
  );
}

function destroy(clients: AwsClients): void {
  clients.lambda.destroy();
  clients.ec2.destroy();
}
