import pRetry from 'p-retry';
import type { Logger } from '../logging/logger.js';
import { classifyAwsError, RetryableError, TerminalError } from './errors.js';

/** How long and how hard `withRetry` keeps trying. */
export interface RetryPolicy {
  /** Give up after this long, in milliseconds, counted from the first attempt. */
  deadlineMs: number;
  /** First backoff in milliseconds; doubles each retry, with jitter. */
  minBackoffMs: number;
  /** Longest single backoff in milliseconds. */
  maxBackoffMs: number;
  /** Shorter deadline for network failures (connection refused, reset); default 20 s. */
  networkDeadlineMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  deadlineMs: 5 * 60_000,
  minBackoffMs: 500,
  maxBackoffMs: 20_000,
};

/**
 * Runs `call` until it succeeds, a terminal error occurs, or the deadline passes. The SDK already
 * retries a few times inside each call; this layer covers what outlasts it (a conflict while an
 * update is in progress, a long throttling spell) with exponential backoff and jitter.
 *
 * Throws `TerminalError` (not worth retrying) or `RetryableError` (deadline passed, or aborted),
 * each with the SDK error as `cause` and the classification attached.
 */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  options: { policy?: RetryPolicy; logger?: Logger; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const started = performance.now();
  try {
    return await pRetry(call, {
      retries: 1000,
      factor: 2,
      minTimeout: policy.minBackoffMs,
      maxTimeout: policy.maxBackoffMs,
      randomize: true,
      maxRetryTime: policy.deadlineMs,
      ...(options.signal ? { signal: options.signal } : {}),
      shouldRetry: ({ error }) => shouldRetry(error, started, policy),
      onFailedAttempt: async ({ error, attemptNumber }) => {
        const verdict = classifyAwsError(error);
        // The code only: AWS messages may echo request values, environment secrets included.
        const { message: _echo, ...failure } = verdict;
        const fields = { what, attempt: attemptNumber, error: failure };
        // Past a few attempts the wait becomes noticeable: say so, not only at debug level.
        if (attemptNumber >= WARN_FROM_ATTEMPT)
          options.logger?.warn(fields, 'aws call still failing');
        else options.logger?.debug(fields, 'aws call failed');
        // Honour the wait AWS asked for on top of our own backoff.
        if (verdict.retryAfterMs) await sleep(Math.min(verdict.retryAfterMs, policy.maxBackoffMs));
      },
    });
  } catch (error) {
    throw toControllerError(what, error);
  }
}

const WARN_FROM_ATTEMPT = 3;

/**
 * An endpoint that refuses connections is rarely back within minutes (a wrong --endpoint, a
 * sandbox not started): network failures get a short deadline of their own.
 */
const NETWORK_DEADLINE_MS = 20_000;

function shouldRetry(error: unknown, started: number, policy: RetryPolicy): boolean {
  const verdict = classifyAwsError(error);
  if (!verdict.retryable) return false;
  const deadline = Math.min(policy.deadlineMs, policy.networkDeadlineMs ?? NETWORK_DEADLINE_MS);
  return verdict.errorClass !== 'network' || performance.now() - started < deadline;
}

/** Wraps any failure of `what` in the controller's two error classes, keeping the cause. */
export function toControllerError(what: string, error: unknown): TerminalError | RetryableError {
  if (error instanceof TerminalError || error instanceof RetryableError) return error;
  const verdict = classifyAwsError(error);
  const message = `${what}: ${verdict.code}: ${verdict.message}`;
  return verdict.retryable
    ? new RetryableError(message, verdict, { cause: error })
    : new TerminalError(message, verdict, { cause: error });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
