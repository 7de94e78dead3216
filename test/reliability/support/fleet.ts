import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../../src/sandbox/faults.js';

/** How big a generated manifest repository is, and the seed that varies its settings. */
export interface FleetShape {
  providers: number;
  functions: number;
  seed: number;
  /** Environment variables every function carries (secrets tests put a marker here). */
  environment?: Record<string, string>;
  /** Annotations every object carries (for example `lmi/adopt`). */
  annotations?: Record<string, string>;
}

const SUBNETS = ['subnet-0c0ffee00000000a1', 'subnet-0c0ffee00000000b1'];
const ACCOUNT = '123456789012';
const CODE = {
  s3Bucket: `lmi-artifacts-${ACCOUNT}`,
  s3Key: 'ledger/ledger-1.5.0.zip',
  s3ObjectVersion: 'Xu9Kq2aUkI1cM5wJpR1s7gV0bYtNdEe4L',
  sha256: 'PHQ7FO7nfAx0sZxltK5eDEqAABhb7xp+kVyhvbZ+gLk=',
};

// The sandbox's seeded generator: the generated fleet must be the same on every run.
export { seededRandom };

/** The names a fleet of `shape` declares, providers `fleet-p<i>` and functions `fleet-f<i>`. */
export function fleetNames(shape: Pick<FleetShape, 'providers' | 'functions'>): {
  providers: string[];
  functions: string[];
} {
  return {
    providers: Array.from({ length: shape.providers }, (_, i) => `fleet-p${i}`),
    functions: Array.from({ length: shape.functions }, (_, i) => `fleet-f${i}`),
  };
}

function annotationsOf(shape: FleetShape): Record<string, string> {
  return shape.annotations ?? {};
}

function providerDocument(name: string, shape: FleetShape, random: () => number): object {
  const arm = random() < 0.5;
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: 'CapacityProvider',
    metadata: { name, labels: { fleet: 'reliability' }, annotations: annotationsOf(shape) },
    spec: {
      vpcConfig: { subnetIds: SUBNETS, securityGroupIds: ['sg-0c0ffee00000000d1'] },
      permissionsConfig: {
        capacityProviderOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/lmi-capacity-provider-operator`,
      },
      instanceRequirements: {
        architectures: [arm ? 'arm64' : 'x86_64'],
        allowedInstanceTypes: [arm ? 'c7g.*' : 'c7i.*'],
      },
      capacityProviderScalingConfig: {
        maxVCpuCount: 16 + Math.floor(random() * 4) * 8,
        scalingMode: 'Auto',
      },
      tags: { fleet: 'reliability' },
    },
  };
}

function functionDocument(
  name: string,
  provider: { name: string; arm: boolean },
  shape: FleetShape,
  random: () => number,
): object {
  const ratio = [2, 4][Math.floor(random() * 2)] ?? 2;
  const publish = ['LatestPublished', 'Versions', 'None'][Math.floor(random() * 3)] ?? 'None';
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: 'Function',
    metadata: { name, labels: { fleet: 'reliability' }, annotations: annotationsOf(shape) },
    spec: {
      runtime: random() < 0.5 ? 'python3.13' : 'nodejs22.x',
      handler: 'index.handler',
      role: `arn:aws:iam::${ACCOUNT}:role/lmi-function-execution`,
      architectures: [provider.arm ? 'arm64' : 'x86_64'],
      memorySize: 2048 * (1 + Math.floor(random() * 2)) * (ratio / 2),
      timeout: 10 + Math.floor(random() * 50),
      code: CODE,
      capacityProviderConfig: {
        lambdaManagedInstancesCapacityProviderConfig: {
          capacityProviderRef: provider.name,
          perExecutionEnvironmentMaxConcurrency: 1 + Math.floor(random() * 64),
          executionEnvironmentMemoryGiBPerVCpu: ratio,
        },
      },
      ...(shape.environment ? { environment: { variables: shape.environment } } : {}),
      publish,
      tags: { fleet: 'reliability' },
    },
  };
}

/**
 * Writes a manifest repository of `shape` into a new temporary folder (providers in one file,
 * one file per function) and returns the folder. JSON is valid YAML, so documents are written as
 * JSON to keep the generator free of quoting rules.
 */
export function writeFleet(shape: FleetShape, folder = mkdtempSync(join(tmpdir(), 'lmi-fleet-'))) {
  const random = seededRandom(shape.seed);
  const names = fleetNames(shape);
  const providers = names.providers.map((name) => {
    const document = providerDocument(name, shape, random) as {
      spec: { instanceRequirements: { architectures: string[] } };
    };
    return { name, arm: document.spec.instanceRequirements.architectures[0] === 'arm64', document };
  });
  mkdirSync(join(folder, 'functions'), { recursive: true });
  writeFileSync(
    join(folder, 'providers.yaml'),
    providers.map((p) => JSON.stringify(p.document, null, 2)).join('\n---\n'),
  );
  names.functions.forEach((name, index) => {
    const provider = providers[index % providers.length];
    if (!provider) throw new Error('a fleet with functions needs at least one provider');
    const document = functionDocument(name, provider, shape, random);
    writeFileSync(join(folder, 'functions', `${name}.yaml`), JSON.stringify(document, null, 2));
  });
  return folder;
}
