import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import { fastParse, type FastDocument } from './fast-parse.js';
import { createLocator, type DocumentLocator } from './locate.js';
import { fileStart, problemAt } from './problems.js';
import type { ManifestProblem, SourceLocation } from './types.js';

/** Limits that keep hostile YAML from exhausting memory or the stack. */
export interface ParseLimits {
  /** Deepest nesting of mappings and lists in one document. */
  maxDepth: number;
  /** Most alias expansions in one document (alias bombs). */
  maxAliasCount: number;
}

/** One non-empty YAML document of a file, as plain data with a way back to its nodes. */
export interface ParsedDocument {
  value: Record<string, unknown>;
  locator: DocumentLocator;
}

/** The documents of one file and the problems that kept others out. */
export interface ParsedFile {
  documents: ParsedDocument[];
  problems: ManifestProblem[];
  /** Some document's content is unknown (syntax error, limits): it may declare any name. */
  unreadable: boolean;
}

/**
 * Parses every document of a YAML file. Syntax errors, duplicate keys, documents that are not
 * mappings, nesting past `maxDepth` and alias expansion past `maxAliasCount` become located
 * problems and the document is skipped. Empty documents are skipped silently. Never throws.
 *
 * Plain files take the fast path (js-yaml, no positions); positions other than a document's
 * root come from a `yaml` parse of the file made the first time a problem asks for one.
 */
export function parseManifestFile(file: string, text: string, limits: ParseLimits): ParsedFile {
  const fast = fastParse(text, limits.maxDepth);
  if (!fast) return parseWithPositions(file, text, limits);

  let positioned: ParsedDocument[] | undefined;
  const positionedAt = (index: number): DocumentLocator | undefined => {
    positioned ??= agreeingDocuments(parseWithPositions(file, text, limits), fast);
    return positioned[index]?.locator;
  };
  const documents = fast.map(({ value, line, column }, index) => ({
    value,
    locator: deferredLocator({ file, line, column }, () => positionedAt(index)),
  }));
  return { documents, problems: [], unreadable: false };
}

/**
 * The `yaml` parse's documents when they are the fast path's, document for document; none when
 * the two parsers read the file apart (a case the fast path should have left to `yaml`), so that
 * no problem is placed in another document: problems then point at their document's root.
 */
function agreeingDocuments(positioned: ParsedFile, fast: FastDocument[]): ParsedDocument[] {
  const agree =
    positioned.problems.length === 0 &&
    positioned.documents.length === fast.length &&
    positioned.documents.every((document, i) => isDeepStrictEqual(document.value, fast[i]?.value));
  return agree ? positioned.documents : [];
}

/** A locator that knows the root's position and asks `positioned` for anything deeper. */
function deferredLocator(
  root: SourceLocation,
  positioned: () => DocumentLocator | undefined,
): DocumentLocator {
  return {
    locate: (path) => (path.length === 0 ? root : (positioned()?.locate(path) ?? root)),
    locateKey: (path) => (path.length === 0 ? root : (positioned()?.locateKey(path) ?? root)),
  };
}

/**
 * The `yaml` library's parse, with every node's position: the authority on problems, and what
 * `parseManifestFile` falls back to for any file the fast path leaves. Never throws.
 */
export function parseWithPositions(file: string, text: string, limits: ParseLimits): ParsedFile {
  // Limitation: the depth limit applies after parsing; a file of nothing but nested flow brackets
  // (up to the size limit) costs the parser a few seconds before its own stack gives out.
  const lines = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      // Its warnings go to process.emitWarning, unlocated; what matters becomes a problem here.
      logLevel: 'error',
    }) as Document.Parsed[];
  } catch (error) {
    // The parser recurses on nesting: a stack overflow here is hostile input, not a crash.
    const message = `file cannot be parsed as YAML: ${String(error).toLowerCase()}`;
    return { documents: [], problems: [problemAt(fileStart(file), message)], unreadable: true };
  }

  const result: ParsedFile = { documents: [], problems: [], unreadable: false };
  for (const document of documents) {
    const outcome = readDocument({ file, text, lines }, document, limits);
    if ('problems' in outcome) {
      result.problems.push(...outcome.problems);
      result.unreadable ||= outcome.unreadable;
    } else if (outcome.document) {
      result.documents.push(outcome.document);
    }
  }
  return result;
}

type DocumentOutcome =
  { document?: ParsedDocument } | { problems: ManifestProblem[]; unreadable: boolean };

interface SourceText {
  file: string;
  text: string;
  lines: LineCounter;
}

function readDocument(
  { file, text, lines }: SourceText,
  document: Document.Parsed,
  limits: ParseLimits,
): DocumentOutcome {
  const locator = createLocator(file, document, lines);
  const at = (offset: number) => {
    const { line, col } = lines.linePos(insideText(text, offset));
    return { file, line, column: col };
  };
  const unread = (problems: ManifestProblem[]) => ({ problems, unreadable: true });

  if (document.errors.length > 0) {
    return unread(
      document.errors.map((error) => problemAt(at(error.pos[0]), syntaxMessage(error))),
    );
  }
  const root = document.contents;
  // A document of nothing but comments or a bare `---` is empty, not an error.
  if (root === null || (isScalar(root) && root.value === null)) return {};

  const tooDeep = deeperThan(root, limits.maxDepth);
  if (tooDeep) {
    const message = `document nests deeper than ${limits.maxDepth} levels`;
    return unread([problemAt(at(tooDeep.range?.[0] ?? 0), message)]);
  }
  const listOrMapKey = collectionKey(root);
  if (listOrMapKey) {
    const message = 'a key must be a plain value, not a list or mapping';
    return unread([problemAt(at(listOrMapKey.range?.[0] ?? 0), message)]);
  }
  if (!isMap(root)) {
    const message =
      'document must be a mapping with apiVersion, kind, metadata and spec ' +
      `(got ${nodeKind(root)})`;
    return { problems: [problemAt(locator.locate([]), message)], unreadable: false };
  }

  try {
    const value = document.toJS({ maxAliasCount: limits.maxAliasCount }) as Record<string, unknown>;
    return { document: { value, locator } };
  } catch (error) {
    const message =
      `document expands aliases beyond the limit of ${limits.maxAliasCount} ` +
      `(a possible alias bomb): ${String(error).toLowerCase()}`;
    return unread([problemAt(locator.locate([]), message)]);
  }
}

/**
 * The offset moved back onto the file's last written character when it lies past it: the parser
 * reports an unclosed bracket or quote at the end of input, a line the file does not have.
 */
function insideText(text: string, offset: number): number {
  const end = text.trimEnd().length;
  const last = end === text.length ? end - 1 : end;
  return Math.max(0, Math.min(offset, last));
}

function syntaxMessage(error: { code: string; message: string }): string {
  if (error.code === 'DUPLICATE_KEY') {
    return 'duplicate key in this mapping: each key may appear once';
  }
  // The parser recurses per nesting level and reports its own stack overflow as an error.
  if (/call stack/i.test(error.message)) return 'document nests too deeply to be parsed';
  const first = error.message.split('\n')[0] ?? error.message;
  return `yaml syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** The first node nested deeper than `limit`, searched without recursing past the limit. */
function deeperThan(root: Node, limit: number): Node | undefined {
  const pending: { node: Node; depth: number }[] = [{ node: root, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (depth > limit) return node;
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      if (child && !isAlias(child)) pending.push({ node: child as Node, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The first key that is a list or mapping, which a JavaScript object can only stringify. */
function collectionKey(root: Node): Node | undefined {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      if (isPair(item) && isCollection(item.key)) return item.key;
      const child = isPair(item) ? item.value : item;
      if (child && !isAlias(child)) pending.push(child as Node);
    }
  }
  return undefined;
}

function nodeKind(node: Node): string {
  if (isCollection(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  return 'a scalar';
}
