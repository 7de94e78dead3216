import { describe, expect, it } from 'vitest';
import type { Ec2Facts } from '../../src/guardrails/ec2-facts.js';
import { evaluateGuardrails } from '../../src/guardrails/evaluate.js';
import type { Change, Violation } from '../../src/plan/types.js';
import { desiredFrom, fn, guardrail, provider, seedFacts, SEED, yamlOf } from './fixtures.js';

const ARM_C7G = 'instanceRequirements:\n  architectures: [arm64]\n  allowedInstanceTypes: [c7g.*]';
const BINDING = 'capacityProviderConfig:\n  lambdaManagedInstancesCapacityProviderConfig:';
const REF = '    capacityProviderRef: steady';

interface RuleCase {
  rule: string;
  passing: string;
  violating: string;
  /** Text on the manifest line the violation must point at. */
  at: string;
  /** Text the violation's `found` must contain. */
  found: string;
  facts?: boolean;
  changes?: Change[];
  passingChanges?: Change[];
  liveMaxVCpu?: Map<string, number>;
}

const deleteOf = (name: string, extra: Partial<Change> = {}): Change => ({
  kind: 'Function',
  name,
  action: 'delete',
  differences: [],
  ...extra,
});

const cases: RuleCase[] = [
  {
    rule: 'capacityProviders.maxVCpuCount',
    passing: yamlOf(
      guardrail('small', 'capacityProviders: { maxVCpuCount: 64 }'),
      provider('steady', 'capacityProviderScalingConfig:\n  maxVCpuCount: 64'),
    ),
    violating: yamlOf(
      guardrail('small', 'capacityProviders: { maxVCpuCount: 64 }'),
      provider('steady', 'capacityProviderScalingConfig:\n  maxVCpuCount: 128'),
    ),
    at: 'maxVCpuCount: 128',
    found: '128 vCPUs',
  },
  {
    rule: 'capacityProviders.allowedArchitectures',
    passing: yamlOf(
      guardrail('graviton', 'capacityProviders: { allowedArchitectures: [arm64] }'),
      provider('steady', ARM_C7G),
    ),
    violating: yamlOf(
      guardrail('graviton', 'capacityProviders: { allowedArchitectures: [arm64] }'),
      provider('steady', 'instanceRequirements:\n  architectures: [x86_64]'),
    ),
    at: 'architectures: [x86_64]',
    found: 'x86_64',
  },
  {
    rule: 'capacityProviders.allowedInstanceFamilies',
    passing: yamlOf(
      guardrail('families', 'capacityProviders: { allowedInstanceFamilies: [c7g, m7g] }'),
      provider(
        'steady',
        'instanceRequirements:\n  allowedInstanceTypes:\n    - c7g.*\n    - m7g.large',
      ),
    ),
    violating: yamlOf(
      guardrail('families', 'capacityProviders: { allowedInstanceFamilies: [c7g, m7g] }'),
      provider(
        'steady',
        'instanceRequirements:\n  allowedInstanceTypes:\n    - c7g.*\n    - c8g.xlarge',
      ),
    ),
    at: '- c8g.xlarge',
    found: 'c8g.xlarge reaches c8g',
  },
  {
    rule: 'capacityProviders.requireKmsKey',
    passing: yamlOf(
      guardrail('encrypted', 'capacityProviders: { requireKmsKey: true }'),
      provider('steady', `kmsKeyArn: ${SEED.kmsKey}`),
    ),
    violating: yamlOf(
      guardrail('encrypted', 'capacityProviders: { requireKmsKey: true }'),
      provider('steady'),
    ),
    // An absent field is located at its nearest parent: here the spec mapping.
    at: 'permissionsConfig:',
    found: 'no kmsKeyArn',
  },
  {
    rule: 'capacityProviders.minAvailabilityZones',
    facts: true,
    passing: yamlOf(
      guardrail('spread', 'capacityProviders: { minAvailabilityZones: 3 }'),
      provider('steady'),
    ),
    violating: yamlOf(
      guardrail('spread', 'capacityProviders: { minAvailabilityZones: 3 }'),
      provider('steady').replace(`, ${SEED.subnetC}`, ''),
    ),
    at: 'subnetIds:',
    found: 'subnets in 2 availability zone(s) (us-east-1a and us-east-1b)',
  },
  {
    rule: 'capacityProviders.forbidOpenIngress',
    facts: true,
    passing: yamlOf(
      guardrail('closed', 'capacityProviders: { forbidOpenIngress: true }'),
      provider('steady'),
    ),
    violating: yamlOf(
      guardrail('closed', 'capacityProviders: { forbidOpenIngress: true }'),
      provider('steady').replace(SEED.closedGroup, SEED.openGroup),
    ),
    at: 'securityGroupIds:',
    found: `${SEED.openGroup} allows tcp 443 from 0.0.0.0/0 and tcp 443 from ::/0`,
  },
  {
    rule: 'functions.allowedRuntimes',
    passing: yamlOf(
      guardrail('runtimes', 'functions: { allowedRuntimes: [python3.13, nodejs22.x] }'),
      fn('api', 'runtime: python3.13'),
    ),
    violating: yamlOf(
      guardrail('runtimes', 'functions: { allowedRuntimes: [python3.13, nodejs22.x] }'),
      fn('api', 'runtime: python3.12'),
    ),
    at: 'runtime: python3.12',
    found: 'python3.12',
  },
  {
    rule: 'functions.maxPerExecutionEnvironmentMaxConcurrency',
    passing: yamlOf(
      guardrail('concurrency', 'functions: { maxPerExecutionEnvironmentMaxConcurrency: 64 }'),
      fn('api', `${BINDING}\n${REF}\n    perExecutionEnvironmentMaxConcurrency: 64`),
    ),
    violating: yamlOf(
      guardrail('concurrency', 'functions: { maxPerExecutionEnvironmentMaxConcurrency: 64 }'),
      fn('api', `${BINDING}\n${REF}\n    perExecutionEnvironmentMaxConcurrency: 100`),
    ),
    at: 'perExecutionEnvironmentMaxConcurrency: 100',
    found: 'perExecutionEnvironmentMaxConcurrency 100',
  },
  {
    rule: 'functions.minExecutionEnvironments',
    passing: yamlOf(
      guardrail('warm', 'functions: { minExecutionEnvironments: 3 }'),
      fn('api', `${BINDING}\n${REF}`),
    ),
    violating: yamlOf(
      guardrail('warm', 'functions: { minExecutionEnvironments: 3 }'),
      fn('api', `${BINDING}\n${REF}\nscalingConfig:\n  minExecutionEnvironments: 1`),
    ),
    at: 'minExecutionEnvironments: 1',
    found: 'minExecutionEnvironments 1',
  },
  {
    rule: 'functions.requireCapacityProvider',
    passing: yamlOf(
      guardrail('lmi-only', 'functions: { requireCapacityProvider: true }'),
      fn('api', `${BINDING}\n${REF}`),
    ),
    violating: yamlOf(
      guardrail('lmi-only', 'functions: { requireCapacityProvider: true }'),
      fn('api', 'runtime: python3.13'),
    ),
    at: 'role:',
    found: 'no capacityProviderConfig',
  },
  {
    rule: 'account.maxTotalVCpu',
    passing: yamlOf(
      guardrail('budget', 'account: { maxTotalVCpu: 100 }'),
      provider('a', 'capacityProviderScalingConfig: { maxVCpuCount: 48 }'),
      provider('b', 'capacityProviderScalingConfig: { maxVCpuCount: 48 }'),
    ),
    violating: yamlOf(
      guardrail('budget', 'account: { maxTotalVCpu: 100 }'),
      provider('a', 'capacityProviderScalingConfig: { maxVCpuCount: 64 }'),
      provider('b', 'capacityProviderScalingConfig: { maxVCpuCount: 64 }'),
    ),
    at: 'account: { maxTotalVCpu: 100 }',
    found: '128 vCPUs in all: a 64 and b 64',
  },
  {
    // c7g in us-east-1: 0.0363 x 1.15 = 0.0417 per vCPU-hour; x 730 = 30.44 per vCPU-month.
    rule: 'account.maxMonthlyCostUsd',
    passing: yamlOf(
      guardrail('spend', 'account: { maxMonthlyCostUsd: 400 }'),
      provider('a', `${ARM_C7G}\ncapacityProviderScalingConfig: { maxVCpuCount: 10 }`),
    ),
    violating: yamlOf(
      guardrail('spend', 'account: { maxMonthlyCostUsd: 400 }'),
      provider('a', `${ARM_C7G}\ncapacityProviderScalingConfig: { maxVCpuCount: 20 }`),
    ),
    at: 'account: { maxMonthlyCostUsd: 400 }',
    found: 'estimated ceiling 608.82 USD per month: a 608.82 (c7g)',
  },
  {
    rule: 'changes.maxDeletesPerApply',
    passing: guardrail('blast-radius', 'changes: { maxDeletesPerApply: 1 }'),
    violating: guardrail('blast-radius', 'changes: { maxDeletesPerApply: 1 }'),
    passingChanges: [deleteOf('old-a'), deleteOf('old-b', { retain: true })],
    changes: [deleteOf('old-a'), { ...deleteOf('old-b'), action: 'replace' }],
    at: 'changes: { maxDeletesPerApply: 1 }',
    found: '2 deletes or replaces: Function/old-a (delete) and Function/old-b (replace)',
  },
  {
    rule: 'changes.protected',
    passing: guardrail('keep', "changes: { protected: ['payments-*'] }"),
    violating: guardrail('keep', "changes: { protected: ['payments-*'] }"),
    passingChanges: [deleteOf('scratch'), deleteOf('payments-api', { suspended: true })],
    changes: [deleteOf('payments-api', { reason: 'no longer declared' })],
    at: "changes: { protected: ['payments-*'] }",
    found: 'delete (no longer declared)',
  },
];

/** Evaluates a case's manifests with the seeded facts when the rule needs them. */
function evaluate(text: string, c: RuleCase, changes: Change[] = []): Violation[] {
  const facts: Ec2Facts | undefined = c.facts === true ? seedFacts() : undefined;
  return evaluateGuardrails({
    desired: desiredFrom(text),
    plan: { changes },
    region: 'us-east-1',
    ...(facts ? { facts } : {}),
    ...(c.liveMaxVCpu ? { liveMaxVCpu: c.liveMaxVCpu } : {}),
  });
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index, `fixture has a line with ${needle}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('guardrail rules', () => {
  it.each(cases)('$rule passes a compliant plan', (c) => {
    expect(evaluate(c.passing, c, c.passingChanges)).toEqual([]);
  });

  it.each(cases)('$rule reports a violation at the offending line', (c) => {
    const violations = evaluate(c.violating, c, c.changes);
    expect(violations).toHaveLength(1);
    const [violation] = violations;
    expect(violation).toMatchObject({ rule: c.rule, enforcement: 'Block' });
    expect(violation!.guardrail).toMatch(/^[a-z-]+$/);
    expect(violation!.found).toContain(c.found);
    expect(violation!.allowed).not.toBe('');
    expect(violation!.location).toMatchObject({
      file: 'manifests/guardrails.yaml',
      line: lineOf(c.violating, c.at),
    });
  });
});
