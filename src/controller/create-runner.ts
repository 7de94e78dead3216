import type { AwsTarget } from '../aws/clients.js';
import type { Logger } from '../logging/logger.js';
import type { PassRunner } from './pass.js';

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
 * Builds the pass runner the daemon and one-shot commands drive. Rejects until the reconciler
 * lands; the daemon's own tests use a fake runner.
 */
export function createPassRunner(options: RunnerOptions): Promise<ClosablePassRunner> {
  void options;
  return Promise.reject(new Error('not implemented yet'));
}
