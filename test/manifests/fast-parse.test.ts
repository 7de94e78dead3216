import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/manifests/fast-parse.js';
import { parseWithPositions } from '../../src/manifests/parse.js';

/** Deep enough for the generated trees, shallow enough that the limit is crossed now and then. */
const MAX_DEPTH = 12;

/**
 * What the loader's authority, the `yaml` path, makes of `text` under the same depth limit:
 * each document's value and root position, or undefined when it finds a problem.
 */
function authority(text: string): { value: unknown; line: number; column: number }[] | undefined {
  const parsed = parseWithPositions('f.yaml', text, { maxDepth: MAX_DEPTH, maxAliasCount: 100 });
  if (parsed.problems.length > 0) return undefined;
  return parsed.documents.map(({ value, locator }) => {
    const { line, column } = locator.locate([]);
    return { value, line, column };
  });
}

/** Plain scalars the two parsers could resolve apart, and quoted ones. */
const RESOLVABLE = [
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  '0',
  '-0',
  '+12',
  '012',
  '0o17',
  '0o8',
  '0x1F',
  '0xg',
  '0b101',
  '1_000',
  '1.5',
  '1.',
  '.5',
  '-.5',
  '1e3',
  '1.0e-3',
  '1E+2',
  '+.inf',
  '-.Inf',
  '.INF',
  '.NaN',
  '.nan',
  'nan',
  '2001-12-14',
  '12:30:45',
  '1:20',
  '""',
  "''",
  '"a: b"',
  '"\\t\\u00e9"',
  "'it''s'",
  'a#b',
  'x y',
  '99999999999999999999',
  '0x7FFFFFFFFFFFFFFF',
  '=',
  'é',
  'a\tb',
];
/** Scalars and fragments that are awkward in any position. */
const AWKWARD = [
  '@x',
  '`x`',
  '__proto__',
  'constructor',
  '<<',
  '%x',
  'a: b',
  '- a',
  '[a]',
  '{a: 1}',
  '[]',
  '{}',
  '"multi\n  line"',
  '|',
  '>-',
  '"unterminated',
  "'",
  ':',
  '-',
  '\u2028',
  'a # c',
  // The classes a review found (see fast-parse-disagreements.test.ts).
  'k'.repeat(1030),
  '"\\U00110000"',
  '[k: [k: [k: [k: v]]]]',
  '{[b]}',
  '|+\n  x\n ',
  '|2-\n    x\n   \n',
  '\u00a0x',
  '\ufeffx',
];
const SCALARS = [...RESOLVABLE, ...AWKWARD];
const PLAIN_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'spec', 'tags', 'a-b', 'x y', '1'];
const KEYS = [...PLAIN_KEYS, ...SCALARS];
/** Pieces a mutation splices in, each able to turn valid YAML into something else. */
const SPLICES = [
  '\ufeff',
  '\u00a0',
  '|2-\n',
  '|+\n',
  ': ',
  '- ',
  '#',
  '"',
  "'",
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\n',
  ' ',
  '  ',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>\n',
  '\\',
  '\r\n',
  '&a ',
  '*a',
  '!x ',
  '%YAML 1.1\n',
  'null: x\n',
];

type Tree = string | Tree[] | { pairs: [string, Tree][] };

function treeOf(scalars: string[], keys: string[]): fc.Arbitrary<Tree> {
  return fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...scalars),
      fc.array(tie('node'), { maxLength: 3 }),
      fc
        .uniqueArray(fc.tuple(fc.constantFrom(...keys), tie('node')), {
          maxLength: 4,
          selector: ([key]) => key,
        })
        .map((pairs) => ({ pairs })),
    ),
  })).node;
}

function isEmpty(node: Tree): boolean {
  return Array.isArray(node) ? node.length === 0 : typeof node !== 'string' && !node.pairs.length;
}

/** Block-style YAML of `node` at `indent`, with flow style now and then. */
function render(node: Tree, indent: string, flow: boolean): string {
  if (typeof node === 'string') return ` ${node}\n`;
  if (flow) {
    if (Array.isArray(node)) {
      return ` [${node.map((item) => render(item, '', true).trim()).join(', ')}]\n`;
    }
    const items = node.pairs.map(([key, value]) => `${key}: ${render(value, '', true).trim()}`);
    return ` {${items.join(', ')}}\n`;
  }
  if (isEmpty(node)) return Array.isArray(node) ? ' []\n' : ' {}\n';
  const inner = `${indent}  `;
  const lines = Array.isArray(node)
    ? node.map((item) => `${inner}-${sequenceItem(item, inner)}`)
    : node.pairs.map(([key, value], index) => {
        const flowStyle = typeof value !== 'string' && (key.length + index) % 3 === 1;
        return `${inner}${key}:${render(value, inner, flowStyle)}`;
      });
  return `\n${lines.join('')}`;
}

/** A sequence item after its dash: a collection starts on the dash's line, as people write. */
function sequenceItem(item: Tree, indent: string): string {
  if (typeof item === 'string' || isEmpty(item)) return render(item, indent, false);
  // The block's first line, less its newline and indentation, follows the dash.
  return ` ${render(item, indent, false).slice(indent.length + 3)}`;
}

function documentOf(scalars: string[], keys: string[]): fc.Arbitrary<string> {
  const tree = treeOf(scalars, keys);
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...keys), tree), {
      minLength: 1,
      maxLength: 5,
      selector: ([key]) => key,
    })
    .map((pairs) => pairs.map(([key, value]) => `${key}:${render(value, '', false)}`).join(''));
}

/** Files of one to three documents, with `maxSplices` random pieces spliced in. */
function textOf(scalars: string[], keys: string[], maxSplices: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(documentOf(scalars, keys), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...SPLICES)), {
        maxLength: maxSplices,
      }),
      fc.boolean(),
    )
    .map(([documents, splices, leadingMarker]) => {
      let source = (leadingMarker ? '# manifests\n---\n' : '') + documents.join('---\n');
      for (const [at, cut, piece] of splices) {
        const position = at % (source.length + 1);
        source = source.slice(0, position) + piece + source.slice(position + (cut % 3));
      }
      return source;
    });
}

const RUNS = Number(process.env.FAST_PARSE_RUNS ?? 1500);

/** Compares the two parsers on `source`; true when the fast path read it. */
function expectSameAsAuthority(source: string): boolean {
  const fast = fastParse(source, MAX_DEPTH);
  if (fast === undefined) return false;
  const expected = authority(source);
  expect(expected, `yaml rejects what the fast path read:\n${source}`).toBeDefined();
  expect(fast, source).toEqual(expected);
  return true;
}

describe('fastParse', () => {
  it('reads well-formed files as the yaml library does, values and root positions alike', () => {
    let read = 0;
    fc.assert(
      fc.property(textOf(RESOLVABLE, PLAIN_KEYS, 0), (source) => {
        if (expectSameAsAuthority(source)) read += 1;
      }),
      { numRuns: RUNS },
    );
    // The comparison means something only if the fast path reads most of these texts.
    expect(read).toBeGreaterThan(RUNS / 2);
  });

  it('never reads a damaged or awkward file differently from the yaml library', () => {
    fc.assert(
      fc.property(textOf(SCALARS, KEYS, 3), (source) => {
        expectSameAsAuthority(source);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the yaml library on every shipped example', () => {
    const folder = join(import.meta.dirname, '../../manifests/examples');
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    const yamlFiles = files.filter((file) => file.endsWith('.yaml'));
    expect(yamlFiles.length).toBeGreaterThan(3);
    for (const file of yamlFiles) {
      const source = readFileSync(join(folder, file), 'utf8');
      const fast = fastParse(source, MAX_DEPTH);
      expect(fast, `${file} takes the fast path`).toBeDefined();
      expect(fast, file).toEqual(authority(source));
    }
  });

  it.each([
    // Syntax left to yaml by design.
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '%YAML 1.1\n---\na: yes\n',
    '? a\n: b\n',
    '[a, b]: c\n',
    '{a: 1}: c\n',
    'a: 1\r',
    '~: x\n',
    'a: 1\na: 2\n',
    '- a\n',
    // Deeper than half the limit, which is as deep as the fast path reads.
    `${Array.from({ length: 7 }, (_, depth) => `${'  '.repeat(depth)}k:`).join('\n')} 1\n`,
    // Counterexamples the properties above found: js-yaml read them, yaml rejects them or reads
    // them otherwise.
    'apiVersion: "multi\n:   line"\n',
    'a: [1,\n2]\n',
    'a:\n  - - \n  - ~\n',
    'a:\n  - - - []\n      - null\n    - #c\n- a: ~\n',
    '---&a \nb: 1\n',
    '---  : []\n',
    'kind: {a: 1}#\n',
    '=: +12\n---\n\t',
    ': apiVersion: ~\n',
  ])('leaves %j to the yaml library', (source) => {
    expect(fastParse(source, MAX_DEPTH)).toBeUndefined();
  });

  it('places each root where the yaml library does, past comments and markers', () => {
    const source = '# a comment\n---\n\n  # indented comment\napiVersion: x\n---\n"kind": y\n';
    expect(fastParse(source, MAX_DEPTH)).toEqual([
      { value: { apiVersion: 'x' }, line: 5, column: 1 },
      { value: { kind: 'y' }, line: 7, column: 1 },
    ]);
    expect(authority(source)).toEqual(fastParse(source, MAX_DEPTH));
  });
});
