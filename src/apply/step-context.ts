import type { AwsClients } from '../aws/clients.js';
import type { RetryPolicy } from '../aws/retry.js';
import type { Logger } from '../logging/logger.js';
import type { ProgressSink } from './progress.js';

/**
 * How waits poll: every `pollMs` (the SDK waiters back off from it), giving up after `timeoutMs`.
 */
export interface WaitOptions {
  pollMs: number;
  timeoutMs: number;
}

/** Production waits: AWS takes minutes to launch a provider's instances. */
export const DEFAULT_WAITS: WaitOptions = { pollMs: 2000, timeoutMs: 15 * 60_000 };

/** What each per-kind apply step needs: clients, retry and wait settings, logging, progress. */
export interface StepContext {
  clients: AwsClients;
  logger: Logger;
  controllerId: string;
  retry: RetryPolicy;
  waits: WaitOptions;
  progress?: ProgressSink;
}
