import { symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, GUARDRAIL, type Workspace } from './workspace.js';

// Each case must end quickly: a hang or a crash is the failure being guarded against.
const QUICK = 15_000;

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '',
].join('\n');

describe('hostile input', () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
  });
  afterEach(() => workspace.remove());

  it(
    'refuses an alias bomb without expanding it',
    async () => {
      workspace.write('bomb.yaml', aliasBomb);
      expect(await workspace.problems()).toEqual([
        'bomb.yaml:1:1: document expands aliases beyond the limit of 100 (a possible alias bomb): referenceerror: excessive alias count indicates a resource exhaustion attack',
      ]);
    },
    QUICK,
  );

  it(
    'refuses a file over the size limit before reading it',
    async () => {
      workspace.write('big.yaml', `# ${'x'.repeat(2048)}\n`);
      expect(await workspace.problems(undefined, { maxFileBytes: 1024 })).toEqual([
        'big.yaml:1:1: file is 2051 bytes, over the limit of 1024 bytes',
      ]);
    },
    QUICK,
  );

  it(
    'refuses a binary file named .yaml at its first NUL byte',
    async () => {
      workspace.write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x41, 0x00, 0x01]));
      expect(await workspace.problems()).toEqual([
        'image.yaml:2:2: file is binary (it contains a NUL byte), not YAML text',
      ]);
    },
    QUICK,
  );

  it(
    'locates the first byte that is not UTF-8',
    async () => {
      const text = Buffer.concat([
        Buffer.from('kind: Function\nname: caf'),
        Buffer.from([0xe9, 0x0a]),
      ]);
      workspace.write('latin1.yaml', text);
      expect(await workspace.problems()).toEqual([
        'latin1.yaml:2:10: file is not valid UTF-8 text (byte 0xe9 starts no valid character)',
      ]);
    },
    QUICK,
  );

  it.each([
    [
      'block mappings',
      `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`,
      'deep.yaml:33:65: document nests deeper than 32 levels',
    ],
    [
      'flow lists',
      `${'['.repeat(40)}${']'.repeat(40)}\n`,
      'deep.yaml:1:33: document nests deeper than 32 levels',
    ],
  ])(
    'refuses nesting deeper than the limit in %s',
    async (_shape, text, expected) => {
      workspace.write('deep.yaml', text);
      expect(await workspace.problems()).toEqual([expected]);
    },
    QUICK,
  );

  it(
    'refuses nesting too deep for the parser itself as a located problem',
    async () => {
      workspace.write('deep.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
      const problems = await workspace.problems();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^deep\.yaml:1:\d+: document nests too deeply to be parsed$/);
    },
    QUICK,
  );

  it.each([
    [
      'a list',
      '- apiVersion: lmi/v1alpha1\n',
      'list.yaml:1:1: document must be a mapping with apiVersion, kind, metadata and spec (got a list)',
    ],
    [
      'a scalar',
      'just text\n',
      'list.yaml:1:1: document must be a mapping with apiVersion, kind, metadata and spec (got a scalar)',
    ],
  ])(
    'refuses a document that is %s',
    async (_shape, text, expected) => {
      workspace.write('list.yaml', text);
      expect(await workspace.problems()).toEqual([expected]);
    },
    QUICK,
  );

  it.each([
    [
      'apiVersion',
      GUARDRAIL.replace('lmi/v1alpha1', 'apps/v1'),
      'x.yaml:1:13: unknown apiVersion apps/v1; use lmi/v1alpha1',
    ],
    [
      'kind',
      GUARDRAIL.replace('Guardrail', 'Deployment'),
      'x.yaml:2:7: unknown kind Deployment; use one of CapacityProvider, Function, Guardrail',
    ],
    [
      'missing kind',
      GUARDRAIL.replace('kind: Guardrail\n', ''),
      'x.yaml:1:1: document is missing kind (one of CapacityProvider, Function, Guardrail)',
    ],
  ])(
    'refuses an unknown %s',
    async (_what, text, expected) => {
      workspace.write('x.yaml', text);
      expect(await workspace.problems()).toEqual([expected]);
    },
    QUICK,
  );

  it(
    'refuses duplicate keys at the repeated key',
    async () => {
      workspace.write(
        'dup.yaml',
        GUARDRAIL.replace('  enforcement: Warn\n', '  enforcement: Warn\n  enforcement: Block\n'),
      );
      expect(await workspace.problems()).toEqual([
        'dup.yaml:7:3: duplicate key in this mapping: each key may appear once',
      ]);
    },
    QUICK,
  );

  it(
    'refuses a symlink that leaves the repository root',
    async () => {
      const outside = createWorkspace();
      try {
        outside.write('secret.yaml', GUARDRAIL);
        workspace.write('repo/ok.yaml', GUARDRAIL);
        symlinkSync(outside.root, `${workspace.root}/repo/escape`);
        const problems = await workspace.problems([`${workspace.root}/repo`]);
        expect(problems).toEqual([
          `repo/escape:1:1: symlink repo/escape leads to ${outside.root}, outside the repository root repo`,
        ]);
      } finally {
        outside.remove();
      }
    },
    QUICK,
  );

  it(
    'ends symlink loops and reads each file once',
    async () => {
      workspace.write('a/ok.yaml', GUARDRAIL);
      symlinkSync(`${workspace.root}/a`, `${workspace.root}/a/again`);
      symlinkSync(`${workspace.root}/self`, `${workspace.root}/self`);
      expect(await workspace.problems()).toEqual([
        'self:1:1: symlink self is part of a symlink loop',
      ]);
    },
    QUICK,
  );

  it(
    'reports a path that does not exist',
    async () => {
      expect(await workspace.problems([`${workspace.root}/nowhere`])).toEqual([
        'nowhere:1:1: nowhere does not exist',
      ]);
    },
    QUICK,
  );
});
