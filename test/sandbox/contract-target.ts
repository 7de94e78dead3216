import { EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** Short state-machine delays for tests; the waiters below poll fast enough to see them. */
export const FAST_TIMING = {
  providerActivationMs: 150,
  providerDeletionMs: 100,
  functionActivationMs: 100,
  functionUpdateMs: 150,
  publishMs: 150,
  functionDeletionMs: 100,
};

/** The network, roles and code a contract test uses; the seed's ids unless the target says. */
export interface TargetFixtures {
  subnetIds: string[];
  securityGroupIds: string[];
  operatorRoleArn: string;
  executionRoleArn: string;
  s3Code: { S3Bucket: string; S3Key: string; sha256: string };
}

/** An endpoint the contract suite runs against, with SDK clients pointed at it. */
export interface ContractTarget {
  name: string;
  lambda: LambdaClient;
  ec2: EC2Client;
  fixtures: TargetFixtures;
  /** Waiter settings: fast polling against the sandbox, SDK defaults elsewhere. */
  wait: { minDelay: number; maxDelay: number; maxWaitTime: number };
  /** A name unique to this run, so an external account is not polluted by collisions. */
  unique(prefix: string): string;
  /** Present only for the in-process sandbox: sandbox-only facts (stats, faults) use it. */
  sandbox?: RunningSandbox;
  close(): Promise<void>;
}

const SEED_FIXTURES: TargetFixtures = {
  subnetIds: ['subnet-0c0ffee00000000a1', 'subnet-0c0ffee00000000b1', 'subnet-0c0ffee00000000c1'],
  securityGroupIds: ['sg-0c0ffee00000000d1'],
  operatorRoleArn: 'arn:aws:iam::123456789012:role/lmi-capacity-provider-operator',
  executionRoleArn: 'arn:aws:iam::123456789012:role/lmi-function-execution',
  s3Code: {
    S3Bucket: 'lmi-artifacts-123456789012',
    S3Key: 'ledger/ledger-1.4.2.zip',
    sha256: 'g7WQaKHTrBKlPB/diA9pPChHj4YN5+PhRyFOLNFO78E=',
  },
};

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Clients pointed at the sandbox, with fast polling and a small retry budget. */
export function clientsFor(url: string, region: string, maxAttempts = 3) {
  const config = {
    endpoint: url,
    region,
    maxAttempts,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
  };
  return { lambda: new LambdaClient(config), ec2: new EC2Client(config) };
}

/** Starts an in-process sandbox target (fast timing, rate scale 50 unless overridden). */
export async function sandboxTarget(options: SandboxOptions = {}): Promise<ContractTarget> {
  const sandbox = await startSandbox({
    timing: FAST_TIMING,
    rateScale: 50,
    randomSeed: 7,
    ...options,
  });
  const { lambda, ec2 } = clientsFor(sandbox.url, sandbox.region);
  return {
    name: 'sandbox',
    lambda,
    ec2,
    fixtures: SEED_FIXTURES,
    wait: { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 20 },
    unique: uniqueName,
    sandbox,
    close: async () => {
      lambda.destroy();
      ec2.destroy();
      await sandbox.close();
    },
  };
}

function listFromEnv(name: string, fallback: string[]): string[] {
  const value = process.env[name];
  return value ? value.split(',').map((item) => item.trim()) : fallback;
}

/**
 * A target for the endpoint named by LMI_CONTRACT_ENDPOINT (LocalStack Pro, a real test account),
 * with LMI_CONTRACT_REGION and the standard AWS credential variables; network and roles from
 * LMI_CONTRACT_SUBNET_IDS, LMI_CONTRACT_SECURITY_GROUP_IDS, LMI_CONTRACT_OPERATOR_ROLE_ARN,
 * LMI_CONTRACT_EXECUTION_ROLE_ARN. Undefined when no endpoint is named.
 */
export function externalTarget(): ContractTarget | undefined {
  const endpoint = process.env.LMI_CONTRACT_ENDPOINT;
  if (!endpoint) return undefined;
  const region = process.env.LMI_CONTRACT_REGION ?? 'us-east-1';
  const lambda = new LambdaClient({ endpoint, region });
  const ec2 = new EC2Client({ endpoint, region });
  return {
    name: `external ${endpoint}`,
    lambda,
    ec2,
    fixtures: {
      ...SEED_FIXTURES,
      subnetIds: listFromEnv('LMI_CONTRACT_SUBNET_IDS', SEED_FIXTURES.subnetIds),
      securityGroupIds: listFromEnv(
        'LMI_CONTRACT_SECURITY_GROUP_IDS',
        SEED_FIXTURES.securityGroupIds,
      ),
      operatorRoleArn: process.env.LMI_CONTRACT_OPERATOR_ROLE_ARN ?? SEED_FIXTURES.operatorRoleArn,
      executionRoleArn:
        process.env.LMI_CONTRACT_EXECUTION_ROLE_ARN ?? SEED_FIXTURES.executionRoleArn,
    },
    wait: { minDelay: 2, maxDelay: 10, maxWaitTime: 600 },
    unique: uniqueName,
    close: () => {
      lambda.destroy();
      ec2.destroy();
      return Promise.resolve();
    },
  };
}

/**
 * The targets a contract suite runs against: the in-process sandbox always, and an external
 * endpoint (reported as skipped when LMI_CONTRACT_ENDPOINT is unset).
 */
export const CONTRACT_TARGETS: {
  name: string;
  enabled: boolean;
  open: () => Promise<ContractTarget>;
}[] = [
  { name: 'sandbox', enabled: true, open: () => sandboxTarget() },
  {
    name: 'external endpoint (LMI_CONTRACT_ENDPOINT)',
    enabled: process.env.LMI_CONTRACT_ENDPOINT !== undefined,
    open: () => {
      const target = externalTarget();
      if (!target) throw new Error('LMI_CONTRACT_ENDPOINT is not set');
      return Promise.resolve(target);
    },
  },
];

/** A small zip-like payload: the sandbox hashes whatever bytes it gets. */
export function zipBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
