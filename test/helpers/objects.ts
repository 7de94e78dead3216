import type { CapacityProvider, FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { LiveCapacityProvider, LiveFunction } from '../../src/kinds/live-state.js';
import type {
  CapacityProviderManifest,
  CapacityProviderSpec,
  FunctionManifest,
  FunctionSpec,
} from '../../src/manifests/types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const CONTROLLER = 'lmi-test';
export const OWNED = { 'lmi:managed-by': CONTROLLER, 'lmi:deletion-policy': 'Delete' };

const source = (file: string) => {
  const location = { file, line: 1, column: 1 };
  return { file, baseDir: '.', location, locate: () => location };
};

const behaviour = { deletionPolicy: 'Delete' as const, adopt: false, suspend: false };

/** A provider manifest with the seeded network, overridable per test. */
export function providerManifest(
  name: string,
  spec: Partial<CapacityProviderSpec> = {},
  extra: Partial<CapacityProviderManifest> = {},
): CapacityProviderManifest {
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: 'CapacityProvider',
    metadata: { name, labels: {}, annotations: {} },
    spec: {
      vpcConfig: { subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
      permissionsConfig: {
        capacityProviderOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/operator`,
      },
      instanceRequirements: { architectures: ['arm64'], allowedInstanceTypes: ['c7g.*'] },
      capacityProviderScalingConfig: { maxVCpuCount: 64 },
      ...spec,
    },
    behaviour,
    source: source(`providers/${name}.yaml`),
    ...extra,
  };
}

/** The live provider AWS would report for `providerManifest(name)` as created. */
export function liveProvider(
  name: string,
  config: Partial<CapacityProvider> = {},
  tags: Record<string, string> = OWNED,
): LiveCapacityProvider {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:capacity-provider:${name}`;
  return {
    name,
    arn,
    tags,
    config: {
      CapacityProviderArn: arn,
      State: 'Active',
      VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
      PermissionsConfig: {
        CapacityProviderOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/operator`,
      },
      InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: ['c7g.*'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: 'Auto' },
      ...config,
    },
  };
}

/** A function manifest on provider `steady`, overridable per test. */
export function functionManifest(
  name: string,
  spec: Partial<FunctionSpec> = {},
  extra: Partial<FunctionManifest> = {},
): FunctionManifest {
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: 'Function',
    metadata: { name, labels: {}, annotations: {} },
    spec: {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: `arn:aws:iam::${ACCOUNT}:role/exec`,
      architectures: ['arm64'],
      code: { s3Bucket: 'b', s3Key: 'k', sha256: 'CODE' },
      capacityProviderConfig: {
        lambdaManagedInstancesCapacityProviderConfig: { capacityProviderRef: 'steady' },
      },
      publish: 'None',
      ...spec,
    },
    behaviour,
    source: source(`functions/${name}.yaml`),
    ...extra,
  };
}

/** The live function AWS would report for `functionManifest(name)` as created. */
export function liveFunction(
  name: string,
  config: Partial<FunctionConfiguration> = {},
  details: Partial<LiveFunction['details']> = {},
): LiveFunction {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  return {
    name,
    arn,
    latest: {
      FunctionName: name,
      FunctionArn: arn,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/exec`,
      Architectures: ['arm64'],
      CodeSha256: 'CODE',
      Timeout: 3,
      MemorySize: 2048,
      PackageType: 'Zip',
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
      TracingConfig: { Mode: 'PassThrough' },
      Description: '',
      RevisionId: 'rev-1',
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:capacity-provider:steady`,
        },
      },
      ...config,
    },
    details: { tags: OWNED, revisionId: 'rev-1', readAt: 0, ...details },
  };
}
