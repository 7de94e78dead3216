import type { CapacityProvider } from '@aws-sdk/client-lambda';
import type { CapacityProviderManifest } from '../../manifests/types.js';
import { asSet, compareViews, type Comparable } from '../../plan/compare.js';
import type { Difference } from '../../plan/types.js';
import type { LiveCapacityProvider } from '../live-state.js';
import { completeKeyedView, tagView } from '../tags.js';

/**
 * Fields AWS accepts only at create time: a change to any of them means delete and create again.
 * UpdateCapacityProvider takes scaling config, PropagateTags and TelemetryConfig only.
 */
export const CREATE_ONLY_PREFIXES = [
  'vpcConfig.',
  'permissionsConfig.',
  'instanceRequirements.',
  'kmsKeyArn',
] as const;

/** Server defaults filled in on the desired side so an omitted field never shows as a diff. */
const DEFAULT_ARCHITECTURES = ['x86_64'];
const DEFAULT_SCALING_MODE = 'Auto';

/**
 * The canonical view of a capacity provider manifest. Sets are sorted, defaults filled in; fields
 * the manifest leaves out and AWS has no fixed default for (maxVCpuCount, telemetry) stay
 * undefined, which means "not managed".
 */
export function desiredProviderView(manifest: CapacityProviderManifest): Comparable {
  const spec = manifest.spec;
  const requirements = spec.instanceRequirements;
  const scaling = spec.capacityProviderScalingConfig;
  const allowed = requirements && 'allowedInstanceTypes' in requirements;
  const excluded = requirements && 'excludedInstanceTypes' in requirements;
  return {
    'vpcConfig.subnetIds': asSet(spec.vpcConfig.subnetIds),
    'vpcConfig.securityGroupIds': asSet(spec.vpcConfig.securityGroupIds),
    'permissionsConfig.capacityProviderOperatorRoleArn':
      spec.permissionsConfig.capacityProviderOperatorRoleArn,
    'instanceRequirements.architectures': requirements?.architectures ?? DEFAULT_ARCHITECTURES,
    'instanceRequirements.allowedInstanceTypes': allowed
      ? asSet(requirements.allowedInstanceTypes)
      : [],
    'instanceRequirements.excludedInstanceTypes': excluded
      ? asSet(requirements.excludedInstanceTypes)
      : [],
    kmsKeyArn: spec.kmsKeyArn ?? null,
    'capacityProviderScalingConfig.maxVCpuCount': scaling?.maxVCpuCount,
    'capacityProviderScalingConfig.scalingMode': scaling?.scalingMode ?? DEFAULT_SCALING_MODE,
    'capacityProviderScalingConfig.scalingPolicies': scaling?.scalingPolicies?.map((p) => ({
      predefinedMetricType: p.predefinedMetricType,
      targetValue: p.targetValue,
    })),
    'propagateTags.mode': spec.propagateTags?.mode,
    'propagateTags.explicitTags': spec.propagateTags?.explicitTags,
    'telemetryConfig.loggingConfig.logGroup': spec.telemetryConfig?.loggingConfig?.logGroup,
    'telemetryConfig.loggingConfig.systemLogLevel':
      spec.telemetryConfig?.loggingConfig?.systemLogLevel,
    ...tagView(spec.tags),
  };
}

/** The canonical view of a live capacity provider, shaped like `desiredProviderView`. */
export function liveProviderView(live: LiveCapacityProvider): Comparable {
  const config: CapacityProvider = live.config;
  const requirements = config.InstanceRequirements;
  const scaling = config.CapacityProviderScalingConfig;
  return {
    'vpcConfig.subnetIds': asSet(config.VpcConfig?.SubnetIds ?? []),
    'vpcConfig.securityGroupIds': asSet(config.VpcConfig?.SecurityGroupIds ?? []),
    'permissionsConfig.capacityProviderOperatorRoleArn':
      config.PermissionsConfig?.CapacityProviderOperatorRoleArn,
    'instanceRequirements.architectures': requirements?.Architectures ?? DEFAULT_ARCHITECTURES,
    'instanceRequirements.allowedInstanceTypes': asSet(requirements?.AllowedInstanceTypes ?? []),
    'instanceRequirements.excludedInstanceTypes': asSet(requirements?.ExcludedInstanceTypes ?? []),
    kmsKeyArn: config.KmsKeyArn ?? null,
    'capacityProviderScalingConfig.maxVCpuCount': scaling?.MaxVCpuCount,
    'capacityProviderScalingConfig.scalingMode': canonicalMode(scaling?.ScalingMode),
    'capacityProviderScalingConfig.scalingPolicies': scaling?.ScalingPolicies?.map((p) => ({
      predefinedMetricType: p.PredefinedMetricType,
      targetValue: p.TargetValue,
    })),
    'propagateTags.mode': config.PropagateTags?.Mode,
    'propagateTags.explicitTags': config.PropagateTags?.ExplicitTags,
    'telemetryConfig.loggingConfig.logGroup': config.TelemetryConfig?.LoggingConfig?.LogGroup,
    'telemetryConfig.loggingConfig.systemLogLevel':
      config.TelemetryConfig?.LoggingConfig?.SystemLogLevel,
    ...tagView(live.tags),
  };
}

// AWS documents exact casing, but a read that differs only in case must not cause an update loop.
function canonicalMode(mode: string | undefined): string {
  if (!mode) return DEFAULT_SCALING_MODE;
  return mode.toLowerCase() === 'manual' ? 'Manual' : 'Auto';
}

/** The comparison of one provider: its differences, and the create-only one forcing a replace. */
export interface ProviderComparison {
  differences: Difference[];
  replaceReason?: string;
}

/** Compares a provider manifest with the live provider of the same name. Pure. */
export function compareProvider(
  manifest: CapacityProviderManifest,
  live: LiveCapacityProvider,
): ProviderComparison {
  const liveView = liveProviderView(live);
  const desiredView = completeKeyedView(desiredProviderView(manifest), liveView, 'tags.');
  const differences = compareViews(liveView, desiredView);
  const createOnly = differences.find((d) => isCreateOnly(d.path));
  if (!createOnly) return { differences };
  return {
    differences,
    replaceReason: `${createOnly.path} can only be set when the capacity provider is created`,
  };
}

/** Whether a provider field can only be set at create time. */
export function isCreateOnly(path: string): boolean {
  return CREATE_ONLY_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix));
}
