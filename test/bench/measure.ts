import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { CallRecorder } from '../../src/aws/call-recorder.js';
import { QUOTA_POOLS, QUOTA_RATES, type QuotaPool } from '../../src/aws-model/quota-pools.js';
import { createProviderInput } from '../../src/kinds/capacity-provider/request.js';
import { meanEntryLifetimeMs } from '../../src/kinds/detail-cache.js';
import { createFunctionInput } from '../../src/kinds/function/request.js';
import type { LiveFunction, LiveState } from '../../src/kinds/live-state.js';
import { loadManifests } from '../../src/manifests/index.js';
import type { DesiredState, FunctionManifest } from '../../src/manifests/types.js';
import type { PlanSummary } from '../../src/plan/types.js';

/** Calls per quota pool, every pool present (zero when unused). */
export type PoolCalls = Record<QuotaPool, number>;

/** The recorder's calls per pool so far. */
export function poolCalls(recorder: CallRecorder): PoolCalls {
  return Object.fromEntries(QUOTA_POOLS.map((pool) => [pool, recorder.callsIn(pool)])) as PoolCalls;
}

/** The least time some calls can take at the quotas, and the pool that sets it. */
export interface QuotaBound {
  seconds: number;
  pool: QuotaPool;
}

/**
 * The lower bound on wall time that `calls` imply when each pool may be used at `share` of its
 * AWS rate: pools are metered independently, so the bound is the slowest pool's calls/rate (the
 * max over pools, not the sum). Waits AWS imposes (activation, publish) are not in it.
 */
export function quotaBound(calls: PoolCalls, share: number): QuotaBound {
  let bound: QuotaBound = { seconds: 0, pool: 'lambda' };
  for (const pool of QUOTA_POOLS) {
    const seconds = calls[pool] / (QUOTA_RATES[pool] * share);
    if (seconds > bound.seconds) bound = { seconds, pool };
  }
  return bound;
}

/**
 * Shared-pool calls of a daemon's pass in steady state, derived from two measured passes: the
 * lists every pass reads (`warm`, the no-op pass) plus the detail reads of a cache-cold pass
 * (`cold` minus `warm`) spread over passes. Each function's details are re-read once per cache
 * lifetime (on average `meanEntryLifetimeMs`) plus half a pass interval, so a pass `intervalMs`
 * apart re-reads that share of them. An estimate: the benchmark cannot wait an hour.
 */
export function steadyPassSharedCalls(
  cold: PoolCalls,
  warm: PoolCalls,
  intervalMs: number,
  deepIntervalMs: number,
): number {
  const details = Math.max(0, cold.lambda - warm.lambda);
  const rereadShare = Math.min(
    1,
    intervalMs / (meanEntryLifetimeMs(deepIntervalMs) + intervalMs / 2),
  );
  return warm.lambda + details * rereadShare;
}

/** Times an async step in wall milliseconds. */
export async function timed<T>(step: () => Promise<T>): Promise<{ value: T; wallMs: number }> {
  const started = performance.now();
  const value = await step();
  return { value, wallMs: performance.now() - started };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU and wall time of validating and diffing a folder, with the plan's counts. */
export interface ValidateDiffFigures {
  functions: number;
  /** Load + schema validation + cross-checks, user + system CPU. */
  validateCpuMs: number;
  /** makePlan against the synthetic live state, user + system CPU. */
  diffCpuMs: number;
  totalCpuMs: number;
  wallMs: number;
  summary: PlanSummary;
}

/**
 * The live state of `folder` fully converged by `controllerId` (see `syntheticLive`), as JSON
 * entries for validate-diff-process.mjs. Throws when the folder has manifest problems.
 */
export async function syntheticLiveJson(folder: string, controllerId: string): Promise<string> {
  const loaded = await loadManifests([folder]);
  if (loaded.problems.length > 0) {
    throw new Error(`generated manifests have ${loaded.problems.length} problems`);
  }
  const live = syntheticLive(loaded.desired, controllerId);
  return JSON.stringify({
    capacityProviders: [...live.capacityProviders],
    functions: [...live.functions],
  });
}

function shaOf(manifest: FunctionManifest): string | undefined {
  const code = manifest.spec.code;
  return 'sha256' in code ? code.sha256 : undefined;
}

const ARN_PREFIX = 'arn:aws:lambda:us-east-1:123456789012';

/** What AWS would report for `desired` fully converged by `controllerId`; no I/O. */
export function syntheticLive(desired: DesiredState, controllerId: string): LiveState {
  const providerArns = new Map<string, string>();
  const capacityProviders: LiveState['capacityProviders'] = new Map();
  for (const manifest of desired.capacityProviders) {
    const name = manifest.metadata.name;
    const arn = `${ARN_PREFIX}:capacity-provider:${name}`;
    const {
      Tags,
      CapacityProviderName: _name,
      ...config
    } = createProviderInput(manifest, controllerId);
    providerArns.set(name, arn);
    capacityProviders.set(name, {
      name,
      arn,
      tags: Tags ?? {},
      config: { ...config, CapacityProviderArn: arn, State: 'Active' },
    });
  }

  const functions = new Map<string, LiveFunction>();
  for (const manifest of desired.functions) {
    const live = syntheticFunction(manifest, providerArns, controllerId);
    functions.set(live.name, live);
  }
  return { capacityProviders, functions };
}

function syntheticFunction(
  manifest: FunctionManifest,
  providerArns: ReadonlyMap<string, string>,
  controllerId: string,
): LiveFunction {
  const name = manifest.metadata.name;
  const binding =
    manifest.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
  const providerRef =
    binding && 'capacityProviderRef' in binding ? binding.capacityProviderRef : '';
  const target = { manifest, providerArn: providerArns.get(providerRef), codePackage: undefined };
  const {
    Tags,
    Code: _code,
    PublishTo: _publish,
    ...request
  } = createFunctionInput(target, controllerId, false);
  const arn = `${ARN_PREFIX}:function:${name}`;
  const latest = {
    ...request,
    FunctionArn: arn,
    CodeSha256: shaOf(manifest),
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    RevisionId: `rev-${name}`,
    Version: '$LATEST',
  } as FunctionConfiguration;
  const published = { ...latest, Version: '1' };
  const scaling = manifest.spec.scalingConfig;
  return {
    name,
    arn,
    latest,
    details: {
      tags: Tags ?? {},
      published,
      versions: ['1'],
      aliases: (manifest.spec.aliases ?? []).map((alias) => ({
        Name: alias.name,
        FunctionVersion: '1',
      })),
      ...(scaling ? { scaling } : {}),
      revisionId: latest.RevisionId,
      readAt: Date.now(),
    },
  };
}
