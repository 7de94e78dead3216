import { createAwsClients, destroyClients, type AwsTarget } from '../aws/clients.js';
import type { Logger } from '../logging/logger.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';
import { createPlanJudge } from './judge.js';
import type { PassRunner } from './pass.js';
import { Reconciler } from './reconciler.js';

/** Everything `lmi run` (and other commands) hand over to build the real reconciler. */
export interface RunnerOptions {
  /** Manifest files or folders, as given on the command line. */
  paths: string[];
  /** The ownership id written to the `lmi:managed-by` tag. */
  controllerId: string;
  /** Where AWS calls go: a real region, a custom endpoint, or the embedded sandbox. */
  target: AwsTarget | { sandbox: true };
  /** Fraction of each AWS quota the controller may use, in (0, 1] (`--api-budget 50` is 0.5). */
  apiShare: number;
  /** Every owned resource is fully re-read at least once per this many milliseconds. */
  deepIntervalMs: number;
  logger: Logger;
}

/**
 * A pass runner that may own resources to release at shutdown (the embedded sandbox server, for
 * `--sandbox`); `lmi run` calls `close` once the last pass has ended.
 */
export type ClosablePassRunner = PassRunner & { close?: () => Promise<void> };

/**
 * Builds the reconciler the daemon and one-shot commands drive: AWS clients paced at `apiShare`
 * (starting the embedded sandbox first for `{ sandbox: true }`), the guardrail judge, and caches
 * that spread per-resource re-reads over `deepIntervalMs`.
 */
export async function createPassRunner(options: RunnerOptions): Promise<ClosablePassRunner> {
  let target: AwsTarget;
  let sandbox: { close(): Promise<void> } | undefined;
  if ('sandbox' in options.target) {
    const started = await startEmbeddedSandbox({ logger: options.logger });
    sandbox = started.sandbox;
    target = started.target;
  } else {
    target = options.target;
  }

  const clients = createAwsClients(target, { apiShare: options.apiShare, logger: options.logger });
  const reconciler = new Reconciler({
    paths: options.paths,
    controllerId: options.controllerId,
    clients,
    logger: options.logger,
    deepIntervalMs: options.deepIntervalMs,
    judge: createPlanJudge(options.logger, options.controllerId),
  });
  return Object.assign(reconciler, {
    close: async () => {
      destroyClients(clients);
      await sandbox?.close();
    },
  });
}
