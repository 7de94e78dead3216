import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { FunctionManifest } from '../../manifests/types.js';
import { compareViews, type Comparable } from '../../plan/compare.js';
import type { Difference } from '../../plan/types.js';
import { nameFromArn } from '../arns.js';
import type { LiveFunction } from '../live-state.js';
import { completeKeyedView, tagView } from '../tags.js';
import { LATEST_PUBLISHED } from './read.js';

/** Paths under which values are secrets: shown as changed or unchanged, never with values. */
export function isSensitivePath(path: string): boolean {
  return path.startsWith('environment.variables');
}

/** What comparing needs beyond the manifest and the live function. */
export interface FunctionCompareContext {
  /** CodeSha256 of the desired code (built zip or stated S3 hash); undefined when unknown. */
  codeSha256: string | undefined;
}

/** The publish mode in force: the manifest's, else LatestPublished on a provider, else None. */
export function publishModeOf(manifest: FunctionManifest): 'LatestPublished' | 'Versions' | 'None' {
  return manifest.spec.publish ?? (boundProviderName(manifest) ? 'LatestPublished' : 'None');
}

/** The capacity provider a manifest binds the function to, by name; undefined when none. */
export function boundProviderName(manifest: FunctionManifest): string | undefined {
  const binding =
    manifest.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
  if (!binding) return undefined;
  return 'capacityProviderRef' in binding
    ? binding.capacityProviderRef
    : nameFromArn(binding.capacityProviderArn);
}

/** The capacity provider a live function is bound to, by name; undefined when none. */
export function liveProviderName(config: FunctionConfiguration): string | undefined {
  const arn =
    config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig
      ?.CapacityProviderArn;
  return arn ? nameFromArn(arn) : undefined;
}

/**
 * The configuration part of the canonical view of a manifest: what UpdateFunctionConfiguration
 * and UpdateFunctionCode set. Server defaults are filled in (timeout 3 s, 512 MB ephemeral storage,
 * Text logs to /aws/lambda/<name>, x86_64, Zip, PassThrough tracing); memory is left unmanaged when
 * omitted on a capacity provider, where AWS does not apply the 128 MB default.
 */
export function desiredConfigView(manifest: FunctionManifest, codeSha256?: string): Comparable {
  const spec = manifest.spec;
  const name = manifest.metadata.name;
  const binding = spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
  const view: Comparable = {
    runtime: spec.runtime,
    handler: spec.handler,
    role: spec.role,
    description: spec.description ?? '',
    timeout: spec.timeout ?? 3,
    memorySize: spec.memorySize ?? (binding ? undefined : 128),
    architectures: spec.architectures ?? ['x86_64'],
    packageType: spec.packageType ?? 'Zip',
    layers: spec.layers ?? [],
    'ephemeralStorage.size': spec.ephemeralStorage?.size ?? 512,
    'loggingConfig.logFormat': spec.loggingConfig?.logFormat ?? 'Text',
    'loggingConfig.logGroup': spec.loggingConfig?.logGroup ?? `/aws/lambda/${name}`,
    'loggingConfig.applicationLogLevel': spec.loggingConfig?.applicationLogLevel,
    'loggingConfig.systemLogLevel': spec.loggingConfig?.systemLogLevel,
    'tracingConfig.mode': spec.tracingConfig?.mode ?? 'PassThrough',
    kmsKeyArn: spec.kmsKeyArn ?? null,
    'capacityProviderConfig.capacityProvider': boundProviderName(manifest) ?? null,
    'capacityProviderConfig.perExecutionEnvironmentMaxConcurrency':
      binding?.perExecutionEnvironmentMaxConcurrency,
    'capacityProviderConfig.executionEnvironmentMemoryGiBPerVCpu':
      binding?.executionEnvironmentMemoryGiBPerVCpu,
    'code.sha256': codeSha256,
  };
  for (const [key, value] of Object.entries(spec.environment?.variables ?? {})) {
    view[`environment.variables.${key}`] = value;
  }
  return view;
}

/** The configuration part of the canonical view of a live function version. */
export function liveConfigView(config: FunctionConfiguration): Comparable {
  const binding = config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  const view: Comparable = {
    runtime: config.Runtime,
    handler: config.Handler,
    role: config.Role,
    description: config.Description ?? '',
    timeout: config.Timeout,
    memorySize: config.MemorySize,
    architectures: config.Architectures ?? ['x86_64'],
    packageType: config.PackageType ?? 'Zip',
    layers: (config.Layers ?? []).map((layer) => layer.Arn),
    'ephemeralStorage.size': config.EphemeralStorage?.Size ?? 512,
    'loggingConfig.logFormat': config.LoggingConfig?.LogFormat ?? 'Text',
    'loggingConfig.logGroup':
      config.LoggingConfig?.LogGroup ?? `/aws/lambda/${config.FunctionName ?? ''}`,
    'loggingConfig.applicationLogLevel': config.LoggingConfig?.ApplicationLogLevel,
    'loggingConfig.systemLogLevel': config.LoggingConfig?.SystemLogLevel,
    'tracingConfig.mode': config.TracingConfig?.Mode ?? 'PassThrough',
    kmsKeyArn: config.KMSKeyArn ?? null,
    'capacityProviderConfig.capacityProvider': liveProviderName(config) ?? null,
    'capacityProviderConfig.perExecutionEnvironmentMaxConcurrency':
      binding?.PerExecutionEnvironmentMaxConcurrency,
    'capacityProviderConfig.executionEnvironmentMemoryGiBPerVCpu':
      binding?.ExecutionEnvironmentMemoryGiBPerVCpu,
    'code.sha256': config.CodeSha256,
  };
  for (const [key, value] of Object.entries(config.Environment?.Variables ?? {})) {
    view[`environment.variables.${key}`] = value;
  }
  return view;
}

/**
 * Whether the published version (`$LATEST.PUBLISHED`, or the newest numbered one) already carries
 * the code and configuration the manifest asks for. Compared with the manifest rather than with
 * `$LATEST`, so repairing out-of-band drift on `$LATEST` publishes nothing (publishing launches
 * instances), while a crash between an update and its publish still leaves a publish due.
 */
export function publishedMatches(
  manifest: FunctionManifest,
  live: LiveFunction,
  codeSha256: string | undefined,
): boolean {
  const published = live.details.published;
  if (!published) return false;
  const publishedView = liveConfigView(published);
  const desired = completeKeyedView(
    desiredConfigView(manifest, codeSha256),
    publishedView,
    'environment.variables.',
  );
  return compareViews(publishedView, desired).length === 0;
}

function publishedLabel(live: LiveFunction): string {
  return live.details.published ? 'behind the manifest' : 'never published';
}

/** The comparison of one function. */
export interface FunctionComparison {
  differences: Difference[];
  /** Set when the change cannot be made in place (binding added or removed, package type). */
  replaceReason?: string;
  /** Whether applying must publish (code or configuration changed, or published version behind). */
  publishDue: boolean;
}

/** Compares a function manifest with the live function of the same name. Pure. */
export function compareFunction(
  manifest: FunctionManifest,
  live: LiveFunction,
  context: FunctionCompareContext,
): FunctionComparison {
  const mode = publishModeOf(manifest);
  const liveConfig = liveConfigView(live.latest);
  const desiredConfig = completeKeyedView(
    desiredConfigView(manifest, context.codeSha256),
    liveConfig,
    'environment.variables.',
  );
  const configDifferences = compareViews(liveConfig, desiredConfig, {
    isSensitive: isSensitivePath,
  });

  const liveTags = tagView(live.details.tags);
  const tagDifferences = compareViews(
    liveTags,
    completeKeyedView(tagView(manifest.spec.tags), liveTags, 'tags.'),
  );

  const publishDue = mode !== 'None' && !publishedMatches(manifest, live, context.codeSha256);
  const publishDifferences: Difference[] = publishDue
    ? [{ path: 'publishedVersion', live: publishedLabel(live), desired: 'current' }]
    : [];

  const differences = [
    ...configDifferences,
    ...publishDifferences,
    ...tagDifferences,
    ...scalingDifferences(manifest, live),
    ...aliasDifferences(manifest, live, mode, publishDue),
    ...retentionDifferences(manifest, live),
  ];
  const replaceReason = replaceReasonOf(configDifferences);
  return replaceReason ? { differences, replaceReason, publishDue } : { differences, publishDue };
}

function replaceReasonOf(differences: Difference[]): string | undefined {
  const binding = differences.find((d) => d.path === 'capacityProviderConfig.capacityProvider');
  if (binding && (binding.live === null || binding.desired === null)) {
    return binding.live === null
      ? 'a capacity provider cannot be added to an existing function'
      : 'a capacity provider cannot be removed from an existing function';
  }
  if (differences.some((d) => d.path === 'packageType')) {
    return 'the package type of a function cannot be changed';
  }
  return undefined;
}

function scalingDifferences(manifest: FunctionManifest, live: LiveFunction): Difference[] {
  const desired = manifest.spec.scalingConfig;
  if (!desired) return [];
  const scaling = live.details.scaling ?? {};
  return compareViews(
    {
      'scalingConfig.minExecutionEnvironments': scaling.minExecutionEnvironments,
      'scalingConfig.maxExecutionEnvironments': scaling.maxExecutionEnvironments,
    },
    {
      'scalingConfig.minExecutionEnvironments': desired.minExecutionEnvironments,
      'scalingConfig.maxExecutionEnvironments': desired.maxExecutionEnvironments,
    },
  );
}

/** The version an alias should point at, given the publish mode and whether a publish is due. */
export function aliasTarget(
  requested: number | 'Latest',
  mode: 'LatestPublished' | 'Versions' | 'None',
  live: LiveFunction | undefined,
  publishDue: boolean,
): string {
  if (requested !== 'Latest') return String(requested);
  if (mode === 'LatestPublished') return LATEST_PUBLISHED;
  if (publishDue || !live) return '(version published by this apply)';
  return live.details.versions?.at(-1) ?? '$LATEST';
}

function aliasDifferences(
  manifest: FunctionManifest,
  live: LiveFunction,
  mode: 'LatestPublished' | 'Versions' | 'None',
  publishDue: boolean,
): Difference[] {
  const declared = manifest.spec.aliases;
  if (!declared) return [];
  const liveView: Comparable = {};
  for (const alias of live.details.aliases ?? []) {
    liveView[`aliases.${alias.Name}`] = {
      functionVersion: alias.FunctionVersion,
      description: alias.Description ?? '',
    };
  }
  const desiredView: Comparable = {};
  for (const alias of declared) {
    desiredView[`aliases.${alias.name}`] = {
      functionVersion: aliasTarget(alias.functionVersion, mode, live, publishDue),
      description: alias.description ?? '',
    };
  }
  return compareViews(liveView, completeKeyedView(desiredView, liveView, 'aliases.'));
}

function retentionDifferences(manifest: FunctionManifest, live: LiveFunction): Difference[] {
  const keep = manifest.spec.versionRetention;
  const versions = live.details.versions;
  if (keep === undefined || !versions) return [];
  const excess = prunableVersions(versions, keep, live).length;
  return excess > 0 ? [{ path: 'versions.prunable', live: excess, desired: 0 }] : [];
}

/**
 * Numbered versions beyond the newest `keep`, oldest first, never one an alias points at (those
 * are still wanted, whatever their age).
 */
export function prunableVersions(versions: string[], keep: number, live: LiveFunction): string[] {
  const aliased = new Set((live.details.aliases ?? []).map((alias) => alias.FunctionVersion));
  const older = versions.slice(0, Math.max(0, versions.length - keep));
  return older.filter((version) => !aliased.has(version));
}
