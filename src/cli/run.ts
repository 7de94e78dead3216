import { Option, type Command } from 'commander';
import type { PassResult } from '../controller/pass.js';
import {
  createPassRunner,
  type ClosablePassRunner,
  type RunnerOptions,
} from '../controller/create-runner.js';
import { runSinglePass, startDaemon } from '../daemon/daemon.js';
import { parseDuration } from '../daemon/durations.js';
import { parseListenAddress, type ListenAddress } from '../daemon/listen-address.js';
import { listenForStopSignals, whenAborted } from '../daemon/stop-signals.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { CommandRegistrar } from './command-context.js';
import { assertOneTarget, parseApiBudget } from './aws-session.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf, type GlobalOptions } from './global-options.js';

/** The flags of `lmi run`, as commander parses them. */
interface RunFlags {
  interval: string;
  deepInterval: string;
  listen: string;
  once: boolean;
  mode: 'apply' | 'observe';
  apiBudget: string;
}

/** `lmi run`'s settings after validation. */
interface RunSettings {
  paths: string[];
  intervalMs: number;
  deepIntervalMs: number;
  listen: ListenAddress;
  once: boolean;
  mode: 'apply' | 'observe';
  apiShare: number;
}

/** What `lmi run` needs from outside; tests pass a fake runner factory. */
export interface RunDependencies {
  createRunner(options: RunnerOptions): Promise<ClosablePassRunner>;
  /** Turns the process's stop signals into an AbortSignal. */
  stopSignals: typeof listenForStopSignals;
  /** Logger factory; the process logger to stderr by default. */
  createLogger(globals: GlobalOptions): Logger;
}

const DEFAULT_DEPENDENCIES: RunDependencies = {
  createRunner: createPassRunner,
  stopSignals: listenForStopSignals,
  createLogger: (globals) => createLogger({ level: globals.logLevel, format: globals.logFormat }),
};

/** The pacing `lmi run` uses when `--interval` and `--deep-interval` are not given. */
export const RUN_DEFAULTS = { interval: '60s', deepInterval: '1h' } as const;

/** Builds the `lmi run` registrar with its dependencies (the real ones by default). */
export function runCommand(dependencies: RunDependencies = DEFAULT_DEPENDENCIES): CommandRegistrar {
  return (context) => {
    context.program
      .command('run')
      .description('reconcile the manifests continuously, serving health, metrics and status')
      .argument('<paths...>', 'manifest files or folders')
      .option('--interval <duration>', 'time between passes (30s, 5m, 1h)', RUN_DEFAULTS.interval)
      .option(
        '--deep-interval <duration>',
        'every owned resource fully re-read this often',
        RUN_DEFAULTS.deepInterval,
      )
      .option(
        '--listen <host:port>',
        'address of /healthz, /readyz, /metrics, /status',
        '0.0.0.0:8080',
      )
      .option('--once', 'run one pass and exit (0 ok, 1 errors, 3 blocked)', false)
      .addOption(
        new Option('--mode <mode>', 'apply changes, or only observe and report')
          .choices(['apply', 'observe'])
          .default('apply'),
      )
      .option('--api-budget <percent>', 'share of each AWS API quota the controller may use', '50')
      .action((paths: string[], flags: RunFlags, command: Command) =>
        context.run(() => runReconciler(paths, flags, globalsOf(command), dependencies)),
      );
  };
}

/** `lmi run`, wired to the real reconciler. */
export const registerRun: CommandRegistrar = runCommand();

async function runReconciler(
  paths: string[],
  flags: RunFlags,
  globals: GlobalOptions,
  dependencies: RunDependencies,
): Promise<number> {
  const settings = parseSettings(paths, flags);
  const logger = dependencies.createLogger(globals);
  // Listening before the runner starts, so a SIGTERM during start-up also ends cleanly.
  const stop = dependencies.stopSignals();
  try {
    const runner = await dependencies.createRunner({
      paths: settings.paths,
      controllerId: globals.controllerId,
      target: targetOf(globals),
      apiShare: settings.apiShare,
      deepIntervalMs: settings.deepIntervalMs,
      logger,
    });
    try {
      return await reconcileUntilStopped(runner, settings, globals, logger, stop.signal);
    } finally {
      await runner.close?.();
    }
  } finally {
    stop.dispose();
  }
}

async function reconcileUntilStopped(
  runner: ClosablePassRunner,
  settings: RunSettings,
  globals: GlobalOptions,
  logger: Logger,
  stopSignal: AbortSignal,
): Promise<number> {
  const daemonOptions = {
    runner,
    paths: settings.paths,
    mode: settings.mode,
    controllerId: globals.controllerId,
    logger,
  };
  if (settings.once) return exitCodeOf(await runSinglePass(daemonOptions, stopSignal));

  const daemon = await startDaemon({
    ...daemonOptions,
    intervalMs: settings.intervalMs,
    listen: settings.listen,
  });
  await whenAborted(stopSignal);
  logger.info({ reason: String(stopSignal.reason) }, 'stopping');
  const ended = await daemon.stop();
  if (!ended) exitSoonAnyway();
  logger.info('stopped');
  return ExitCode.Ok;
}

/**
 * The exit code of `lmi run --once`: 3 when a guardrail blocked the apply, 1 when the pass
 * failed, the manifests had problems or a resource failed, else 0.
 */
export function exitCodeOf(result: PassResult): number {
  if (result.blocked) return ExitCode.Blocked;
  const failed = result.apply?.outcomes.some((outcome) => outcome.status === 'failed') ?? false;
  if (result.error || result.manifestProblems.length > 0 || failed) return ExitCode.Error;
  return ExitCode.Ok;
}

function parseSettings(paths: string[], flags: RunFlags): RunSettings {
  const apiShare = parseApiBudget(flags.apiBudget);
  return {
    paths,
    intervalMs: parseDuration(flags.interval, '--interval'),
    deepIntervalMs: parseDuration(flags.deepInterval, '--deep-interval'),
    listen: parseListenAddress(flags.listen),
    once: flags.once,
    mode: flags.mode,
    apiShare,
  };
}

function targetOf(globals: GlobalOptions): RunnerOptions['target'] {
  assertOneTarget(globals);
  if (globals.sandbox) return { sandbox: true };
  // Read when the command runs, never at import time.
  const region = globals.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('no region: pass --region or set AWS_REGION');
  return { region, ...(globals.endpoint ? { endpoint: globals.endpoint } : {}) };
}

/**
 * A pass that outlived the stop deadline may hold sockets that keep Node alive; the process
 * still has to end with 0 as promised, so it exits unless it ends on its own within a second.
 */
function exitSoonAnyway(): void {
  setTimeout(() => process.exit(ExitCode.Ok), 1000).unref();
}
