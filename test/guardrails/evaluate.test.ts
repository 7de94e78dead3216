import { describe, expect, it } from 'vitest';
import type { Ec2Facts } from '../../src/guardrails/ec2-facts.js';
import {
  BUILT_IN_GUARDRAIL,
  evaluateGuardrails,
  isBlocking,
  type GuardrailInput,
} from '../../src/guardrails/evaluate.js';
import type { Change } from '../../src/plan/types.js';
import { desiredFrom, guardrail, provider, seedFacts, SEED, yamlOf } from './fixtures.js';

function evaluate(text: string, extra: Partial<GuardrailInput> = {}) {
  return evaluateGuardrails({ desired: desiredFrom(text), plan: { changes: [] }, ...extra });
}

const ARM = 'instanceRequirements:\n  architectures: [arm64]';

describe('allowedInstanceFamilies against the catalogue', () => {
  const rule = guardrail('families', 'capacityProviders: { allowedInstanceFamilies: [c7g, m7g] }');

  it('reports the families a provider with excluded types may still launch', () => {
    const excluded = `${ARM}\n  excludedInstanceTypes: [r7g.*, c8g.*]`;
    const violations = evaluate(yamlOf(rule, provider('steady', excluded)), { facts: seedFacts() });
    expect(violations).toHaveLength(1);
    expect(violations[0]!.found).toBe(
      'may launch m8g and r8g (any arm64 type of the catalogue not excluded)',
    );
  });

  it('passes a provider whose exclusions leave only allowed families', () => {
    const excluded = `${ARM}\n  excludedInstanceTypes: [r7g.*, c8g.*, m8g.*, r8g.*]`;
    const text = yamlOf(rule, provider('steady', excluded));
    expect(evaluate(text, { facts: seedFacts() })).toEqual([]);
  });

  it('expands a wildcard family through the catalogue, and skips it without facts', () => {
    const wildcard = `${ARM}\n  allowedInstanceTypes: ['c*.large']`;
    const text = yamlOf(rule, provider('steady', wildcard));
    expect(evaluate(text, { facts: seedFacts() })[0]!.found).toBe('c*.large reaches c8g');
    expect(evaluate(text)).toEqual([]);
  });

  it('accepts wildcards in the allowed families', () => {
    const wide = guardrail('families', "capacityProviders: { allowedInstanceFamilies: ['c*'] }");
    const text = yamlOf(wide, provider('steady', `${ARM}\n  allowedInstanceTypes: [c8g.*]`));
    expect(evaluate(text)).toEqual([]);
  });
});

describe('built-in EC2 checks', () => {
  it('blocks subnets and security groups from two VPCs', () => {
    const facts: Ec2Facts = seedFacts();
    facts.subnets.set('subnet-0other', { vpcId: 'vpc-0other', availabilityZone: 'us-east-1a' });
    const text = provider('steady').replace(SEED.subnetA, 'subnet-0other');
    const violations = evaluate(text, { facts });
    expect(violations).toMatchObject([
      { guardrail: BUILT_IN_GUARDRAIL, enforcement: 'Block', rule: 'vpcConfig.oneVpc' },
    ]);
    expect(violations[0]!.found).toContain('subnet-0other in vpc-0other');
  });

  it('blocks a security group that does not exist', () => {
    const text = provider('steady').replace(SEED.closedGroup, 'sg-0missing');
    expect(evaluate(text, { facts: seedFacts() })).toMatchObject([
      { rule: 'vpcConfig.exists', found: 'sg-0missing not found', enforcement: 'Block' },
    ]);
  });

  it('warns when a zone offers no type of an allowed pattern (no c8g in us-east-1c)', () => {
    const text = provider('steady', `${ARM}\n  allowedInstanceTypes: [c7g.*, c8g.*]`);
    expect(evaluate(text, { facts: seedFacts() })).toMatchObject([
      {
        guardrail: BUILT_IN_GUARDRAIL,
        enforcement: 'Warn',
        rule: 'instanceRequirements.offered',
        found: 'c8g.* has no arm64 type offered in us-east-1c',
      },
    ]);
  });

  it('passes a provider whose subnets are all in zones offering its types', () => {
    const text = provider('steady', `${ARM}\n  allowedInstanceTypes: [c8g.*]`).replace(
      `, ${SEED.subnetC}`,
      '',
    );
    expect(evaluate(text, { facts: seedFacts() })).toEqual([]);
  });

  it('runs no EC2 check without facts', () => {
    const text = provider('steady').replace(SEED.closedGroup, 'sg-0missing');
    expect(evaluate(text)).toEqual([]);
  });
});

describe('selectors and enforcement', () => {
  const scoped = guardrail(
    'payments-small',
    'selector: { matchLabels: { team: payments } }\ncapacityProviders: { maxVCpuCount: 16 }',
    'Warn',
  );
  const big = 'capacityProviderScalingConfig: { maxVCpuCount: 64 }';

  it('judges only objects whose labels match', () => {
    const text = yamlOf(
      scoped,
      provider('payments', big, '{ team: payments, tier: prod }'),
      provider('search', big, '{ team: search }'),
    );
    expect(evaluate(text).map((v) => v.name)).toEqual(['payments']);
  });

  it('does not block on Warn violations, and blocks on any Block one', () => {
    const warned = evaluate(yamlOf(scoped, provider('payments', big, '{ team: payments }')));
    expect(warned).toMatchObject([{ enforcement: 'Warn' }]);
    expect(isBlocking(warned)).toBe(false);
    expect(isBlocking([...warned, { ...warned[0]!, enforcement: 'Block' }])).toBe(true);
    expect(isBlocking([])).toBe(false);
  });

  it('judges a provider without maxVCpuCount at the AWS default of 400', () => {
    const strict = guardrail('small', 'capacityProviders: { maxVCpuCount: 64 }');
    expect(evaluate(yamlOf(strict, provider('steady')))[0]!.found).toBe(
      'maxVCpuCount 400 vCPUs (the AWS default)',
    );
  });
});

describe('account totals with live providers', () => {
  const budget = guardrail('budget', 'account: { maxTotalVCpu: 100 }');
  const text = yamlOf(budget, provider('a', 'capacityProviderScalingConfig: { maxVCpuCount: 64 }'));
  const liveMaxVCpu = new Map([
    ['a', 32],
    ['legacy', 64],
  ]);
  const deleteLegacy = (extra: Partial<Change> = {}): Change => ({
    kind: 'CapacityProvider',
    name: 'legacy',
    action: 'delete',
    differences: [],
    ...extra,
  });

  it('leaves out an undeclared live provider that the plan deletes', () => {
    expect(evaluate(text, { liveMaxVCpu, plan: { changes: [deleteLegacy()] } })).toEqual([]);
  });

  it('counts an undeclared live provider that is retained', () => {
    const changes = [deleteLegacy({ retain: true })];
    const [violation] = evaluate(text, { liveMaxVCpu, plan: { changes } });
    expect(violation!.found).toBe('128 vCPUs in all: a 64 and legacy (live, not declared) 64');
  });
});

describe('function rules', () => {
  it('leaves container images out of allowedRuntimes', () => {
    const image = `apiVersion: lmi/v1alpha1
kind: Function
metadata: { name: img }
spec:
  role: ${SEED.executionRole}
  packageType: Image
  code: { imageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1 }
`;
    const rule = guardrail('runtimes', 'functions: { allowedRuntimes: [python3.13] }');
    expect(evaluate(yamlOf(rule, image))).toEqual([]);
  });
});
