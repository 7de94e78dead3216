import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  checkCapacityProvider,
  checkFunction,
  duplicateNames,
  type DeclaredObject,
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
  for (const file of discovery.files) {
    const documents = await readDocuments(file, options, problems);
    for (const document of documents) {
      const candidate = readCandidate(file, document, problems);
      if (candidate) candidates.push(candidate);
    }
  }

  const accepted = crossCheck(candidates, root, problems);
  return {
    desired: desiredState(accepted, discovery.files),
    problems: sortProblems(problems),
  };
}

/** A document whose kind and name are known; `object` is set when it passed the schema. */
interface Candidate {
  declared: DeclaredObject;
  object?: AnyManifest;
}

async function readDocuments(
  file: FoundFile,
  options: LoadOptions,
  problems: ManifestProblem[],
): Promise<ParsedDocument[]> {
  const read = await readManifestText(file, options.maxFileBytes ?? 1024 * 1024);
  if ('problem' in read) {
    problems.push(read.problem);
    return [];
  }
  const parsed = parseManifestFile(file.path, read.text, {
    maxDepth: options.maxDepth ?? 32,
    maxAliasCount: options.maxAliasCount ?? 100,
  });
  problems.push(...parsed.problems);
  return parsed.documents;
}

function readCandidate(
  file: FoundFile,
  document: ParsedDocument,
  problems: ManifestProblem[],
): Candidate | undefined {
  const { value, locator } = document;
  const kind = envelopeKind(document, problems);
  if (kind === undefined) return undefined;

  const schemaProblems = explainSchemaErrors(schemaErrors(kind, value)).map((problem) =>
    problemAt(
      problem.atKey ? locator.locateKey(problem.path) : locator.locate(problem.path),
      problem.message,
    ),
  );
  problems.push(...schemaProblems);

  const metadata = (value.metadata ?? {}) as Partial<DocumentMetadata>;
  const annotations = isStringRecord(metadata.annotations) ? metadata.annotations : {};
  const { behaviour, problems: annotationProblems } = readBehaviour(annotations, locator);
  problems.push(...annotationProblems);

  const name = metadata.name;
  if (typeof name !== 'string') return undefined;
  const declared: DeclaredObject = { kind, name, locator };
  // Limitation: checks beyond the schema need a schema-valid object, so a document with schema
  // problems shows its cross-check problems (runtime, memory, zipFile...) only once those are fixed.
  if (schemaProblems.length > 0 || annotationProblems.length > 0) return { declared };

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
  return { declared, object };
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

/** The document's kind when its apiVersion and kind are ones this controller reads. */
function envelopeKind(document: ParsedDocument, problems: ManifestProblem[]): KindName | undefined {
  const { value, locator } = document;
  const fail = (path: string[], message: string) => {
    problems.push(problemAt(locator.locate(path), message));
    return undefined;
  };

  if (!('apiVersion' in value))
    return fail([], `document is missing apiVersion (use ${API_VERSION})`);
  if (value.apiVersion !== API_VERSION) {
    return fail(
      ['apiVersion'],
      `unknown apiVersion ${String(value.apiVersion)}; use ${API_VERSION}`,
    );
  }
  if (!('kind' in value)) return fail([], `document is missing kind (one of ${KINDS.join(', ')})`);
  const kind = value.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, KINDS) : '';
    return fail(['kind'], `unknown kind ${String(kind)}; use one of ${KINDS.join(', ')}${hint}`);
  }
  return kind as KindName;
}

function crossCheck(
  candidates: Candidate[],
  root: RepositoryRoot,
  problems: ManifestProblem[],
): AnyManifest[] {
  const duplicates = duplicateNames(candidates.map((candidate) => candidate.declared));
  problems.push(...duplicates.values());

  const objects = candidates.flatMap((candidate) =>
    candidate.object && !duplicates.has(candidate.declared) ? [candidate.object] : [],
  );
  const providers = new Map(
    objects.filter(isCapacityProvider).map((provider) => [provider.metadata.name, provider]),
  );
  const declaredProviders = candidates
    .filter((candidate) => candidate.declared.kind === 'CapacityProvider')
    .map((candidate) => candidate.declared.name);

  return objects.filter((object) => {
    const found = objectProblems(object, { providers, declaredProviders, root });
    problems.push(...found);
    return found.length === 0;
  });
}

function objectProblems(
  object: AnyManifest,
  context: Parameters<typeof checkFunction>[1],
): ManifestProblem[] {
  switch (object.kind) {
    case 'CapacityProvider':
      return checkCapacityProvider(object);
    case 'Function':
      return checkFunction(object, context);
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
