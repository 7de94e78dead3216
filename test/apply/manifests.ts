import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The seeded account's names, so small manifests validate and converge in the sandbox. */
export const SEED = {
  subnets: ['subnet-0c0ffee00000000a1', 'subnet-0c0ffee00000000b1'],
  securityGroup: 'sg-0c0ffee00000000d1',
  operatorRole: 'arn:aws:iam::123456789012:role/lmi-capacity-provider-operator',
  executionRole: 'arn:aws:iam::123456789012:role/lmi-function-execution',
  bucket: 'lmi-artifacts-123456789012',
  /** Two seeded S3 objects: a change from one to the other is a code change. */
  code: {
    old: { key: 'ledger/ledger-1.4.2.zip', sha256: 'g7WQaKHTrBKlPB/diA9pPChHj4YN5+PhRyFOLNFO78E=' },
    new: { key: 'ledger/ledger-1.5.0.zip', sha256: 'PHQ7FO7nfAx0sZxltK5eDEqAABhb7xp+kVyhvbZ+gLk=' },
  },
} as const;

/** What a test provider may vary. */
export interface ProviderOptions {
  instanceTypes?: string[];
  maxVCpu?: number;
  annotations?: Record<string, string>;
}

/** A small arm64 capacity provider on the seeded network. */
export function providerYaml(name: string, options: ProviderOptions = {}): string {
  return `apiVersion: lmi/v1alpha1
kind: CapacityProvider
metadata:
  name: ${name}
  annotations: ${JSON.stringify(options.annotations ?? {})}
spec:
  vpcConfig:
    subnetIds: ${JSON.stringify(SEED.subnets)}
    securityGroupIds: [${SEED.securityGroup}]
  permissionsConfig:
    capacityProviderOperatorRoleArn: ${SEED.operatorRole}
  instanceRequirements:
    architectures: [arm64]
    allowedInstanceTypes: ${JSON.stringify(options.instanceTypes ?? ['c7g.*'])}
  capacityProviderScalingConfig:
    maxVCpuCount: ${options.maxVCpu ?? 16}
    scalingMode: Auto
`;
}

/** What a test function may vary. */
export interface FunctionOptions {
  /** The provider it runs on; null for a function without a capacity provider. */
  provider?: string | null;
  memorySize?: number;
  code?: 'old' | 'new';
  role?: string;
  publish?: 'LatestPublished' | 'Versions' | 'None';
  versionRetention?: number;
  /** Alias name to the version it points at (`Latest` or a number). */
  aliases?: Record<string, string | number>;
  tags?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A small python function taking its code from a seeded S3 object. */
export function functionYaml(name: string, options: FunctionOptions = {}): string {
  const code = SEED.code[options.code ?? 'old'];
  const provider = options.provider === undefined ? 'steady' : options.provider;
  const lines = [
    'apiVersion: lmi/v1alpha1',
    'kind: Function',
    'metadata:',
    `  name: ${name}`,
    `  annotations: ${JSON.stringify(options.annotations ?? {})}`,
    'spec:',
    '  runtime: python3.13',
    '  handler: app.handler',
    `  role: ${options.role ?? SEED.executionRole}`,
    provider === null ? '' : '  architectures: [arm64]',
    `  memorySize: ${options.memorySize ?? 2048}`,
    '  code:',
    `    s3Bucket: ${SEED.bucket}`,
    `    s3Key: ${code.key}`,
    `    sha256: ${code.sha256}`,
    `  publish: ${options.publish ?? (provider === null ? 'None' : 'LatestPublished')}`,
    options.versionRetention === undefined ? '' : `  versionRetention: ${options.versionRetention}`,
    options.tags ? `  tags: ${JSON.stringify(options.tags)}` : '',
  ];
  if (provider !== null) {
    lines.push(
      '  capacityProviderConfig:',
      '    lambdaManagedInstancesCapacityProviderConfig:',
      `      capacityProviderRef: ${provider}`,
      '      executionEnvironmentMemoryGiBPerVCpu: 2',
    );
  }
  if (options.aliases) {
    lines.push('  aliases:');
    for (const [alias, version] of Object.entries(options.aliases)) {
      lines.push(`    - name: ${alias}`, `      functionVersion: ${version}`);
    }
  }
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}

/** A throw-away manifest folder whose files tests write and rewrite between applies. */
export interface ManifestFolder {
  root: string;
  /** Replaces the folder's whole content with these files (path to YAML). */
  set(files: Record<string, string>): void;
  remove(): void;
}

/** Creates an empty manifest folder under the system temp folder. */
export function manifestFolder(): ManifestFolder {
  const root = mkdtempSync(join(tmpdir(), 'lmi-apply2-'));
  return {
    root,
    set(files) {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
