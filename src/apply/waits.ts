import {
  GetCapacityProviderCommand,
  GetFunctionCommand,
  waitUntilFunctionUpdatedV2,
  type CapacityProvider,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { classifyAwsError, RetryableError, TerminalError } from '../aws/errors.js';
import { toControllerError } from '../aws/retry.js';
import { reportWhile } from './progress.js';
import type { StepContext } from './step-context.js';

/** Active must be seen this many polls in a row: a provider can flap right after creation. */
const ACTIVE_STREAK = 2;

/**
 * Polls GetCapacityProvider until the provider is Active on two polls in a row (there is no SDK
 * waiter for providers). Returns its last configuration. Throws TerminalError when it is Failed
 * or gone, RetryableError when the wait times out.
 */
export function waitProviderActive(step: StepContext, name: string): Promise<CapacityProvider> {
  return reportWhile(
    step.progress,
    `capacity provider ${name} to be Active`,
    (async () => {
      let streak = 0;
      return poll(step, `capacity provider ${name} to be Active`, async () => {
        const provider = await getProvider(step, name);
        if (!provider)
          throw new TerminalError(`capacity provider ${name} disappeared while waiting`);
        if (provider.State === 'Failed') {
          // GetCapacityProvider gives no reason (the shape has no such field): name what to check.
          throw new TerminalError(
            `capacity provider ${name} failed; ` +
              'check its subnets, security groups and operator role',
          );
        }
        streak = provider.State === 'Active' ? streak + 1 : 0;
        return streak >= ACTIVE_STREAK ? provider : undefined;
      });
    })(),
  );
}

/** Polls GetCapacityProvider until it answers not found. Throws RetryableError on timeout. */
export function waitProviderGone(step: StepContext, name: string): Promise<void> {
  const label = `capacity provider ${name} to be deleted`;
  return reportWhile(
    step.progress,
    label,
    poll(step, label, async () => ((await getProvider(step, name)) ? undefined : true)),
  ).then(() => undefined);
}

/**
 * Polls GetFunction until the function has left Pending. The SDK's FunctionActiveV2 waiter cannot
 * be used: an LMI function rests in ActiveNonInvocable until its first publish, a state that
 * waiter does not know and would wait on until it times out. Throws TerminalError when Failed.
 */
export function waitFunctionCreated(
  step: StepContext,
  name: string,
): Promise<FunctionConfiguration> {
  const label = `function ${name} to be created`;
  return reportWhile(
    step.progress,
    label,
    poll(step, label, async () => {
      const config = await getFunction(step, name);
      if (!config) throw new TerminalError(`function ${name} disappeared while being created`);
      if (config.State === 'Failed') {
        throw new TerminalError(
          `function ${name} failed: ${config.StateReason ?? 'no reason given'}`,
        );
      }
      return config.State === 'Pending' ? undefined : config;
    }),
  );
}

/** Polls GetFunction until it answers not found (a 202 delete finishes later). */
export function waitFunctionGone(step: StepContext, name: string): Promise<void> {
  const label = `function ${name} to be deleted`;
  return reportWhile(
    step.progress,
    label,
    poll(step, label, async () => ((await getFunction(step, name)) ? undefined : true)),
  ).then(() => undefined);
}

/** Waits with the SDK waiter until `$LATEST`'s LastUpdateStatus is Successful. */
export function waitFunctionUpdated(step: StepContext, name: string): Promise<void> {
  const label = `function ${name} to finish updating`;
  return reportWhile(
    step.progress,
    label,
    sdkWait(label, () => waitUntilFunctionUpdatedV2(waiterConfig(step), { FunctionName: name })),
  );
}

/**
 * Polls GetFunction on `qualifier` until that published version is Active. Not the SDK's
 * PublishedVersionActive waiter: it polls GetFunctionConfiguration, which spends the shared 15/s
 * pool, while GetFunction has a 100/s pool of its own. Throws TerminalError when the version is
 * Failed or gone, RetryableError when the wait times out.
 */
export function waitVersionActive(
  step: StepContext,
  name: string,
  qualifier: string,
): Promise<void> {
  const label = `version ${qualifier} of function ${name} to be Active`;
  return reportWhile(
    step.progress,
    label,
    poll(step, label, async () => {
      const config = await getFunction(step, name, qualifier);
      if (!config) throw new TerminalError(`${label}: the version disappeared`);
      if (config.State === 'Failed') {
        const reason = config.LastUpdateStatusReason ?? config.StateReason ?? 'no reason given';
        throw new TerminalError(`${label} failed: ${reason}`);
      }
      return config.State === 'Active' ? true : undefined;
    }),
  ).then(() => undefined);
}

function waiterConfig(step: StepContext) {
  const minDelay = step.waits.pollMs / 1000;
  return {
    client: step.clients.lambda,
    minDelay,
    maxDelay: Math.max(minDelay, Math.min(minDelay * 8, 30)),
    maxWaitTime: Math.max(1, step.waits.timeoutMs / 1000),
  };
}

async function sdkWait(label: string, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new RetryableError(`timed out waiting for ${label}`, undefined, { cause: error });
    }
    const reason = failureReason(error);
    if (reason !== undefined) {
      throw new TerminalError(`${label} failed: ${reason}`, undefined, { cause: error });
    }
    throw toControllerError(`waiting for ${label}`, error);
  }
}

/**
 * The reason AWS gave when an SDK waiter ended in FAILURE, or undefined for other errors. Only the
 * reason is taken: the waiter's message holds the whole configuration, environment values included.
 */
function failureReason(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.message.startsWith('{')) return undefined;
  try {
    const result = JSON.parse(error.message) as { state?: string; reason?: unknown };
    if (result.state !== 'FAILURE') return undefined;
    const reason = result.reason as
      ({ Configuration?: FunctionConfiguration } & FunctionConfiguration) | undefined;
    const config = reason?.Configuration ?? reason;
    return config?.LastUpdateStatusReason ?? config?.StateReason ?? 'no reason given';
  } catch {
    return undefined;
  }
}

/**
 * Calls `check` every pollMs until it returns a value, within timeoutMs. Errors AWS may clear up
 * (throttling, 5xx) are polled through; anything else ends the wait.
 */
async function poll<T>(
  step: StepContext,
  label: string,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + step.waits.timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof TerminalError || !classifyAwsError(error).retryable) {
        throw toControllerError(`waiting for ${label}`, error);
      }
    }
    if (Date.now() >= deadline) throw new RetryableError(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, step.waits.pollMs));
  }
}

async function getProvider(step: StepContext, name: string): Promise<CapacityProvider | undefined> {
  try {
    const response = await step.clients.lambda.send(
      new GetCapacityProviderCommand({ CapacityProviderName: name }),
    );
    return response.CapacityProvider;
  } catch (error) {
    if (classifyAwsError(error).errorClass === 'not-found') return undefined;
    throw error;
  }
}

async function getFunction(
  step: StepContext,
  name: string,
  qualifier?: string,
): Promise<FunctionConfiguration | undefined> {
  try {
    const response = await step.clients.lambda.send(
      new GetFunctionCommand({
        FunctionName: name,
        ...(qualifier ? { Qualifier: qualifier } : {}),
      }),
    );
    return response.Configuration;
  } catch (error) {
    if (classifyAwsError(error).errorClass === 'not-found') return undefined;
    throw error;
  }
}
