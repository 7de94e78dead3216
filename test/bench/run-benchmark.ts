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
import { startSandbox, type RunningSandbox, type SandboxTiming } from '../../src/sandbox/index.js';
import { generateFleet, type GeneratedFleet } from './generate.js';
import {
  peakRssMiB,
  poolCalls,
  quotaBound,
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
  reference: { wallMs: number; calls: PoolCalls; sharedRatio: number };
  throttled: { sandbox: number; controller: number; byPool: Record<string, number> };
  /**
   * Peak RSS of the controller's own process over every sandbox phase, what it was once the
   * controller had loaded, and the peak of the benchmark's process (sandbox and harness).
   */
  rss: { peakMiB: number; loadedMiB: number; benchProcessPeakMiB: number };
  /** Validate + diff in a fresh process: its first run, and a second one in the same process. */
  validateDiff: { cold: ValidateDiffFigures; warm: ValidateDiffFigures };
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

    log(`validate + diff of ${options.cpuFunctions} functions`);
    const cpuFleet = generateFleet(join(workspace, 'cpu-fleet'), {
      ...options,
      functions: options.cpuFunctions,
    });
    const validateDiff = await measureInFreshProcess(cpuFleet.folder, workspace);
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
    log(`cold converge of ${options.functions} functions over ${options.providers} providers`);
    const cold = await controller.pass();
    const bound = quotaBound(cold.calls, options.apiShare);
    log('first in-sync pass (fills the detail cache)');
    const firstRead = await controller.pass();
    log('warm no-op pass');
    const noop = await controller.pass();

    log(`drift: ${Math.round(options.driftShare * 100)}% of functions changed out of band`);
    const changedOutOfBand = await driftOutOfBand(sandbox, fleet, options);
    const drift = await controller.pass();
    const after = await controller.pass();
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
      drift: { ...drift, changedOutOfBand, remainingAfter: after.changes },
      reference: {
        wallMs: reference.wallMs,
        calls: referenceCalls,
        sharedRatio: noop.calls.lambda / Math.max(1, referenceCalls.lambda),
      },
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

const VALIDATE_DIFF = fileURLToPath(new URL('./validate-diff-process.mjs', import.meta.url));

/** Validate + diff of `folder` in a fresh process on dist/, against its converged live state. */
async function measureInFreshProcess(
  folder: string,
  workspace: string,
): Promise<BenchResult['validateDiff']> {
  const liveFile = join(workspace, 'cpu-live.json');
  writeFileSync(liveFile, await syntheticLiveJson(folder, CONTROLLER_ID));
  const { stdout } = await run(process.execPath, [VALIDATE_DIFF, folder, liveFile, CONTROLLER_ID], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as BenchResult['validateDiff'];
}

/**
 * Changes the timeout of every n-th function through a plain SDK client, as another tool would,
 * spaced well under the shared quota, then waits for the updates to finish and the quota bucket
 * to refill, so the drift pass starts from a quiet account. Returns how many were changed.
 */
async function driftOutOfBand(
  sandbox: RunningSandbox,
  fleet: GeneratedFleet,
  options: BenchOptions,
): Promise<number> {
  const step = Math.max(1, Math.round(1 / options.driftShare));
  const targets = fleet.functionNames.filter((_, index) => index % step === 0);
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
  return targets.length;
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
