import { LambdaClient } from '@aws-sdk/client-lambda';
import { pino } from 'pino';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Short state-machine delays and ten-times quotas: behaviour of AWS, at test speed. */
export const FAST_TIMING = {
  providerActivationMs: 150,
  providerDeletionMs: 100,
  functionActivationMs: 80,
  functionUpdateMs: 80,
  publishMs: 100,
  functionDeletionMs: 50,
};

/** Starts an in-process sandbox at test speed. */
export function fastSandbox(): Promise<RunningSandbox> {
  return startSandbox({ timing: FAST_TIMING, rateScale: 10, randomSeed: 7 });
}

/** Controller clients pointed at `sandbox`, with the whole quota (the sandbox is scaled up). */
export function clientsFor(sandbox: RunningSandbox): AwsClients {
  return createAwsClients(
    { region: sandbox.region, endpoint: sandbox.url, credentials: TEST_CREDENTIALS },
    { apiShare: 1, logger: pino({ level: 'silent' }) },
  );
}

/** A plain SDK client for out-of-band changes, as another tool in the account would make them. */
export function outOfBandLambda(sandbox: RunningSandbox): LambdaClient {
  return new LambdaClient({
    region: sandbox.region,
    endpoint: sandbox.url,
    credentials: TEST_CREDENTIALS,
  });
}

/** CLI arguments that point a command at `sandbox`. */
export function endpointArgs(sandbox: RunningSandbox): string[] {
  return ['--endpoint', sandbox.url, '--region', sandbox.region, '--log-level', 'silent'];
}
