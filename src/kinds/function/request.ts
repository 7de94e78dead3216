import type {
  CreateFunctionCommandInput,
  FunctionCode,
  UpdateFunctionCodeCommandInput,
  UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import { toAwsShape } from '../../apply/aws-shape.js';
import type { FunctionManifest } from '../../manifests/types.js';
import type { Difference } from '../../plan/types.js';
import { controllerTags } from '../ownership.js';
import type { ZipPackage } from './code-package.js';

/** What a function's AWS requests are built from: its manifest and what it refers to. */
export interface FunctionTarget {
  manifest: FunctionManifest;
  /** The ARN of the provider it binds to (live, or created by this apply). */
  providerArn: string | undefined;
  /** The built package for `code.zipFile`. */
  codePackage: ZipPackage | undefined;
}

/** The CreateFunction request, with ownership tags in the same call. */
export function createFunctionInput(
  target: FunctionTarget,
  controllerId: string,
  publishToLatest: boolean,
): CreateFunctionCommandInput {
  const { manifest } = target;
  const spec = manifest.spec;
  return {
    ...(toAwsShape(plainMembers(manifest)) as Partial<CreateFunctionCommandInput>),
    ...bindingMember(target),
    ...(spec.kmsKeyArn === undefined ? {} : { KMSKeyArn: spec.kmsKeyArn }),
    FunctionName: manifest.metadata.name,
    Role: spec.role,
    Code: codeOf(target),
    Tags: { ...spec.tags, ...controllerTags(controllerId, manifest.behaviour) },
    ...(publishToLatest ? { PublishTo: 'LATEST_PUBLISHED' } : {}),
  };
}

/** The spec members that map one to one onto CreateFunction members. */
function plainMembers(manifest: FunctionManifest): Record<string, unknown> {
  const {
    code: _code,
    publish: _publish,
    scalingConfig: _scaling,
    aliases: _aliases,
    versionRetention: _retention,
    tags: _tags,
    capacityProviderConfig: _binding,
    kmsKeyArn: _kms,
    ...plain
  } = manifest.spec;
  return plain;
}

function bindingMember(
  target: FunctionTarget,
): Pick<CreateFunctionCommandInput, 'CapacityProviderConfig'> {
  const binding =
    target.manifest.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
  if (!binding) return {};
  return {
    CapacityProviderConfig: {
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn:
          'capacityProviderArn' in binding ? binding.capacityProviderArn : target.providerArn,
        PerExecutionEnvironmentMaxConcurrency: binding.perExecutionEnvironmentMaxConcurrency,
        ExecutionEnvironmentMemoryGiBPerVCpu: binding.executionEnvironmentMemoryGiBPerVCpu,
      },
    },
  };
}

/** The code members of a request: the built zip, the S3 object, or the image. */
export function codeOf(target: FunctionTarget): FunctionCode {
  const code = target.manifest.spec.code;
  if ('zipFile' in code) {
    if (!target.codePackage) throw new Error(`no package was built for ${code.zipFile}`);
    return { ZipFile: target.codePackage.bytes, SourceKMSKeyArn: code.sourceKMSKeyArn };
  }
  if ('imageUri' in code) return { ImageUri: code.imageUri };
  const { sha256: _sha256, ...s3 } = code;
  return toAwsShape(s3) as FunctionCode;
}

/** The CodeSha256 the desired code has: the built zip's, or the hash the manifest states for S3. */
export function desiredCodeSha(target: FunctionTarget): string | undefined {
  const code = target.manifest.spec.code;
  if ('zipFile' in code) return target.codePackage?.sha256;
  return 's3Bucket' in code ? code.sha256 : undefined;
}

/**
 * Whether a change needs UpdateFunctionCode (new code, or a new architecture, which goes with it).
 */
export function needsCodeUpdate(differences: readonly Difference[]): boolean {
  return differences.some((d) => d.path === 'code.sha256' || d.path === 'architectures');
}

/** The UpdateFunctionCode request: the code and the architecture, published when asked. */
export function codeUpdateInput(
  target: FunctionTarget,
  publishToLatest: boolean,
): UpdateFunctionCodeCommandInput {
  const spec = target.manifest.spec;
  return {
    FunctionName: target.manifest.metadata.name,
    ...codeOf(target),
    Architectures: spec.architectures ?? ['x86_64'],
    ...(publishToLatest ? { PublishTo: 'LATEST_PUBLISHED' } : {}),
  };
}

/**
 * UpdateFunctionConfiguration members by the first segment of a difference path. Omitted members
 * get the server default the differ assumed, so removing a field from a manifest resets it.
 */
const CONFIGURATION_MEMBERS: Record<string, (target: FunctionTarget) => object> = {
  runtime: ({ manifest }) => ({ Runtime: manifest.spec.runtime }),
  handler: ({ manifest }) => ({ Handler: manifest.spec.handler }),
  role: ({ manifest }) => ({ Role: manifest.spec.role }),
  description: ({ manifest }) => ({ Description: manifest.spec.description ?? '' }),
  timeout: ({ manifest }) => ({ Timeout: manifest.spec.timeout ?? 3 }),
  memorySize: ({ manifest }) => ({ MemorySize: manifest.spec.memorySize }),
  layers: ({ manifest }) => ({ Layers: manifest.spec.layers ?? [] }),
  ephemeralStorage: ({ manifest }) => ({
    EphemeralStorage: { Size: manifest.spec.ephemeralStorage?.size ?? 512 },
  }),
  loggingConfig: ({ manifest }) => ({
    LoggingConfig: toAwsShape({
      logFormat: 'Text',
      logGroup: `/aws/lambda/${manifest.metadata.name}`,
      ...manifest.spec.loggingConfig,
    }),
  }),
  tracingConfig: ({ manifest }) => ({
    TracingConfig: { Mode: manifest.spec.tracingConfig?.mode ?? 'PassThrough' },
  }),
  kmsKeyArn: ({ manifest }) => ({ KMSKeyArn: manifest.spec.kmsKeyArn ?? '' }),
  capacityProviderConfig: (target) => bindingMember(target),
  environment: ({ manifest }) => ({
    Environment: { Variables: { ...manifest.spec.environment?.variables } },
  }),
};

/**
 * The UpdateFunctionConfiguration request carrying only the members that differ, or undefined when
 * no configuration member differs.
 */
export function configurationUpdateInput(
  target: FunctionTarget,
  differences: readonly Difference[],
): UpdateFunctionConfigurationCommandInput | undefined {
  const input: UpdateFunctionConfigurationCommandInput = {
    FunctionName: target.manifest.metadata.name,
  };
  let any = false;
  for (const difference of differences) {
    const member = CONFIGURATION_MEMBERS[difference.path.split('.')[0] ?? ''];
    if (!member) continue;
    Object.assign(input, member(target));
    any = true;
  }
  return any ? input : undefined;
}
