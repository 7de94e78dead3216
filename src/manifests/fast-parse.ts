import { FAILSAFE_SCHEMA, loadAll, Type, type LoadOptions, type State } from 'js-yaml';

/** A document read by the fast path: its value and where its root node starts (1-based). */
export interface FastDocument {
  value: Record<string, unknown>;
  line: number;
  column: number;
}

// The core schema's floats: the special values, then numbers with a fraction or an exponent
// (plain integers match too, but the int type is tried first).
const FLOAT = new RegExp(
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.source,
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.source,
  ].join('|'),
);

/**
 * YAML 1.2 core schema scalars exactly as the `yaml` library resolves them (its
 * `schema/core` tests and conversions), so both parsers give plain scalars the same value.
 */
const CORE_SCALARS = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('tag:yaml.org,2002:null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType(
      'tag:yaml.org,2002:bool',
      /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      (text) => text.startsWith('t') || text.startsWith('T'),
    ),
    scalarType('tag:yaml.org,2002:int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (text) => {
      if (text.startsWith('0o')) return parseInt(text.slice(2), 8);
      if (text.startsWith('0x')) return parseInt(text.slice(2), 16);
      return parseInt(text, 10);
    }),
    // js-yaml keeps one implicit type per tag: the special values and numbers share one.
    scalarType('tag:yaml.org,2002:float', FLOAT, (text) => {
      if (/nan$/i.test(text)) return NaN;
      if (/inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
      return parseFloat(text);
    }),
  ],
});

function scalarType(tag: string, pattern: RegExp, construct: (text: string) => unknown): Type {
  return new Type(tag, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && pattern.test(text),
    construct,
  });
}

/**
 * Syntax the fast path leaves to the `yaml` library, found by a conservative scan. A false alarm
 * costs only speed. Each entry is a place where js-yaml was found to read a text otherwise, or to
 * accept what `yaml` rejects.
 *
 * Limitation: the list holds what the property tests and a review found; a disagreement outside
 * it would go unnoticed unless it also makes js-yaml fail. The tests in
 * test/manifests/fast-parse*.test.ts are the guard, and new cases belong there.
 */
const LEFT_TO_YAML = [
  // Anchors, aliases and tags (aliases are what alias-bomb limits count), and directives.
  /(?:^|[\s,[\]{}:])[&*!]/m,
  /^%/m,
  // Explicit `?` keys, empty keys, and collections used as keys, with or without a colon (a
  // mapping as a key without one is an ambiguous key, below).
  /(?:^|[\s,[{])\?(?:\s|$)/m,
  /(?:^|[\s,[{]):(?:\s|$)/m,
  /[\]}][ \t]*:/,
  /[{,][ \t]*\[/,
  // Sequence entries left empty: js-yaml nests the next entry into them.
  /(?:^|[ \t])-[ \t]*(?:#.*)?$/m,
  // Content on a document marker's line, comments glued to a closing bracket or quote, tabs in
  // indentation: js-yaml accepts them.
  /^(?:---|\.\.\.)(?:[^ \t\r\n]|[ \t]+[^ \t\r\n#])/m,
  /[\]}"']#/,
  /^ *\t/m,
  // Block scalars with an indentation or keep indicator: trailing lines are kept otherwise.
  /[|>](?:[-+]?[1-9]|[1-9]?\+)/,
  // Escapes of eight hex digits: js-yaml accepts them past U+10FFFF.
  /\\U/,
  // Line breaks and spaces beyond ASCII, and byte order marks: the two parsers count lines
  // apart, take different characters as separators, and drop a mark in different places.
  /\r(?!\n)|[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/,
];

/** `yaml` rejects implicit keys over 1024 characters, js-yaml does not: longer lines go there. */
const MAX_FAST_LINE = 1024;

/** Keys the two parsers spell apart: js-yaml writes a null key as `null`, `yaml` as ''. */
const AMBIGUOUS_KEYS = new Set(['null', '[object Object]']);

/**
 * Reads every document of `text` with js-yaml, seven to ten times faster than the `yaml`
 * library, which the loader needs only for positions of problems. Returns undefined whenever
 * the result might differ from the `yaml` library's or a limit is crossed: syntax it leaves to
 * `yaml` (see above), a line over 1024 characters, any js-yaml error (syntax, duplicate keys,
 * nesting past half of `maxDepth`), a multi-line flow node, a document that is not a mapping, or
 * an ambiguous key. The caller then parses with `yaml`, which
 * stays the authority on every problem. Empty documents are dropped.
 */
export function fastParse(text: string, maxDepth: number): FastDocument[] | undefined {
  if (LEFT_TO_YAML.some((pattern) => pattern.test(text))) return undefined;
  if (longestLine(text) > MAX_FAST_LINE) return undefined;

  const roots: { line: number; column: number }[] = [];
  const open: { line: number; first: string }[] = [];
  let multiLineFlow = false;
  let values: unknown[];
  try {
    // js-yaml 4.3 honours maxDepth (every node, scalars included, as the loader's own check
    // counts; the bundled types predate it). It counts a pair in a flow sequence (`[k: v]`) one
    // level shallower than `yaml`, which wraps it in a mapping, so at most half as deep: deeper
    // documents take the `yaml` path, which applies the limit exactly.
    const options = {
      schema: CORE_SCALARS,
      maxDepth: Math.floor(maxDepth / 2),
      listener(event: 'open' | 'close', state: State & { depth: number }) {
        if (event === 'open') {
          if (state.depth === 1) {
            roots.push({ line: state.line + 1, column: state.position - state.lineStart + 1 });
          }
          open.push(nodeStart(text, state.position, state.line));
          return;
        }
        const node = open.pop();
        if (node && state.line > node.line && isFlowStyle(node.first, state.kind)) {
          multiLineFlow = true;
        }
      },
    } as LoadOptions;
    values = loadAll(text, null, options);
  } catch {
    return undefined;
  }
  if (multiLineFlow || roots.length !== values.length) return undefined;

  const documents: FastDocument[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || value === undefined) continue;
    if (!isPlainMapping(value) || hasAmbiguousKey(value)) return undefined;
    const root = roots[index];
    if (!root) return undefined;
    documents.push({ value, ...root });
  }
  return documents;
}

function longestLine(text: string): number {
  let longest = 0;
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    longest = Math.max(longest, stop - start);
    start = stop + 1;
  }
  return longest;
}

/** Where a node opened at `position` really starts: past spaces and line breaks. */
function nodeStart(text: string, position: number, line: number): { line: number; first: string } {
  let at = position;
  let startLine = line;
  for (; at < text.length; at += 1) {
    const char = text.charAt(at);
    if (char === '\n') startLine += 1;
    else if (char !== ' ' && char !== '\t' && char !== '\r') break;
  }
  return { line: startLine, first: text.charAt(at) };
}

/**
 * Whether a node of `kind` whose text starts with `first` is in flow style (quoted, plain or
 * bracketed) rather than a block collection or block scalar. js-yaml forgives under-indented
 * continuation lines of flow nodes that `yaml` rejects, so multi-line ones are left to `yaml`.
 */
function isFlowStyle(first: string, kind: string | null): boolean {
  if (kind === 'mapping' || kind === 'sequence') return first === '[' || first === '{';
  return kind === 'scalar' && first !== '|' && first !== '>';
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasAmbiguousKey(root: Record<string, unknown>): boolean {
  const pending: unknown[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Array.isArray(next)) {
      pending.push(...(next as unknown[]));
    } else if (isPlainMapping(next)) {
      for (const key of Object.keys(next)) {
        if (AMBIGUOUS_KEYS.has(key)) return true;
        pending.push(next[key]);
      }
    }
  }
  return false;
}
