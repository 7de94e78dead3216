import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { didYouMean } from './did-you-mean.js';
import { isInside } from './discover.js';
import type { DocumentLocator, NodePath } from './locate.js';
import { LMI_MEMORY_RATIOS, LMI_MIN_MEMORY_MB, LMI_RUNTIMES_TEXT, runsOnLmi } from './lmi-rules.js';
import { problemAt } from './problems.js';
import type {
  CapacityProviderManifest,
  FunctionManifest,
  KindName,
  ManifestProblem,
} from './types.js';

/** An object whose kind and name could be read, valid or not: what references may point at. */
export interface DeclaredObject {
  kind: KindName;
  name: string;
  locator: DocumentLocator;
}

/** The repository root, lexically and with symlinks resolved. */
export interface RepositoryRoot {
  path: string;
  realPath: string;
}

/** Problems for every name declared twice within a kind, one at each declaration. */
export function duplicateNames(declared: DeclaredObject[]): Map<DeclaredObject, ManifestProblem> {
  const problems = new Map<DeclaredObject, ManifestProblem>();
  const byKey = new Map<string, DeclaredObject[]>();
  for (const object of declared) {
    const key = `${object.kind}/${object.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), object]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const object of group) {
      const others = group
        .filter((other) => other !== object)
        .map((other) => {
          const { file, line, column } = other.locator.locate(['metadata', 'name']);
          return `${file}:${line}:${column}`;
        });
      const message =
        `duplicate ${object.kind} name ${object.name}, ` + `also declared at ${others.join(', ')}`;
      problems.set(object, problemAt(object.locator.locate(['metadata', 'name']), message));
    }
  }
  return problems;
}

/** Rules on a capacity provider that the schema cannot state. */
export function checkCapacityProvider(provider: CapacityProviderManifest): ManifestProblem[] {
  const scaling = provider.spec.capacityProviderScalingConfig;
  if (scaling?.scalingPolicies === undefined || scaling.scalingMode === 'Manual') return [];
  const mode = scaling.scalingMode === undefined ? 'scalingMode defaults to Auto' : 'got Auto';
  const message =
    'capacityProviderScalingConfig.scalingPolicies need scalingMode Manual; ' +
    `AWS rejects them with Auto (${mode})`;
  const path = ['spec', 'capacityProviderScalingConfig', 'scalingPolicies'];
  return [problemAt(provider.source.locate(path), message)];
}

/** What a function's checks need to know about the rest of the manifests. */
export interface FunctionContext {
  providers: Map<string, CapacityProviderManifest>;
  declaredProviders: string[];
  root: RepositoryRoot;
}

/**
 * Rules on a function beyond the schema: the provider reference, LMI runtimes and memory, the
 * architecture of its provider, the zipFile path, scaling bounds and alias names.
 */
export function checkFunction(fn: FunctionManifest, context: FunctionContext): ManifestProblem[] {
  const problems = [...checkBinding(fn, context), ...checkCode(fn, context.root)];
  const at = (path: NodePath, message: string) =>
    problems.push(problemAt(fn.source.locate(['spec', ...path]), message));

  const scaling = fn.spec.scalingConfig;
  const [min, max] = [scaling?.minExecutionEnvironments, scaling?.maxExecutionEnvironments];
  if (min !== undefined && max !== undefined && min > max) {
    at(
      ['scalingConfig', 'minExecutionEnvironments'],
      `scalingConfig.minExecutionEnvironments (${min}) must not exceed ` +
        `maxExecutionEnvironments (${max})`,
    );
  }

  const seen = new Set<string>();
  for (const [index, alias] of (fn.spec.aliases ?? []).entries()) {
    if (seen.has(alias.name))
      at(['aliases', index, 'name'], `alias name ${alias.name} is used twice`);
    seen.add(alias.name);
  }
  return problems;
}

const BINDING = ['capacityProviderConfig', 'lambdaManagedInstancesCapacityProviderConfig'];

function checkBinding(fn: FunctionManifest, context: FunctionContext): ManifestProblem[] {
  const binding = fn.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
  if (!binding) return [];
  const problems: ManifestProblem[] = [];
  const at = (path: NodePath, message: string) =>
    problems.push(problemAt(fn.source.locate(['spec', ...path]), message));

  if (
    'capacityProviderRef' in binding &&
    !context.declaredProviders.includes(binding.capacityProviderRef)
  ) {
    const declared =
      context.declaredProviders.length > 0 ? context.declaredProviders.join(', ') : 'none';
    const hint = didYouMean(binding.capacityProviderRef, context.declaredProviders);
    at(
      [...BINDING, 'capacityProviderRef'],
      `capacityProviderRef ${binding.capacityProviderRef} names no CapacityProvider manifest; ` +
        `declared: ${declared}${hint}`,
    );
  }

  const runtime = fn.spec.runtime;
  if (runtime !== undefined && !runsOnLmi(runtime)) {
    at(
      ['runtime'],
      `runtime ${runtime} cannot run on Lambda Managed Instances; use ${LMI_RUNTIMES_TEXT}`,
    );
  }

  const ratio = binding.executionEnvironmentMemoryGiBPerVCpu ?? 2;
  if (!(LMI_MEMORY_RATIOS as readonly number[]).includes(ratio)) {
    at(
      [...BINDING, 'executionEnvironmentMemoryGiBPerVCpu'],
      `executionEnvironmentMemoryGiBPerVCpu must be 2, 4 or 8 (got ${ratio})`,
    );
  } else {
    const memory = memoryProblem(fn.spec.memorySize, ratio);
    if (memory) at(['memorySize'], memory);
  }

  const provider =
    'capacityProviderRef' in binding
      ? context.providers.get(binding.capacityProviderRef)
      : undefined;
  if (provider) {
    const wanted = fn.spec.architectures?.[0] ?? 'x86_64';
    const offered = provider.spec.instanceRequirements?.architectures?.[0] ?? 'x86_64';
    if (wanted !== offered) {
      const path = fn.spec.architectures ? ['architectures'] : [...BINDING, 'capacityProviderRef'];
      at(
        path,
        `architectures ${wanted} does not match capacity provider ` +
          `${provider.metadata.name}, which runs ${offered}`,
      );
    }
  }
  return problems;
}

function memoryProblem(memory: number | undefined, ratio: number): string | undefined {
  // Without memorySize AWS accepts the function and sizes it itself (not the 128 MB default).
  if (memory === undefined) return undefined;
  if (memory < LMI_MIN_MEMORY_MB) {
    const minimum = LMI_MIN_MEMORY_MB;
    return `memorySize must be at least ${minimum} on Lambda Managed Instances (got ${memory})`;
  }
  const step = ratio * 1024;
  if (memory % step !== 0) {
    return (
      `memorySize must be a multiple of ${step} for ${ratio} GiB per vCPU ` +
      `(executionEnvironmentMemoryGiBPerVCpu ${ratio} x 1024) (got ${memory})`
    );
  }
  return undefined;
}

function checkCode(fn: FunctionManifest, root: RepositoryRoot): ManifestProblem[] {
  const code = fn.spec.code;
  if (!('zipFile' in code)) return [];
  const at = (message: string) => [
    problemAt(fn.source.locate(['spec', 'code', 'zipFile']), message),
  ];

  const target = resolve(fn.source.baseDir, code.zipFile);
  if (!isInside(root.path, target)) {
    return at(`code.zipFile ${code.zipFile} leaves the repository root ${root.path}`);
  }
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return at(`code.zipFile ${code.zipFile} does not exist (looked for ${target})`);
  }
  if (!isInside(root.realPath, real)) {
    return at(
      `code.zipFile ${code.zipFile} leads through a symlink to ${real}, ` +
        'outside the repository root',
    );
  }
  const isFolder = statSync(real).isDirectory();
  if (!isFolder && !real.toLowerCase().endsWith('.zip')) {
    return at(`code.zipFile ${code.zipFile} must be a .zip file or a folder`);
  }
  return [];
}
