import { EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { quotaPoolOf } from '../aws-model/quota-pools.js';
import type {
  AbsoluteLocation,
  FinalizeRequestHandlerOptions,
  FinalizeRequestMiddleware,
} from '@smithy/types';
import type { Logger } from '../logging/logger.js';
import { CallRecorder } from './call-recorder.js';
import { classifyAwsError } from './errors.js';
import { Pacer } from './pacer.js';

/** Where the controller's AWS calls go. */
export interface AwsTarget {
  region: string;
  /** A custom endpoint (the sandbox, or LocalStack); the regional endpoint when absent. */
  endpoint?: string;
  /** Static credentials (the sandbox); the SDK's default provider chain when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The SDK clients and the pacing and counting they share. Only aws/ and kinds/ use the clients. */
export interface AwsClients {
  lambda: LambdaClient;
  ec2: EC2Client;
  region: string;
  pacer: Pacer;
  recorder: CallRecorder;
}

/** Options for `createAwsClients`. */
export interface ClientOptions {
  /** Fraction of each quota the controller may use (`--api-budget`), in (0, 1]. */
  apiShare: number;
  logger: Logger;
  /** SDK attempts per call (its own retry with backoff and Retry-After); default 4. */
  maxAttempts?: number;
  recorder?: CallRecorder;
}

/**
 * Creates the Lambda and EC2 clients with a middleware that paces every attempt by its quota pool
 * and records it. Pacing sits inside the SDK's retry loop, so retries are paced too.
 */
export function createAwsClients(target: AwsTarget, options: ClientOptions): AwsClients {
  const pacer = new Pacer(options.apiShare);
  const recorder = options.recorder ?? new CallRecorder();
  const config = {
    region: target.region,
    maxAttempts: options.maxAttempts ?? 4,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
  };
  const lambda = new LambdaClient(config);
  // Limitation: the EC2 client package loads the schemas of every EC2 operation (about 65 MiB of
  // the controller's RSS) although the guardrails call four of them.
  const ec2 = new EC2Client(config);
  const deps = { pacer, recorder, logger: options.logger };
  const placement = {
    step: 'finalizeRequest',
    priority: 'low',
    name: 'lmiPacing',
  } satisfies FinalizeRequestHandlerOptions & AbsoluteLocation;
  lambda.middlewareStack.add(pacingMiddleware('lambda', deps), placement);
  ec2.middlewareStack.add(pacingMiddleware('ec2', deps), placement);
  return { lambda, ec2, region: target.region, pacer, recorder };
}

interface PacingDeps {
  pacer: Pacer;
  recorder: CallRecorder;
  logger: Logger;
}

function pacingMiddleware<Input extends object, Output extends object>(
  service: 'lambda' | 'ec2',
  { pacer, recorder, logger }: PacingDeps,
): FinalizeRequestMiddleware<Input, Output> {
  return (next, context) => async (args) => {
    const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
    const pool = quotaPoolOf(service, operation);
    await pacer.acquire(pool);
    const started = performance.now();
    try {
      const result = await next(args);
      const durationMs = performance.now() - started;
      recorder.record({ service, operation, pool, durationMs, throttled: false });
      logger.debug({ service, operation, pool, durationMs }, 'aws call');
      return result;
    } catch (error) {
      const durationMs = performance.now() - started;
      const verdict = classifyAwsError(error);
      const throttled = verdict.errorClass === 'throttling';
      recorder.record({ service, operation, pool, durationMs, throttled, error: verdict.code });
      logger.debug(
        { service, operation, pool, durationMs, error: verdict.code },
        'aws call failed',
      );
      throw error;
    }
  };
}

/** Releases the clients' sockets so the process can end. */
export function destroyClients(clients: AwsClients): void {
  clients.lambda.destroy();
  clients.ec2.destroy();
}
