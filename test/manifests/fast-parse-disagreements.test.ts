import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { fastParse } from '../../src/manifests/fast-parse.js';
import { parseManifestFile } from '../../src/manifests/parse.js';

// Texts found by a reviewer where the fast path (js-yaml) reads a file that the `yaml` library,
// the loader's authority, rejects or reads otherwise. Each must go to the yaml library instead.

/** The `yaml` library's documents (values and root positions), or undefined on errors. */
function authority(text: string): { value: unknown; line: number; column: number }[] | undefined {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  if (!Array.isArray(documents)) return undefined;
  if (documents.some((document) => document.errors.length > 0)) return undefined;
  return documents
    .filter((document) => document.contents !== null && document.toJS() !== null)
    .map((document) => {
      const { line, col } = lines.linePos(document.contents?.range?.[0] ?? 0);
      return { value: document.toJS() as unknown, line, column: col };
    });
}

function expectAgreement(text: string, maxDepth = 32): void {
  const fast = fastParse(text, maxDepth);
  if (fast === undefined) return;
  expect(fast, JSON.stringify(text.slice(0, 80))).toEqual(authority(text));
}

describe('fastParse where js-yaml and yaml disagree', () => {
  it('leaves implicit keys over 1024 characters to yaml, which rejects them', () => {
    // yaml: KEY_OVER_1024_CHARS; js-yaml reads them. metadata.annotations and environment
    // variable names have no length limit in the schemas, so such a file validated clean.
    const key = 'k'.repeat(1100);
    for (const text of [
      `${key}: 1\n`,
      `"${key}": 1\n`,
      `'${key}': 1\n`,
      `a:\n  - ${key}: 1\n`,
      `a: [${key}: 1]\n`,
    ]) {
      expectAgreement(text);
    }
  });

  it('leaves escapes past U+10FFFF to yaml, which rejects them', () => {
    // js-yaml turns them into unrelated characters (lone surrogates, U+FFFF).
    expectAgreement('a: "\\U00110000"\n');
    expectAgreement('a: "\\UFFFFFFFF"\n');
  });

  it('counts a pair in a flow sequence as deep as yaml does against maxDepth', () => {
    // yaml makes `[k: v]` a sequence holding a one-pair mapping: v is two levels below the
    // sequence; js-yaml counts one. At the default limit of 32, thirty nested pairs (62 levels
    // for yaml) were accepted.
    const limits = { maxDepth: 32, maxAliasCount: 100 };
    const text = `a: ${'[k: '.repeat(30)}1${']'.repeat(30)}\n`;
    expect(parseManifestFile('deep.yaml', text, limits).problems).toEqual([
      {
        location: { file: 'deep.yaml', line: 1, column: 65 },
        message: 'document nests deeper than 32 levels',
      },
    ]);
    expect(
      parseManifestFile('pair.yaml', 'a: [b: 1]\n', { ...limits, maxDepth: 3 }).documents,
    ).toEqual([]);
  });

  it('reads a byte order mark at the start of a document as yaml does', () => {
    // yaml drops it there (key `apiVersion`, root one column on); js-yaml keeps it in the key,
    // so a valid manifest is reported as missing apiVersion. The loader strips a BOM at the very
    // start of a file, so the third text never reaches fastParse from it (its contract only).
    expectAgreement('# header\n\uFEFFapiVersion: lmi/v1alpha1\n');
    expectAgreement('a: 1\n...\n\uFEFFb: 2\n');
    expectAgreement('\uFEFFa: 1\n');
  });

  it('leaves a collection used as a key without a colon in a flow mapping to yaml', () => {
    // yaml names the key `[ b ]`, js-yaml `b` (and `[]` becomes '').
    expectAgreement('a: {[b]}\n');
    expectAgreement('a: {[b, c], d: 1}\n');
    expectAgreement('a: {[]}\n');
  });

  it('reads a kept block scalar at the end of a file without a final newline as yaml does', () => {
    // The last line holds only a space and no line break: yaml reads "x\n", js-yaml (which
    // appends a line break to the input) "x\n\n".
    expectAgreement('a: |+\n  x\n ');
  });

  it('locates a problem in its own document when yaml refuses an earlier one', () => {
    // The deferred locator takes the n-th document of the yaml parse for the n-th document of
    // the fast path: once the two disagree on which documents are readable, problems of later
    // documents are placed in the wrong document (here: two's memorySize at three's line).
    const text = [
      'metadata:',
      '  name: one',
      '  annotations:',
      `    ${'k'.repeat(1100)}: x`,
      '---',
      'metadata:',
      '  name: two',
      'spec:',
      '  memorySize: 100',
      '---',
      'metadata:',
      '  name: three',
      'spec:',
      '  memorySize: 200',
      '',
    ].join('\n');
    const parsed = parseManifestFile('f.yaml', text, { maxDepth: 32, maxAliasCount: 100 });
    const two = parsed.documents.find(
      (document) => (document.value.metadata as { name: string }).name === 'two',
    );
    expect(two?.locator.locate(['spec', 'memorySize'])).toEqual({
      file: 'f.yaml',
      line: 9,
      column: 15,
    });
  });

  it('leaves a document marker followed by a Unicode space to yaml', () => {
    // The scan for content on a marker's line takes \s, which includes U+00A0, U+2028, U+3000:
    // js-yaml reads `---` as a marker there, yaml as the start of a plain key (or an error).
    expectAgreement('---\u00a0k: v\n');
    expectAgreement('---\u3000k: v\n');
    expectAgreement('--- \u00a0k: v\n');
  });

  it('reads a trailing blank line of a block scalar with an indentation indicator as yaml does', () => {
    // The last line holds spaces only, more than the indicated indentation: yaml drops it,
    // js-yaml keeps its extra spaces as content ("  x\n " and "  x\n \n" against "  x" and
    // "  x\n"). Such a value (an environment variable, say) would reach AWS changed.
    expectAgreement('b: |2-\n    x\n   \n');
    expectAgreement('b: |2\n    x\n   \nc: 1\n');
    expectAgreement('b: >2-\n    x\n   \n');
  });
});
