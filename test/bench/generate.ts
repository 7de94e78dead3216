import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { seededRandom } from '../../src/sandbox/faults.js';

/** The shape of a generated GitOps folder. */
export interface FleetShape {
  functions: number;
  providers: number;
  /** Seed of the generator: the same seed and shape give the same files. */
  seed: number;
}

/** Where a generated fleet was written, and the names in it. */
export interface GeneratedFleet {
  folder: string;
  providerNames: string[];
  functionNames: string[];
  /** Functions per publish mode (None where a provider's version limit left no room). */
  publishModes: Record<string, number>;
}

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/lmi-function-execution`;
const OPERATOR_ROLE = `arn:aws:iam::${ACCOUNT}:role/lmi-capacity-provider-operator`;
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0a1b2c3d-0000-4000-8000-00000000a001`;
const SUBNETS = [
  'subnet-0c0ffee00000000a1',
  'subnet-0c0ffee00000000b1',
  'subnet-0c0ffee00000000c1',
];
const CLOSED_GROUP = 'sg-0c0ffee00000000d1';
const BUCKET = 'lmi-artifacts-123456789012';

// The seeded S3 objects (data/sandbox-seed.json): S3 code needs no zipping, so generation is cheap.
const CODE_OBJECTS = [
  {
    s3Key: 'ledger/ledger-1.4.2.zip',
    s3ObjectVersion: '3sL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY',
    sha256: 'g7WQaKHTrBKlPB/diA9pPChHj4YN5+PhRyFOLNFO78E=',
  },
  {
    s3Key: 'ledger/ledger-1.5.0.zip',
    s3ObjectVersion: 'Xu9Kq2aUkI1cM5wJpR1s7gV0bYtNdEe4L',
    sha256: 'PHQ7FO7nfAx0sZxltK5eDEqAABhb7xp+kVyhvbZ+gLk=',
  },
];

const FUNCTIONS_PER_FILE = 200;
const TEAMS = ['payments', 'search', 'data', 'identity', 'growth', 'platform'];
const RUNTIMES = ['python3.13', 'python3.14', 'nodejs22.x', 'nodejs24.x', 'java21'];
const FAMILIES = {
  arm64: ['c7g.*', 'm7g.*', 'r7g.*'],
  x86_64: ['c7i.*', 'm7i.*', 'r7i.*', 'c6i.*'],
} as const;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/**
 * Writes a GitOps folder under `folder`: `shape.providers` capacity providers, `shape.functions`
 * functions spread over them round-robin, and one blocking guardrail every generated object
 * passes. Specs follow what public templates use (2 GiB per vCPU mostly, Graviton common, Auto
 * scaling mostly). Deterministic for a given shape. Throws when the folder cannot be written.
 */
export function generateFleet(folder: string, shape: FleetShape): GeneratedFleet {
  const random = seededRandom(shape.seed);
  const providers = Array.from({ length: shape.providers }, (_, i) => providerOf(random, i));
  const functions = Array.from({ length: shape.functions }, (_, i) =>
    functionOf(random, i, providers[i % providers.length]),
  );
  const publishModes: Record<string, number> = {};
  for (const f of functions) publishModes[f.publish] = (publishModes[f.publish] ?? 0) + 1;

  mkdirSync(join(folder, 'providers'), { recursive: true });
  mkdirSync(join(folder, 'guardrails'), { recursive: true });
  writeFileSync(
    join(folder, 'providers', 'providers.yaml'),
    documents(providers.map((p) => p.doc)),
  );
  writeFileSync(join(folder, 'guardrails', 'baseline.yaml'), documents([guardrail()]));
  // A folder per team, as teams own their folders; files stay well under the loader's 1 MiB.
  for (const team of TEAMS) {
    const ours = functions.filter((f) => f.team === team).map((f) => f.doc);
    if (ours.length === 0) continue;
    mkdirSync(join(folder, 'functions', team), { recursive: true });
    for (let start = 0; start < ours.length; start += FUNCTIONS_PER_FILE) {
      const file = `functions-${String(start / FUNCTIONS_PER_FILE).padStart(3, '0')}.yaml`;
      const chunk = ours.slice(start, start + FUNCTIONS_PER_FILE);
      writeFileSync(join(folder, 'functions', team, file), documents(chunk));
    }
  }
  return {
    folder,
    providerNames: providers.map((p) => p.name),
    functionNames: functions.map((f) => f.name),
    publishModes,
  };
}

interface GeneratedProvider {
  name: string;
  architecture: 'arm64' | 'x86_64';
  /** Function versions still free under the provider's limit of 100 ($LATEST counts). */
  versionRoom: number;
  doc: object;
}

function providerOf(random: Random, index: number): GeneratedProvider {
  const team = TEAMS[index % TEAMS.length] ?? 'platform';
  const name = `${team}-pool-${String(index).padStart(3, '0')}`;
  const architecture = random() < 0.6 ? 'arm64' : 'x86_64';
  const manual = random() < 0.25;
  const doc = {
    apiVersion: 'lmi/v1alpha1',
    kind: 'CapacityProvider',
    metadata: { name, labels: { team } },
    spec: {
      vpcConfig: {
        subnetIds: random() < 0.7 ? SUBNETS : SUBNETS.slice(0, 2),
        securityGroupIds: [CLOSED_GROUP],
      },
      permissionsConfig: { capacityProviderOperatorRoleArn: OPERATOR_ROLE },
      instanceRequirements: {
        architectures: [architecture],
        allowedInstanceTypes: FAMILIES[architecture].slice(0, 1 + Math.floor(random() * 2)),
      },
      capacityProviderScalingConfig: {
        maxVCpuCount: pick(random, [12, 16, 32, 48, 64]),
        scalingMode: manual ? 'Manual' : 'Auto',
        ...(manual ? { scalingPolicies: [cpuPolicy(random)] } : {}),
      },
      kmsKeyArn: KMS_KEY,
      tags: { 'cost-center': team },
    },
  };
  return { name, architecture, versionRoom: VERSIONS_PER_PROVIDER, doc };
}

function cpuPolicy(random: Random): object {
  return {
    predefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization',
    targetValue: pick(random, [50, 60, 70]),
  };
}

interface GeneratedFunction {
  name: string;
  team: string;
  publish: string;
  doc: object;
}

function functionOf(
  random: Random,
  index: number,
  provider: GeneratedProvider | undefined,
): GeneratedFunction {
  if (!provider) throw new RangeError('a fleet needs at least one capacity provider');
  const team = provider.name.split('-')[0] ?? 'platform';
  const name = `${team}-fn-${String(index).padStart(5, '0')}`;
  const ratio = random() < 0.8 ? 2 : 4;
  const code = pick(random, CODE_OBJECTS);
  const publishing = publishingOf(random, provider.versionRoom);
  provider.versionRoom -= publishing.versions;
  const doc = {
    apiVersion: 'lmi/v1alpha1',
    kind: 'Function',
    metadata: { name, labels: { team } },
    spec: {
      runtime: pick(random, RUNTIMES),
      handler: 'app.handler',
      role: ROLE,
      architectures: [provider.architecture],
      memorySize: ratio * 1024 * pick(random, [1, 2, 4]),
      timeout: pick(random, [10, 30, 60, 300]),
      environment: { variables: { LOG_LEVEL: pick(random, ['info', 'warn']), TEAM: team } },
      code: { s3Bucket: BUCKET, ...code },
      capacityProviderConfig: {
        lambdaManagedInstancesCapacityProviderConfig: {
          capacityProviderRef: provider.name,
          perExecutionEnvironmentMaxConcurrency: pick(random, [2, 8, 16, 32, 64, 200]),
          executionEnvironmentMemoryGiBPerVCpu: ratio,
        },
      },
      ...publishing.spec,
      tags: { 'cost-center': team },
    },
  };
  return { name, team, publish: publishing.spec.publish, doc };
}

/**
 * AWS allows 100 function versions per capacity provider, and $LATEST counts: a LatestPublished
 * function holds two, a Versions one $LATEST, its retained versions and one more while it
 * publishes. Twenty providers for a thousand functions is fifty a provider, right at that limit,
 * so a function that would not fit is left unpublished (a staged function, publish None).
 */
const VERSIONS_PER_PROVIDER = 100;
const RETAINED_VERSIONS = 2;

interface Publishing {
  spec: { publish: string } & Record<string, unknown>;
  /** Versions it holds on its provider at most. */
  versions: number;
}

// Most functions keep $LATEST.PUBLISHED; some pin scaling; a few keep numbered versions, aliases.
function publishingOf(random: Random, room: number): Publishing {
  const roll = random();
  const numbered = RETAINED_VERSIONS + 2;
  if (roll < 0.1 && room >= numbered) {
    const spec = {
      publish: 'Versions',
      versionRetention: RETAINED_VERSIONS,
      aliases: [{ name: 'live', functionVersion: 'Latest' }],
    };
    return { spec, versions: numbered };
  }
  if (room < 2) return { spec: { publish: 'None' }, versions: 1 };
  const scaling = { minExecutionEnvironments: 1, maxExecutionEnvironments: 10 };
  const spec = { publish: 'LatestPublished', ...(roll < 0.35 ? { scalingConfig: scaling } : {}) };
  return { spec, versions: 2 };
}

function guardrail(): object {
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: 'Guardrail',
    metadata: { name: 'bench-baseline' },
    spec: {
      enforcement: 'Block',
      capacityProviders: {
        maxVCpuCount: 64,
        allowedArchitectures: ['arm64', 'x86_64'],
        requireKmsKey: true,
        minAvailabilityZones: 2,
        forbidOpenIngress: true,
      },
      functions: {
        allowedRuntimes: RUNTIMES,
        maxPerExecutionEnvironmentMaxConcurrency: 200,
        requireCapacityProvider: true,
      },
      changes: { maxDeletesPerApply: 10 },
    },
  };
}

function documents(docs: object[]): string {
  return docs.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}
