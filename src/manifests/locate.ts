import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from './types.js';

/** A path into a document: mapping keys and list indexes. */
export type NodePath = readonly (string | number)[];

/** Finds source positions of nodes inside one parsed YAML document. */
export interface DocumentLocator {
  /** The value node at `path`, or its nearest existing ancestor. */
  locate(path: NodePath): SourceLocation;
  /** The key node of the last segment of `path` (for unknown or misspelled keys). */
  locateKey(path: NodePath): SourceLocation;
}

/** Creates the locator of `document`, reporting positions in `file` through `lines`. */
export function createLocator(
  file: string,
  document: Document,
  lines: LineCounter,
): DocumentLocator {
  const at = (node: Node | null | undefined): SourceLocation => {
    const offset = node?.range?.[0] ?? document.contents?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  return {
    locate: (path) => at(walk(document, path, false)),
    locateKey: (path) => at(walk(document, path, true)),
  };
}

function walk(document: Document, path: NodePath, wantKey: boolean): Node | undefined {
  let node = document.contents ?? undefined;
  for (const [index, segment] of path.entries()) {
    // Aliases stand for the node they name; errors point at the anchored original.
    if (isAlias(node)) node = node.resolve(document) ?? node;

    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return node;
      const key = pair.key as Node;
      if (wantKey && index === path.length - 1) return key;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
