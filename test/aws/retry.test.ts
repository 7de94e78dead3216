import { describe, expect, it } from 'vitest';
import { RetryableError, TerminalError } from '../../src/aws/errors.js';
import { withRetry } from '../../src/aws/retry.js';

const fast = { deadlineMs: 60_000, minBackoffMs: 5, maxBackoffMs: 20, networkDeadlineMs: 150 };

function failing(
  error: Error,
  times: number,
): { call: () => Promise<string>; calls: () => number } {
  let count = 0;
  return {
    call: () => {
      count += 1;
      return count <= times ? Promise.reject(error) : Promise.resolve('done');
    },
    calls: () => count,
  };
}

describe('withRetry', () => {
  it('retries a conflict while an update is in progress until it goes through', async () => {
    const conflict = Object.assign(new Error('An update is in progress'), {
      name: 'ResourceConflictException',
    });
    const { call, calls } = failing(conflict, 3);
    await expect(withRetry('update api', call, { policy: fast })).resolves.toBe('done');
    expect(calls()).toBe(4);
  });

  it('stops at once on a terminal error, with the cause kept', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const { call, calls } = failing(denied, 10);
    const error = await withRetry('create api', call, { policy: fast }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerminalError);
    expect((error as TerminalError).cause).toBe(denied);
    expect(calls()).toBe(1);
  });

  it('gives up on a refused connection after the short network deadline', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { call } = failing(refused, 1_000_000);
    const started = performance.now();
    const error = await withRetry('list functions', call, { policy: fast }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetryableError);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
