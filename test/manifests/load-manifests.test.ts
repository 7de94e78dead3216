import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/manifests/index.js';
import { runsOnLmi } from '../../src/manifests/lmi-rules.js';
import { lowerCamel } from '../../src/manifests/schema-source/json-schema.js';
import { createWorkspace, FUNCTION, GUARDRAIL, PROVIDER, type Workspace } from './workspace.js';

describe('loadManifests', () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
    workspace.write('src/app.py', 'def handler(event, context):\n    return event\n');
  });
  afterEach(() => workspace.remove());

  it('returns typed objects with defaults, behaviour and node locations', async () => {
    const adopted = PROVIDER.replace(
      '  name: steady\n',
      "  name: steady\n  annotations:\n    lmi/adopt: 'true'\n    lmi/deletion-policy: Retain\n",
    );
    workspace.write('one.yaml', [adopted, FUNCTION].join('---\n'));

    const { desired, problems } = await loadManifests([workspace.root]);

    expect(problems).toEqual([]);
    const [provider] = desired.capacityProviders;
    const [fn] = desired.functions;
    expect(provider?.behaviour).toEqual({ deletionPolicy: 'Retain', adopt: true, suspend: false });
    expect(provider?.metadata.labels).toEqual({});
    expect(fn?.behaviour).toEqual({ deletionPolicy: 'Delete', adopt: false, suspend: false });
    expect(fn?.spec.memorySize).toBe(4096);
    expect(fn?.source.baseDir).toBe(workspace.root);
    expect(fn?.source.location).toMatchObject({ line: 20, column: 1 });
    expect(fn?.source.locate(['spec', 'memorySize'])).toMatchObject({ line: 29, column: 15 });
    expect(desired.files).toEqual([`${workspace.root}/one.yaml`]);
  });

  it('leaves objects with problems out of desired but keeps checking references to them', async () => {
    workspace.write('a-provider.yaml', PROVIDER.replace('maxVCpuCount: 16', 'maxVCpuCount: 1'));
    workspace.write('b-function.yaml', FUNCTION);

    const { desired, problems } = await loadManifests([workspace.root]);

    expect(desired.capacityProviders).toEqual([]);
    expect(desired.functions.map((fn) => fn.metadata.name)).toEqual(['api']);
    expect(problems).toHaveLength(1);
  });

  it('sorts problems by file, line and column across files and documents', async () => {
    workspace.write('b.yaml', GUARDRAIL.replace('Warn', 'Deny'));
    workspace.write('a.yaml', [GUARDRAIL.replace('baseline', 'x y'), 'kind: Nope\n'].join('---\n'));

    expect(await workspace.problems()).toEqual([
      'a.yaml:4:9: metadata.name must match ^[a-zA-Z0-9_-]+$ (got "x y")',
      'a.yaml:10:1: document is missing apiVersion (use lmi/v1alpha1)',
      'a.yaml:10:7: unknown kind Nope; use one of CapacityProvider, Function, Guardrail',
      'b.yaml:6:16: enforcement must be one of Block, Warn (got "Deny")',
    ]);
  });

  it('refuses zipFile paths outside an explicit repository root', async () => {
    workspace.write('team/fn.yaml', FUNCTION.replace('./src', '../src'));
    const problems = await workspace.problems([`${workspace.root}/team`], {
      repositoryRoot: `${workspace.root}/team`,
    });
    expect(problems).toEqual([
      'team/fn.yaml:12:14: code.zipFile ../src leaves the repository root team',
      'team/fn.yaml:15:28: capacityProviderRef steady names no CapacityProvider manifest; declared: none',
    ]);
  });

  it.each([
    [
      'an unclosed flow mapping',
      'metadata: {name: steady\n',
      [
        'providers.yaml:1:24: yaml syntax error: flow map in block collection must be sufficiently indented and end with a }',
      ],
    ],
    [
      'an unclosed quote without a final newline',
      "kind: 'CapacityProvider",
      ["providers.yaml:1:23: yaml syntax error: missing closing 'quote"],
    ],
    [
      'a binary file',
      Buffer.from([0x6b, 0x3a, 0x00]),
      ['providers.yaml:1:3: file is binary (it contains a NUL byte), not YAML text'],
    ],
  ])(
    'reports %s in a providers file without follow-on reference problems',
    async (_what, providers, expected) => {
      workspace.write('providers.yaml', providers);
      for (const name of ['a', 'b', 'c']) {
        workspace.write(`fn-${name}.yaml`, FUNCTION.replace('name: api', `name: ${name}`));
      }
      expect(await workspace.problems()).toEqual(expected);
    },
  );

  it('skips empty documents and files that hold only comments', async () => {
    workspace.write('empty.yaml', '# nothing here yet\n');
    workspace.write('g.yml', `---\n${GUARDRAIL}---\n`);
    const { desired, problems } = await loadManifests([workspace.root]);
    expect(problems).toEqual([]);
    expect(desired.guardrails).toHaveLength(1);
    expect(desired.files).toHaveLength(2);
  });
});

describe('AWS member names in manifests', () => {
  it.each([
    ['MaxVCpuCount', 'maxVCpuCount'],
    ['KMSKeyArn', 'kmsKeyArn'],
    ['S3Bucket', 's3Bucket'],
    ['VpcConfig', 'vpcConfig'],
    ['SourceKMSKeyArn', 'sourceKMSKeyArn'],
  ])('writes %s as %s', (aws, manifest) => {
    expect(lowerCamel(aws)).toBe(manifest);
  });
});

describe('runtimes on Lambda Managed Instances', () => {
  it.each([
    ['java21', true],
    ['java17', false],
    ['python3.13', true],
    ['python3.12', false],
    ['nodejs22.x', true],
    ['nodejs20.x', false],
    ['dotnet8', true],
    ['dotnet6', false],
    ['provided.al2023', true],
    ['provided.al2', false],
    ['ruby3.4', false],
  ])('%s runs there: %s', (runtime, expected) => {
    expect(runsOnLmi(runtime)).toBe(expected);
  });
});
