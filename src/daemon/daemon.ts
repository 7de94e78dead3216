import type { PassResult, PassRunner } from '../controller/pass.js';
import type { Logger } from '../logging/logger.js';
import { DEFAULT_BACKOFF, HoldBook, type BackoffPolicy } from './hold-book.js';
import { startSurfaceServer, type SurfaceServer } from './http-server.js';
import type { ListenAddress } from './listen-address.js';
import { watchManifests, type ManifestWatch } from './manifest-watcher.js';
import { DaemonMetrics } from './metrics.js';
import { PassCycle } from './pass-cycle.js';
import { PassLoop } from './pass-loop.js';
import type { StatusReport } from './status-report.js';

/** Options of `startDaemon`. */
export interface DaemonOptions {
  runner: PassRunner;
  /** Manifest files or folders; watched for changes. */
  paths: string[];
  mode: 'apply' | 'observe';
  controllerId: string;
  intervalMs: number;
  /** Interval spread as a fraction; default 0.1 (+-10%). */
  jitter?: number;
  /** Quiet time after a manifest file event before a pass starts; default 1000. */
  debounceMs?: number;
  /** Where the HTTP surfaces listen; none when absent. */
  listen?: ListenAddress;
  /** How long `stop` waits for the in-flight pass; default 20 seconds. */
  stopDeadlineMs?: number;
  backoff?: BackoffPolicy;
  logger: Logger;
}

/** A started daemon. */
export interface RunningDaemon {
  /** The HTTP surfaces' base URL, when listening. */
  url: string | undefined;
  /** The /status document as it stands. */
  status(): StatusReport;
  /** Asks for a pass soon (what a manifest change does). */
  trigger(): void;
  /**
   * Stops: no new passes, the in-flight pass aborted and awaited up to the deadline, the watcher
   * and HTTP server closed. Resolves to false when the pass outlived the deadline. Never rejects.
   */
  stop(): Promise<boolean>;
}

/**
 * Starts the reconcile daemon: HTTP surfaces first (so /healthz answers during the first pass),
 * then the manifest watcher and the pass loop. Rejects only when the listen address cannot be
 * bound.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const metrics = new DaemonMetrics();
  metrics.watchCalls(options.runner.recorder);
  const cycle = newCycle(options, metrics);
  const loop = new PassLoop({
    runPass: (signal) => cycle.run(signal),
    intervalMs: options.intervalMs,
    jitter: options.jitter ?? 0.1,
    logger: options.logger,
  });

  const server = options.listen
    ? await startSurfaceServer(options.listen, {
        isReady: () => cycle.isReady(),
        status: () => cycle.status(),
        metrics: () => metrics.render(),
      })
    : undefined;
  const watch = watchManifests(options.paths, {
    debounceMs: options.debounceMs ?? 1000,
    onChange: () => loop.trigger(),
    logger: options.logger,
  });
  if (server) options.logger.info({ url: server.url }, 'http surfaces listening');
  loop.start();

  let stopping: Promise<boolean> | undefined;
  return {
    url: server?.url,
    status: () => cycle.status(),
    trigger: () => loop.trigger(),
    stop: () => (stopping ??= shutDown(loop, watch, server, options)),
  };
}

/**
 * Runs exactly one pass with the daemon's bookkeeping and logs (`lmi run --once`) and returns
 * its result. Never throws.
 */
export async function runSinglePass(
  options: Omit<DaemonOptions, 'intervalMs'>,
  signal: AbortSignal,
): Promise<PassResult> {
  return newCycle(options, new DaemonMetrics()).run(signal);
}

function newCycle(options: Omit<DaemonOptions, 'intervalMs'>, metrics: DaemonMetrics): PassCycle {
  return new PassCycle({
    runner: options.runner,
    paths: options.paths,
    mode: options.mode,
    controllerId: options.controllerId,
    logger: options.logger,
    metrics,
    holds: new HoldBook(options.backoff ?? DEFAULT_BACKOFF),
  });
}

async function shutDown(
  loop: PassLoop,
  watch: ManifestWatch,
  server: SurfaceServer | undefined,
  options: DaemonOptions,
): Promise<boolean> {
  watch.close();
  const deadlineMs = options.stopDeadlineMs ?? 20_000;
  const ended = await loop.stop(deadlineMs);
  if (!ended) options.logger.error({ deadlineMs }, 'pass still running at the stop deadline');
  await server?.close();
  return ended;
}
