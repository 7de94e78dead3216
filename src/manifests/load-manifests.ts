import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  checkCapacityProvider,
  checkFunction,
  duplicateNames,
  validOutside,
  type DeclaredObject,
  type FunctionContext,
  type ReadObject,
  type RepositoryRoot,
} from './cross-checks.js';
import { readBehaviour } from './annotations.js';
import { didYouMean } from './did-you-mean.js';
import { commonRoot, discoverManifestFiles, type FoundFile } from './discover.js';
import { explainSchemaErrors } from './explain-errors.js';
import { parseManifestFile, type ParsedDocument } from './parse.js';
import { problemAt, sortProblems } from './problems.js';
import { readManifestText } from './read-file.js';
import { schemaErrors } from './schema-validator.js';
import {
  API_VERSION,
  type AnyManifest,
  type CapacityProviderManifest,
  type DesiredState,
  type FunctionManifest,
  type GuardrailManifest,
  type KindName,
  type ManifestProblem,
} from './types.js';

/** How manifests are loaded. */
export interface LoadOptions {
  /** Largest manifest file read, in bytes; default 1 MiB. */
  maxFileBytes?: number;
  /** zipFile paths and symlinks must stay inside it; default: the common root of the paths. */
  repositoryRoot?: string;
  /** Deepest nesting in one document; default 32. */
  maxDepth?: number;
  /** Most alias expansions in one document; default 100. */
  maxAliasCount?: number;
}

/** The validated desired state and every problem found on the way. */
export interface LoadResult {
  desired: DesiredState;
  problems: ManifestProblem[];
}

const KINDS: readonly KindName[] = ['CapacityProvider', 'Function', 'Guardrail'];

/**
 * Loads, validates and cross-checks every manifest under `paths`. Never throws for bad input:
 * a missing path, an unreadable file or an invalid document is a problem. Problems are sorted by
 * file, line and column; objects with a problem are left out of `desired`.
 */
export async function loadManifests(
  paths: string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const root = await repositoryRoot(paths, options.repositoryRoot);
  const discovery = await discoverManifestFiles(paths, root.realPath);
  const problems = [...discovery.problems];

  const candidates: Candidate[] = [];
  let unreadable = false;
  for (const file of discovery.files) {
    const read = await readDocuments(file, options, problems);
    unreadable ||= read.unreadable;
    for (const document of read.documents) {
      const candidate = readCandidate(file, document, problems);
      if (candidate) candidates.push(candidate);
    }
  }

  const accepted = crossCheck(candidates, { root, unreadable }, problems);
  return {
    desired: desiredState(accepted, discovery.files),
    problems: sortProblems(problems),
  };
}

/** A document whose kind and name are known, read as far as its nodes are valid. */
interface Candidate {
  declared: DeclaredObject;
  read: ReadObject<AnyManifest>;
  /** It passed the schema and the annotation rules. */
  clean: boolean;
}

async function readDocuments(
  file: FoundFile,
  options: LoadOptions,
  problems: ManifestProblem[],
): Promise<{ documents: ParsedDocument[]; unreadable: boolean }> {
  const read = await readManifestText(file, options.maxFileBytes ?? 1024 * 1024);
  if ('problem' in read) {
    problems.push(read.problem);
    return { documents: [], unreadable: true };
  }
  const parsed = parseManifestFile(file.path, read.text, {
    maxDepth: options.maxDepth ?? 32,
    maxAliasCount: options.maxAliasCount ?? 100,
  });
  problems.push(...parsed.problems);
  return parsed;
}

function readCandidate(
  file: FoundFile,
  document: ParsedDocument,
  problems: ManifestProblem[],
): Candidate | undefined {
  const { value, locator } = document;
  const kind = envelopeKind(document, problems);
  if (kind === undefined) return undefined;

  const explained = explainSchemaErrors(schemaErrors(kind, value));
  problems.push(
    ...explained.map((problem) =>
      problemAt(
        problem.atKey ? locator.locateKey(problem.path) : locator.locate(problem.path),
        problem.message,
      ),
    ),
  );

  const metadata = (value.metadata ?? {}) as Partial<DocumentMetadata>;
  const annotations = isStringRecord(metadata.annotations) ? metadata.annotations : {};
  const { behaviour, problems: annotationProblems } = readBehaviour(annotations, locator);
  problems.push(...annotationProblems);

  const name = metadata.name;
  if (typeof name !== 'string') return undefined;
  const declared: DeclaredObject = { kind, name, locator };
  // The spec is typed as valid but may not be: the checks read only nodes `validAt` vouches for.
  const object = {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, labels: metadata.labels ?? {}, annotations },
    spec: value.spec,
    behaviour,
    source: {
      file: file.path,
      baseDir: resolve(dirname(file.path)),
      location: locator.locate([]),
      locate: (path) => locator.locate(path),
    },
  } as AnyManifest;
  const validAt = validOutside(explained.flatMap((problem) => problem.invalid));
  const clean = explained.length === 0 && annotationProblems.length === 0;
  return { declared, read: { object, validAt, locator }, clean };
}

interface DocumentMetadata {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((entry) => typeof entry === 'string');
}

/**
 * The document's kind when its apiVersion and kind are ones this controller reads. Both are
 * checked, so a document wrong in both shows both problems.
 */
function envelopeKind(document: ParsedDocument, problems: ManifestProblem[]): KindName | undefined {
  const { value, locator } = document;
  const before = problems.length;
  const fail = (path: string[], message: string) => {
    problems.push(problemAt(locator.locate(path), message));
  };

  if (!('apiVersion' in value)) {
    fail([], `document is missing apiVersion (use ${API_VERSION})`);
  } else if (value.apiVersion !== API_VERSION) {
    fail(['apiVersion'], `unknown apiVersion ${String(value.apiVersion)}; use ${API_VERSION}`);
  }

  const kind = value.kind;
  if (!('kind' in value)) {
    fail([], `document is missing kind (one of ${KINDS.join(', ')})`);
  } else if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, KINDS) : '';
    fail(['kind'], `unknown kind ${String(kind)}; use one of ${KINDS.join(', ')}${hint}`);
  }
  return problems.length === before ? (kind as KindName) : undefined;
}

function crossCheck(
  candidates: Candidate[],
  run: Pick<FunctionContext, 'root' | 'unreadable'>,
  problems: ManifestProblem[],
): AnyManifest[] {
  const duplicates = duplicateNames(candidates.map((candidate) => candidate.declared));
  problems.push(...duplicates.values());

  const unique = candidates.filter((candidate) => !duplicates.has(candidate.declared));
  const providers = new Map(
    unique.flatMap(({ declared, read }) =>
      isCapacityProvider(read.object) ? [[declared.name, { ...read, object: read.object }]] : [],
    ),
  );
  const declaredProviders = candidates
    .filter((candidate) => candidate.declared.kind === 'CapacityProvider')
    .map((candidate) => candidate.declared.name);

  const context: FunctionContext = { ...run, providers, declaredProviders };
  return candidates.flatMap((candidate) => {
    const found = objectProblems(candidate.read, context);
    problems.push(...found);
    const accepted = candidate.clean && found.length === 0 && !duplicates.has(candidate.declared);
    return accepted ? [candidate.read.object] : [];
  });
}

function objectProblems(
  read: ReadObject<AnyManifest>,
  context: FunctionContext,
): ManifestProblem[] {
  const { object } = read;
  switch (object.kind) {
    case 'CapacityProvider':
      return checkCapacityProvider({ ...read, object });
    case 'Function':
      return checkFunction({ ...read, object }, context);
    case 'Guardrail':
      return [];
  }
}

function isCapacityProvider(object: AnyManifest): object is CapacityProviderManifest {
  return object.kind === 'CapacityProvider';
}

function desiredState(objects: AnyManifest[], files: FoundFile[]): DesiredState {
  return {
    capacityProviders: objects.filter(isCapacityProvider),
    functions: objects.filter((object): object is FunctionManifest => object.kind === 'Function'),
    guardrails: objects.filter(
      (object): object is GuardrailManifest => object.kind === 'Guardrail',
    ),
    files: files.map((file) => file.path),
  };
}

async function repositoryRoot(paths: string[], given: string | undefined): Promise<RepositoryRoot> {
  const folders = await Promise.all(
    paths.map(async (path) => {
      const isFile = await stat(path).then(
        (info) => info.isFile(),
        () => false,
      );
      return isFile ? dirname(path) : path;
    }),
  );
  const path = resolve(given ?? commonRoot(folders));
  const realPath = await realpath(path).catch(() => path);
  return { path, realPath };
}
