import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/manifests/index.js';

const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'spec',
  'code',
  'zipFile',
  'tags',
  '<<',
  'x',
];
const SCALARS = [
  'lmi/v1alpha1',
  'Function',
  'CapacityProvider',
  'Guardrail',
  '../../etc/passwd',
  '$(rm -rf /)',
  '*a',
  '&a x',
  '!!binary',
  '"',
  '{',
  '[',
  '-',
  '? ',
  ': ',
  '|',
  '\t',
  '~',
  '\u001b[31m',
  '\ud800',
];

/** A JSON-like value whose keys and leaves lean towards what the loader looks at. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(...SCALARS),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** A manifest document shaped like the real envelope, with anything inside. */
const envelope = fc.record(
  {
    apiVersion: fc.oneof(fc.constant('lmi/v1alpha1'), value),
    kind: fc.oneof(fc.constantFrom('Function', 'CapacityProvider', 'Guardrail'), value),
    metadata: fc.oneof(fc.record({ name: value, labels: value, annotations: value }), value),
    spec: value,
  },
  { requiredKeys: [] },
);

/** Text of one file: documents as JSON or YAML-ish fragments, raw noise, joined by separators. */
const fileText = fc
  .array(
    fc.oneof(
      envelope.map((doc) => JSON.stringify(doc)),
      fc
        .array(fc.constantFrom(...SCALARS, ...KEYS, '\n', '  ', '---'), { maxLength: 30 })
        .map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((documents) => documents.join('\n---\n'));

describe('the manifest loader over generated documents', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lmi-property-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('never throws, never hangs, and locates every problem', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fileText, async (text) => {
        run += 1;
        const file = join(root, `doc-${run}.yaml`);
        writeFileSync(file, text);
        try {
          const { problems } = await loadManifests([file], { repositoryRoot: root });
          for (const problem of problems) {
            expect(problem.location.file).toBe(file);
            expect(problem.location.line).toBeGreaterThanOrEqual(1);
            expect(problem.location.column).toBeGreaterThanOrEqual(1);
            expect(problem.message.length).toBeGreaterThan(0);
          }
        } finally {
          rmSync(file);
        }
      }),
      {
        numRuns: 2000,
        seed: 20_260_909,
        interruptAfterTimeLimit: 90_000,
        markInterruptAsFailure: true,
      },
    );
  }, 120_000);
});
