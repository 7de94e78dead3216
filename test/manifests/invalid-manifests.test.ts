import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, FUNCTION, GUARDRAIL, PROVIDER, type Workspace } from './workspace.js';

type Target = 'cp' | 'fn' | 'gr';

/**
 * [what is wrong, which file, text to replace, its replacement, expected problems]. Each case
 * breaks one valid manifest of a set that is otherwise valid (see workspace.ts).
 */
type Case = [string, Target, string, string, string[]];

const CASES: Case[] = [
  [
    'a list used as a key',
    'fn',
    'memorySize: 4096',
    'memorySize: 4096\n  environment: {variables: {[A]: b}}',
    ['fn.yaml:11:29: a key must be a plain value, not a list or mapping'],
  ],
  [
    'a misspelled spec member',
    'cp',
    '  capacityProviderScalingConfig:',
    '  tagz: {}\n  capacityProviderScalingConfig:',
    [
      'cp.yaml:13:3: unknown field tagz in spec; allowed: capacityProviderScalingConfig, instanceRequirements, kmsKeyArn, permissionsConfig, propagateTags, tags, telemetryConfig, vpcConfig (did you mean tags?)',
    ],
  ],
  [
    'maxVCpuCount below the AWS minimum',
    'cp',
    'maxVCpuCount: 16',
    'maxVCpuCount: 1',
    ['cp.yaml:14:19: capacityProviderScalingConfig.maxVCpuCount must be at least 2 (got 1)'],
  ],
  [
    'maxVCpuCount above the AWS maximum',
    'cp',
    'maxVCpuCount: 16',
    'maxVCpuCount: 20000',
    ['cp.yaml:14:19: capacityProviderScalingConfig.maxVCpuCount must be at most 15000 (got 20000)'],
  ],
  [
    'scalingMode in the wrong casing',
    'cp',
    'scalingMode: Auto',
    'scalingMode: auto',
    [
      'cp.yaml:15:18: capacityProviderScalingConfig.scalingMode must be one of Auto, Manual (got "auto") (did you mean Auto?)',
    ],
  ],
  [
    'two architectures on a provider',
    'cp',
    'architectures: [arm64]',
    'architectures: [arm64, x86_64]',
    ['cp.yaml:12:20: instanceRequirements.architectures must have at most 1 item (got 2)'],
  ],
  [
    'an empty subnet list',
    'cp',
    'subnetIds: [subnet-0c0ffee00000000a1]',
    'subnetIds: []',
    ['cp.yaml:7:16: vpcConfig.subnetIds must have at least 1 item (got 0)'],
  ],
  [
    'a subnet id that is not one',
    'cp',
    'subnetIds: [subnet-0c0ffee00000000a1]',
    'subnetIds: [subnet_0c0ffee]',
    [
      'cp.yaml:7:17: vpcConfig.subnetIds[0] must match ^(?:subnet-[0-9a-z]*)$ (got "subnet_0c0ffee")',
    ],
  ],
  [
    'missing securityGroupIds',
    'cp',
    '    securityGroupIds: [sg-0c0ffee00000000d1]\n',
    '',
    ['cp.yaml:7:5: vpcConfig is missing required member securityGroupIds'],
  ],
  [
    'missing permissionsConfig',
    'cp',
    '  permissionsConfig:\n    capacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/lmi-capacity-provider-operator\n',
    '',
    ['cp.yaml:6:3: spec is missing required member permissionsConfig'],
  ],
  [
    'allowed and excluded instance types together',
    'cp',
    '    architectures: [arm64]',
    '    architectures: [arm64]\n    allowedInstanceTypes: [c7g.*]\n    excludedInstanceTypes: [c7g.large]',
    [
      'cp.yaml:12:5: instanceRequirements sets allowedInstanceTypes and excludedInstanceTypes, which exclude each other: keep one of allowedInstanceTypes or excludedInstanceTypes',
    ],
  ],
  [
    'an instance type with a space',
    'cp',
    '    architectures: [arm64]',
    "    architectures: [arm64]\n    allowedInstanceTypes: ['c7g large']",
    [
      'cp.yaml:13:28: instanceRequirements.allowedInstanceTypes[0] must match ^(?:[a-zA-Z0-9\\.\\*\\-]+)$ (got "c7g large")',
    ],
  ],
  [
    'scaling policies with Auto scaling',
    'cp',
    '    scalingMode: Auto',
    '    scalingMode: Auto\n    scalingPolicies:\n      - predefinedMetricType: LambdaCapacityProviderAverageCPUUtilization\n        targetValue: 60',
    [
      'cp.yaml:17:7: capacityProviderScalingConfig.scalingPolicies need scalingMode Manual; AWS rejects them with Auto (got Auto)',
    ],
  ],
  [
    'a scaling policy target over 100',
    'cp',
    '    scalingMode: Auto',
    '    scalingMode: Manual\n    scalingPolicies:\n      - predefinedMetricType: LambdaCapacityProviderAverageCPUUtilization\n        targetValue: 120',
    [
      'cp.yaml:18:22: capacityProviderScalingConfig.scalingPolicies[0].targetValue must be at most 100 (got 120)',
    ],
  ],
  [
    'a KMS key that is not an ARN',
    'cp',
    '  instanceRequirements:',
    '  kmsKeyArn: alias/ebs\n  instanceRequirements:',
    [
      'cp.yaml:11:14: kmsKeyArn must match ^(?:arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)$ (got "alias/ebs")',
    ],
  ],
  [
    'a tag key with forbidden characters',
    'cp',
    '  instanceRequirements:',
    "  tags: { 'team!': payments }\n  instanceRequirements:",
    [
      'cp.yaml:11:11: key "team!" in tags must match ^(?:([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*))$ (got "team!")',
    ],
  ],
  [
    "a provider tag key in the controller's lmi: prefix",
    'cp',
    '  instanceRequirements:',
    "  tags: { 'lmi:managed-by': someone-else }\n  instanceRequirements:",
    [
      "cp.yaml:11:11: tag key lmi:managed-by is reserved: tag keys starting with lmi: are reserved for the controller's ownership tags",
    ],
  ],
  [
    'an explicitly propagated tag key in the aws: prefix',
    'cp',
    '  instanceRequirements:',
    "  propagateTags:\n    mode: Explicit\n    explicitTags: { 'aws:cloudformation:stack-name': api }\n  instanceRequirements:",
    [
      'cp.yaml:13:21: tag key aws:cloudformation:stack-name is reserved: tag keys starting with aws: are reserved by AWS',
    ],
  ],
  [
    'function tag keys in reserved prefixes, in any casing',
    'fn',
    '  code:',
    '  tags:\n    team: payments\n    LMI:owner: me\n    Aws:region: here\n  code:',
    [
      "fn.yaml:13:5: tag key LMI:owner is reserved: tag keys starting with lmi: are reserved for the controller's ownership tags",
      'fn.yaml:14:5: tag key Aws:region is reserved: tag keys starting with aws: are reserved by AWS',
    ],
  ],
  [
    'propagateTags mode in the wrong casing',
    'cp',
    '  instanceRequirements:',
    '  propagateTags: { mode: explicit }\n  instanceRequirements:',
    [
      'cp.yaml:11:26: propagateTags.mode must be one of None, Explicit (got "explicit") (did you mean Explicit?)',
    ],
  ],
  [
    'a name with a space',
    'cp',
    '  name: steady',
    '  name: steady state',
    [
      'cp.yaml:4:9: metadata.name must match ^[a-zA-Z0-9_-]+$ (got "steady state")',
      'fn.yaml:15:28: capacityProviderRef steady names no CapacityProvider manifest; declared: steady state (did you mean steady state?)',
    ],
  ],
  [
    'a missing metadata.name',
    'cp',
    '  name: steady',
    '  labels: { team: payments }',
    [
      'cp.yaml:4:3: metadata is missing required member name',
      'fn.yaml:15:28: capacityProviderRef steady names no CapacityProvider manifest; declared: none',
    ],
  ],
  [
    'an unknown deletion policy',
    'cp',
    '  name: steady',
    '  name: steady\n  annotations:\n    lmi/deletion-policy: Keep',
    ['cp.yaml:6:26: annotation lmi/deletion-policy must be "Delete" or "Retain" (got "Keep")'],
  ],
  [
    'a misspelled lmi annotation',
    'cp',
    '  name: steady',
    "  name: steady\n  annotations:\n    lmi/adpot: 'true'",
    [
      'cp.yaml:6:5: unknown annotation lmi/adpot; known: lmi/deletion-policy, lmi/adopt, lmi/suspend (did you mean lmi/adopt?)',
    ],
  ],
  [
    'an annotation that is not a string',
    'cp',
    '  name: steady',
    '  name: steady\n  annotations:\n    lmi/adopt: true',
    ['cp.yaml:6:16: metadata.annotations.lmi/adopt must be a string (got true)'],
  ],
  [
    'memory above the AWS maximum',
    'fn',
    'memorySize: 4096',
    'memorySize: 40000',
    ['fn.yaml:10:15: memorySize must be at most 32768 (got 40000)'],
  ],
  [
    'memory below the LMI minimum',
    'fn',
    'memorySize: 4096',
    'memorySize: 1024',
    ['fn.yaml:10:15: memorySize must be at least 2048 on Lambda Managed Instances (got 1024)'],
  ],
  [
    'memory that is not a multiple of the ratio',
    'fn',
    'memorySize: 4096',
    'memorySize: 5120',
    [
      'fn.yaml:10:15: memorySize must be a multiple of 2048 for 2 GiB per vCPU (executionEnvironmentMemoryGiBPerVCpu 2 x 1024) (got 5120)',
    ],
  ],
  [
    'a runtime LMI cannot run',
    'fn',
    'runtime: python3.13',
    'runtime: python3.12',
    [
      'fn.yaml:6:12: runtime python3.12 cannot run on Lambda Managed Instances; use Java 21+, Python 3.13+, Node.js 22+, .NET 8+ or provided.al2023',
    ],
  ],
  [
    'a runtime in the wrong casing',
    'fn',
    'runtime: python3.13',
    'runtime: Python3.13',
    [
      'fn.yaml:6:12: runtime must be one of nodejs, nodejs4.3, nodejs6.10, nodejs8.10, nodejs10.x, nodejs12.x, nodejs14.x, nodejs16.x, nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, java8, java8.al2, java11, java17, java21, java25, python2.7, python3.6, python3.7, python3.8, python3.9, python3.10, python3.11, python3.12, python3.13, python3.14, dotnetcore1.0, dotnetcore2.0, dotnetcore2.1, dotnetcore3.1, dotnet6, dotnet8, dotnet10, nodejs4.3-edge, go1.x, ruby2.5, ruby2.7, ruby3.2, ruby3.3, ruby3.4, ruby4.0, provided, provided.al2, provided.al2023, nodejs26.x, python3.15, java8.al2023, java11.al2023, java17.al2023 (got "Python3.13") (did you mean python3.13?)',
    ],
  ],
  [
    'zipFile and imageUri together',
    'fn',
    '    zipFile: ./src',
    '    zipFile: ./src\n    imageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1',
    [
      'fn.yaml:12:5: code sets zipFile and imageUri, which exclude each other: keep one of zipFile, s3Bucket, s3Key and sha256 or imageUri',
    ],
  ],
  [
    'no code source at all',
    'fn',
    '    zipFile: ./src',
    '    {}',
    ['fn.yaml:12:5: code must set one of zipFile, s3Bucket, s3Key and sha256 or imageUri'],
  ],
  [
    'S3 code without its sha256',
    'fn',
    '    zipFile: ./src',
    '    s3Bucket: lmi-artifacts-123456789012\n    s3Key: api.zip',
    ['fn.yaml:12:5: code is missing required member sha256'],
  ],
  [
    'an S3 sha256 in hex',
    'fn',
    '    zipFile: ./src',
    '    s3Bucket: lmi-artifacts-123456789012\n    s3Key: api.zip\n    sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    [
      'fn.yaml:14:13: code.sha256 must match ^[A-Za-z0-9+/]{43}=$ (got "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b...")',
    ],
  ],
  [
    'a zipFile that does not exist',
    'fn',
    '    zipFile: ./src',
    '    zipFile: ./missing',
    ['fn.yaml:12:14: code.zipFile ./missing does not exist (looked for missing)'],
  ],
  [
    'a zipFile outside the repository',
    'fn',
    '    zipFile: ./src',
    '    zipFile: ../outside',
    ['fn.yaml:12:14: code.zipFile ../outside leaves the repository root <root>'],
  ],
  [
    'a zipFile that is neither zip nor folder',
    'fn',
    '    zipFile: ./src',
    '    zipFile: ./src/app.py',
    ['fn.yaml:12:14: code.zipFile ./src/app.py must be a .zip file or a folder'],
  ],
  [
    'a reference to an undeclared provider',
    'fn',
    'capacityProviderRef: steady',
    'capacityProviderRef: stedy',
    [
      'fn.yaml:15:28: capacityProviderRef stedy names no CapacityProvider manifest; declared: steady (did you mean steady?)',
    ],
  ],
  [
    'both a provider ARN and a reference',
    'fn',
    '      capacityProviderRef: steady',
    '      capacityProviderRef: steady\n      capacityProviderArn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:steady',
    [
      'fn.yaml:15:7: capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig sets capacityProviderArn and capacityProviderRef, which exclude each other: keep one of capacityProviderArn or capacityProviderRef',
    ],
  ],
  [
    "an architecture other than the provider's",
    'fn',
    'architectures: [arm64]',
    'architectures: [x86_64]',
    [
      'fn.yaml:9:18: architectures x86_64 does not match capacity provider steady, which runs arm64',
    ],
  ],
  [
    'a concurrency of zero',
    'fn',
    'perExecutionEnvironmentMaxConcurrency: 10',
    'perExecutionEnvironmentMaxConcurrency: 0',
    [
      'fn.yaml:16:46: capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig.perExecutionEnvironmentMaxConcurrency must be at least 1 (got 0)',
    ],
  ],
  [
    'a memory ratio LMI does not offer',
    'fn',
    'executionEnvironmentMemoryGiBPerVCpu: 2',
    'executionEnvironmentMemoryGiBPerVCpu: 3',
    ['fn.yaml:17:45: executionEnvironmentMemoryGiBPerVCpu must be 2, 4 or 8 (got 3)'],
  ],
  [
    'an unknown publish mode',
    'fn',
    '  code:',
    '  publish: Always\n  code:',
    ['fn.yaml:11:12: publish must be one of LatestPublished, Versions, None (got "Always")'],
  ],
  [
    'an alias on version zero',
    'fn',
    '  code:',
    '  aliases:\n    - name: live\n      functionVersion: 0\n  code:',
    [
      'fn.yaml:13:24: aliases[0].functionVersion must be an integer of at least 1 or Latest (got 0)',
    ],
  ],
  [
    'minimum environments above the maximum',
    'fn',
    '  code:',
    '  scalingConfig:\n    minExecutionEnvironments: 5\n    maxExecutionEnvironments: 2\n  code:',
    [
      'fn.yaml:12:31: scalingConfig.minExecutionEnvironments (5) must not exceed maxExecutionEnvironments (2)',
    ],
  ],
  [
    'a missing role',
    'fn',
    '  role: arn:aws:iam::123456789012:role/lmi-function-execution\n',
    '',
    ['fn.yaml:6:3: spec is missing required member role'],
  ],
  [
    'a timeout of zero',
    'fn',
    '  code:',
    '  timeout: 0\n  code:',
    ['fn.yaml:11:12: timeout must be at least 1 (got 0)'],
  ],
  [
    'a timeout of zero and a zipFile that does not exist',
    'fn',
    '  code:\n    zipFile: ./src',
    '  timeout: 0\n  code:\n    zipFile: ./missing',
    [
      'fn.yaml:11:12: timeout must be at least 1 (got 0)',
      'fn.yaml:13:14: code.zipFile ./missing does not exist (looked for missing)',
    ],
  ],
  [
    'schema problems together with every rule beyond the schema',
    'fn',
    FUNCTION.slice(FUNCTION.indexOf('  runtime:')),
    [
      '  runtime: nodejs18.x',
      '  timeout: 99999',
      '  bogusField: 1',
      '  role: arn:aws:iam::123456789012:role/lmi-function-execution',
      '  memorySize: 3000',
      '  code:',
      '    zipFile: ../../../etc',
      '  capacityProviderConfig:',
      '    lambdaManagedInstancesCapacityProviderConfig:',
      '      capacityProviderRef: nope',
      '',
    ].join('\n'),
    [
      'fn.yaml:6:12: runtime nodejs18.x cannot run on Lambda Managed Instances; use Java 21+, Python 3.13+, Node.js 22+, .NET 8+ or provided.al2023',
      'fn.yaml:7:12: timeout must be at most 5400 (got 99999)',
      'fn.yaml:8:3: unknown field bogusField in spec; allowed: aliases, architectures, capacityProviderConfig, code, codeSigningConfigArn, deadLetterConfig, description, durableConfig, environment, ephemeralStorage, fileSystemConfigs, handler, imageConfig, kmsKeyArn, layers, loggingConfig, memorySize, packageType, publish, role, runtime, scalingConfig, snapStart, tags, tenancyConfig, timeout, tracingConfig, versionRetention, vpcConfig',
      'fn.yaml:10:15: memorySize must be a multiple of 2048 for 2 GiB per vCPU (executionEnvironmentMemoryGiBPerVCpu 2 x 1024) (got 3000)',
      'fn.yaml:12:14: code.zipFile ../../../etc leaves the repository root <root>',
      'fn.yaml:15:28: capacityProviderRef nope names no CapacityProvider manifest; declared: steady',
    ],
  ],
  [
    'a memory ratio of the wrong type, without guessing the memory rule',
    'fn',
    FUNCTION.slice(FUNCTION.indexOf('  memorySize: 4096')),
    FUNCTION.slice(FUNCTION.indexOf('  memorySize: 4096'))
      .replace('memorySize: 4096', 'memorySize: 5120')
      .replace('GiBPerVCpu: 2', 'GiBPerVCpu: four'),
    [
      'fn.yaml:17:45: capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig.executionEnvironmentMemoryGiBPerVCpu must be a number (got "four")',
    ],
  ],
  [
    'two architectures on a function, without guessing which one must match',
    'fn',
    'architectures: [arm64]',
    'architectures: [x86_64, arm64]',
    ['fn.yaml:9:18: architectures must have at most 1 item (got 2)'],
  ],
  [
    'an invalid provider architecture, without checking functions against it',
    'cp',
    'architectures: [arm64]',
    'architectures: [arm65]',
    [
      'cp.yaml:12:21: instanceRequirements.architectures[0] must be one of x86_64, arm64 (got "arm65") (did you mean arm64?)',
    ],
  ],
  [
    'a missing code member together with memory LMI cannot use',
    'fn',
    '  memorySize: 4096\n  code:\n    zipFile: ./src\n',
    '  memorySize: 1024\n',
    [
      'fn.yaml:6:3: spec is missing required member code',
      'fn.yaml:10:15: memorySize must be at least 2048 on Lambda Managed Instances (got 1024)',
    ],
  ],
  [
    'an environment variable name that AWS rejects',
    'fn',
    '  code:',
    '  environment:\n    variables:\n      1_TOKEN: secret-value\n  code:',
    [
      'fn.yaml:13:7: key "1_TOKEN" in environment.variables must match ^(?:[a-zA-Z]([a-zA-Z0-9_])+)$',
    ],
  ],
  [
    'an unknown guardrail enforcement',
    'gr',
    'enforcement: Warn',
    'enforcement: Deny',
    ['gr.yaml:6:16: enforcement must be one of Block, Warn (got "Deny")'],
  ],
  [
    'an unknown guardrail rule',
    'gr',
    '    maxVCpuCount: 64',
    '    maxVCpuCount: 64\n    maxVcpus: 8',
    [
      'gr.yaml:9:5: unknown field maxVcpus in capacityProviders; allowed: maxVCpuCount, allowedArchitectures, allowedInstanceFamilies, requireKmsKey, minAvailabilityZones, forbidOpenIngress',
    ],
  ],
  [
    'a wrong apiVersion',
    'gr',
    'apiVersion: lmi/v1alpha1',
    'apiVersion: lmi/v1',
    ['gr.yaml:1:13: unknown apiVersion lmi/v1; use lmi/v1alpha1'],
  ],
  [
    'a misspelled kind',
    'gr',
    'kind: Guardrail',
    'kind: Guardrails',
    [
      'gr.yaml:2:7: unknown kind Guardrails; use one of CapacityProvider, Function, Guardrail (did you mean Guardrail?)',
    ],
  ],
  [
    'a wrong apiVersion and a wrong kind together',
    'gr',
    'apiVersion: lmi/v1alpha1\nkind: Guardrail',
    'apiVersion: lmi/v2\nkind: Widget',
    [
      'gr.yaml:1:13: unknown apiVersion lmi/v2; use lmi/v1alpha1',
      'gr.yaml:2:7: unknown kind Widget; use one of CapacityProvider, Function, Guardrail',
    ],
  ],
  [
    'a second function of the same name',
    'fn',
    '      executionEnvironmentMemoryGiBPerVCpu: 2\n',
    '      executionEnvironmentMemoryGiBPerVCpu: 2\n---\napiVersion: lmi/v1alpha1\nkind: Function\nmetadata:\n  name: api\nspec:\n  role: arn:aws:iam::123456789012:role/lmi-function-execution\n  code: { imageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1 }\n',
    [
      'fn.yaml:4:9: duplicate Function name api, also declared at fn.yaml:22:9',
      'fn.yaml:22:9: duplicate Function name api, also declared at fn.yaml:4:9',
    ],
  ],
];

describe('invalid manifests', () => {
  it('covers at least thirty cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
    workspace.write('src/app.py', 'def handler(event, context):\n    return event\n');
  });
  afterEach(() => workspace.remove());

  it.each(CASES)('reports %s', async (_what, target, from, to, expected) => {
    const texts: Record<Target, string> = { cp: PROVIDER, fn: FUNCTION, gr: GUARDRAIL };
    expect(texts[target]).toContain(from);
    texts[target] = texts[target].replace(from, to);
    for (const [name, text] of Object.entries(texts)) workspace.write(`${name}.yaml`, text);

    expect(await workspace.problems()).toEqual(expected);
  });
});
