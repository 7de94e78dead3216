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

/**
 * Whether the node at `path` can be trusted: neither it nor an ancestor failed the schema. An
 * absent node counts as valid, so rules still apply their defaults; a rule reading an invalid
 * node stays silent rather than guessing.
 */
export type ValidAt = (path: NodePath) => boolean;

/** The predicate that holds everywhere except at and under the `invalid` paths. */
export function validOutside(invalid: NodePath[]): ValidAt {
  return (path) =>
    !invalid.some(
      (bad) =>
        bad.length <= path.length &&
        bad.every((segment, index) => String(segment) === String(path[index])),
    );
}

/** A manifest object as read, possibly invalid, with which of its nodes passed the schema. */
export interface ReadObject<M> {
  object: M;
  validAt: ValidAt;
  locator: DocumentLocator;
}

/** Rules on a capacity provider that the schema cannot state. */
export function checkCapacityProvider(
  read: ReadObject<CapacityProviderManifest>,
): ManifestProblem[] {
  const { object: provider, validAt } = read;
  const problems = reservedTagKeys(read, [['tags'], ['propagateTags', 'explicitTags']]);
  const scalingPath = ['spec', 'capacityProviderScalingConfig'];
  const policiesPath = [...scalingPath, 'scalingPolicies'];
  if (!validAt(policiesPath) || !validAt([...scalingPath, 'scalingMode'])) return problems;

  const scaling = provider.spec.capacityProviderScalingConfig;
  if (scaling?.scalingPolicies === undefined || scaling.scalingMode === 'Manual') return problems;
  const mode = scaling.scalingMode === undefined ? 'scalingMode defaults to Auto' : 'got Auto';
  const message =
    'capacityProviderScalingConfig.scalingPolicies need scalingMode Manual; ' +
    `AWS rejects them with Auto (${mode})`;
  return [...problems, problemAt(provider.source.locate(policiesPath), message)];
}

const RESERVED_TAG_PREFIXES: [string, string][] = [
  ['lmi:', "tag keys starting with lmi: are reserved for the controller's ownership tags"],
  ['aws:', 'tag keys starting with aws: are reserved by AWS'],
];

/** Problems for tag keys the controller or AWS keep for themselves, at each key. */
function reservedTagKeys(
  { object, validAt, locator }: ReadObject<CapacityProviderManifest | FunctionManifest>,
  tagPaths: NodePath[],
): ManifestProblem[] {
  return tagPaths.flatMap((tagPath) => {
    const path = ['spec', ...tagPath];
    if (!validAt(path)) return [];
    const tags = valueAt(object.spec, tagPath);
    if (typeof tags !== 'object' || tags === null) return [];

    return Object.keys(tags).flatMap((key) => {
      // AWS refuses its prefix in any letter case; the controller's is held to the same rule.
      const reserved = RESERVED_TAG_PREFIXES.find(([prefix]) =>
        key.toLowerCase().startsWith(prefix),
      );
      if (!reserved) return [];
      const message = `tag key ${key} is reserved: ${reserved[1]}`;
      return [problemAt(locator.locateKey([...path, key]), message)];
    });
  });
}

function valueAt(root: unknown, path: NodePath): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[String(segment)]
        : undefined,
    root,
  );
}

/** What a function's checks need to know about the rest of the manifests. */
export interface FunctionContext {
  /** Providers by name, valid or not, leaving out names declared twice. */
  providers: Map<string, ReadObject<CapacityProviderManifest>>;
  declaredProviders: string[];
  /** Some manifest could not be read, so the names it declares are unknown. */
  unreadable: boolean;
  root: RepositoryRoot;
}

/**
 * Rules on a function beyond the schema: the provider reference, LMI runtimes and memory, the
 * architecture of its provider, the zipFile path, scaling bounds, alias names and reserved tag
 * keys. Only nodes that passed the schema are read.
 */
export function checkFunction(
  read: ReadObject<FunctionManifest>,
  context: FunctionContext,
): ManifestProblem[] {
  const { object: fn, validAt } = read;
  const problems = [
    ...checkBinding(read, context),
    ...checkCode(read, context.root),
    ...reservedTagKeys(read, [['tags']]),
  ];
  const at = (path: NodePath, message: string) =>
    problems.push(problemAt(fn.source.locate(['spec', ...path]), message));

  const minPath = ['spec', 'scalingConfig', 'minExecutionEnvironments'];
  const maxPath = ['spec', 'scalingConfig', 'maxExecutionEnvironments'];
  const scaling = validAt(minPath) && validAt(maxPath) ? fn.spec.scalingConfig : undefined;
  const [min, max] = [scaling?.minExecutionEnvironments, scaling?.maxExecutionEnvironments];
  if (min !== undefined && max !== undefined && min > max) {
    at(
      ['scalingConfig', 'minExecutionEnvironments'],
      `scalingConfig.minExecutionEnvironments (${min}) must not exceed ` +
        `maxExecutionEnvironments (${max})`,
    );
  }

  const seen = new Set<string>();
  const aliases = validAt(['spec', 'aliases']) ? (fn.spec.aliases ?? []) : [];
  for (const [index, alias] of aliases.entries()) {
    if (!validAt(['spec', 'aliases', index, 'name'])) continue;
    if (seen.has(alias.name))
      at(['aliases', index, 'name'], `alias name ${alias.name} is used twice`);
    seen.add(alias.name);
  }
  return problems;
}

const BINDING = ['capacityProviderConfig', 'lambdaManagedInstancesCapacityProviderConfig'];

function checkBinding(
  { object: fn, validAt }: ReadObject<FunctionManifest>,
  context: FunctionContext,
): ManifestProblem[] {
  const valid = (path: NodePath) => validAt(['spec', ...path]);
  const binding = valid(BINDING)
    ? fn.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig
    : undefined;
  if (!binding) return [];
  const problems: ManifestProblem[] = [];
  const at = (path: NodePath, message: string) =>
    problems.push(problemAt(fn.source.locate(['spec', ...path]), message));

  const ref =
    'capacityProviderRef' in binding && valid([...BINDING, 'capacityProviderRef'])
      ? binding.capacityProviderRef
      : undefined;
  // Limitation: while a manifest cannot be read, a missing name may be declared there, so
  // unknown references are not reported until it can.
  if (ref !== undefined && !context.declaredProviders.includes(ref) && !context.unreadable) {
    const declared =
      context.declaredProviders.length > 0 ? context.declaredProviders.join(', ') : 'none';
    const hint = didYouMean(ref, context.declaredProviders);
    at(
      [...BINDING, 'capacityProviderRef'],
      `capacityProviderRef ${ref} names no CapacityProvider manifest; ` +
        `declared: ${declared}${hint}`,
    );
  }

  const runtime = valid(['runtime']) ? fn.spec.runtime : undefined;
  if (runtime !== undefined && !runsOnLmi(runtime)) {
    at(
      ['runtime'],
      `runtime ${runtime} cannot run on Lambda Managed Instances; use ${LMI_RUNTIMES_TEXT}`,
    );
  }

  const ratioValid = valid([...BINDING, 'executionEnvironmentMemoryGiBPerVCpu']);
  const ratio = binding.executionEnvironmentMemoryGiBPerVCpu ?? 2;
  if (ratioValid && !(LMI_MEMORY_RATIOS as readonly number[]).includes(ratio)) {
    at(
      [...BINDING, 'executionEnvironmentMemoryGiBPerVCpu'],
      `executionEnvironmentMemoryGiBPerVCpu must be 2, 4 or 8 (got ${ratio})`,
    );
  } else if (ratioValid && valid(['memorySize'])) {
    const memory = memoryProblem(fn.spec.memorySize, ratio);
    if (memory) at(['memorySize'], memory);
  }

  const provider = ref === undefined ? undefined : context.providers.get(ref);
  const offeredPath = ['spec', 'instanceRequirements', 'architectures', 0];
  if (provider && valid(['architectures', 0]) && provider.validAt(offeredPath)) {
    const wanted = fn.spec.architectures?.[0] ?? 'x86_64';
    const offered = provider.object.spec.instanceRequirements?.architectures?.[0] ?? 'x86_64';
    if (wanted !== offered) {
      const path = fn.spec.architectures ? ['architectures'] : [...BINDING, 'capacityProviderRef'];
      at(
        path,
        `architectures ${wanted} does not match capacity provider ` +
          `${provider.object.metadata.name}, which runs ${offered}`,
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

function checkCode(
  { object: fn, validAt }: ReadObject<FunctionManifest>,
  root: RepositoryRoot,
): ManifestProblem[] {
  if (!validAt(['spec', 'code', 'zipFile'])) return [];
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
