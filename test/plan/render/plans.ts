import { ACTIONS, type Change, type Plan, type PlanSummary } from '../../../src/plan/types.js';

/** A value no output may contain: it stands for an environment variable's secret. */
export const SECRET_MARKER = 'sk-live-MARKER-7f3a9c';

const CREATED_AT = '2025-06-01T12:00:00.000Z';

/** Counts changes per action the way the planner fills `summary`. */
export function summaryOf(changes: readonly Change[]): PlanSummary {
  const summary = Object.fromEntries(ACTIONS.map((action) => [action, 0])) as PlanSummary;
  for (const change of changes) summary[change.action] += 1;
  return summary;
}

/** A plan with the given changes and nothing else to report. */
export function planWith(changes: Change[], extra: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 1,
    controllerId: 'lmi-test',
    region: 'us-east-1',
    createdAt: CREATED_AT,
    paths: ['manifests/examples'],
    summary: summaryOf(changes),
    changes,
    violations: [],
    errors: [],
    cost: [],
    fingerprints: { desired: 'sha256:desired0', live: {} },
    ...extra,
  };
}

/** Live matches desired: only noops, which no format lists. */
export const emptyPlan: Plan = planWith(
  [
    { kind: 'CapacityProvider', name: 'payments-steady', action: 'noop', differences: [] },
    { kind: 'Function', name: 'payments-api', action: 'noop', differences: [] },
  ],
  {
    fingerprints: {
      desired: 'sha256:desired0',
      live: {
        'Function/payments-api': 'sha256:b2',
        'CapacityProvider/payments-steady': 'sha256:a1',
      },
    },
  },
);

const source = (line: number) => ({ file: 'manifests/examples/payments.yaml', line, column: 1 });

/**
 * One change of every action with differences, a replace with a cascade, a suspended change, a
 * retained delete, errors, Warn and Block violations, cost lines, and user text that tries to
 * break out of Markdown. Secrets are marked the way the differ marks them (no values).
 */
export const fullPlan: Plan = planWith(
  [
    {
      kind: 'CapacityProvider',
      name: 'batch-arm',
      action: 'create',
      source: source(1),
      differences: [
        { path: 'instanceRequirements.architectures', desired: ['arm64'] },
        { path: 'capacityProviderScalingConfig.maxVCpuCount', desired: 64 },
        {
          path: 'vpcConfig',
          desired: {
            subnetIds: ['subnet-0c0ffee00000000a1', 'subnet-0c0ffee00000000b1'],
            securityGroupIds: ['sg-0c0ffee00000000d1'],
          },
        },
      ],
    },
    {
      kind: 'Function',
      name: 'payments-api',
      action: 'update',
      source: source(30),
      differences: [
        { path: 'memorySize', live: 1024, desired: 2048 },
        { path: 'description', live: 'payments `v1` | <b>old</b>', desired: 'payments v2' },
        { path: 'environment.variables.STRIPE_KEY', sensitive: true },
      ],
    },
    {
      kind: 'CapacityProvider',
      name: 'payments-steady',
      action: 'replace',
      source: source(12),
      reason: 'instanceRequirements.architectures cannot change in place',
      cascade: ['payments-api', 'payments-worker'],
      differences: [
        { path: 'instanceRequirements.architectures', live: ['x86_64'], desired: ['arm64'] },
      ],
    },
    {
      kind: 'Function',
      name: 'old-report',
      action: 'delete',
      reason: 'owned by lmi-test and declared by no manifest',
      differences: [],
    },
    {
      kind: 'Function',
      name: 'archived-export',
      action: 'delete',
      reason: 'manifest removed; lmi/deletion-policy is Retain',
      retain: true,
      differences: [],
    },
    {
      kind: 'Function',
      name: 'legacy-billing',
      action: 'adopt',
      source: source(60),
      differences: [{ path: 'tags.lmi:managed-by', desired: 'lmi-test' }],
    },
    {
      kind: 'Function',
      name: 'nightly-batch',
      action: 'update',
      source: source(80),
      suspended: true,
      differences: [
        { path: 'timeout', live: 60, desired: 900 },
        {
          path: 'layers',
          live: [],
          desired: [`arn:aws:lambda:us-east-1:123456789012:layer:${'x'.repeat(80)}:3`],
        },
      ],
    },
    { kind: 'Function', name: 'steady-noop', action: 'noop', differences: [] },
  ],
  {
    revision: '0123abcd',
    errors: [
      {
        kind: 'Function',
        name: 'orders-api',
        message:
          'a function of this name exists and is not owned by lmi-test; set lmi/adopt to take it over',
        location: source(100),
      },
    ],
    violations: [
      {
        guardrail: 'no-open-ingress',
        enforcement: 'Block',
        kind: 'CapacityProvider',
        name: 'batch-arm',
        rule: 'forbidOpenIngress',
        found: 'sg-0c0ffee00000000e1 allows 0.0.0.0/0 | ::/0 on 443',
        allowed: 'no inbound rule from 0.0.0.0/0 or ::/0',
        location: source(8),
      },
      {
        guardrail: 'budget',
        enforcement: 'Warn',
        kind: 'Account',
        name: '123456789012',
        rule: 'maxMonthlyCostUsd',
        found: '$4,812.16 <estimated> `ceiling`',
        allowed: '$4,000.00',
      },
    ],
    cost: [
      { name: 'batch-arm', liveMonthlyUsd: 0, desiredMonthlyUsd: 2406.08 },
      { name: 'payments-steady', liveMonthlyUsd: 1203.04, desiredMonthlyUsd: 962.43 },
    ],
    fingerprints: {
      desired: 'sha256:desired1',
      live: {
        'CapacityProvider/batch-arm': 'absent',
        'CapacityProvider/payments-steady': 'sha256:c3',
        'Function/payments-api': 'sha256:d4',
      },
    },
  },
);

/** So many changed functions that the Markdown comment must be cut. */
export function hugePlan(functions = 400): Plan {
  const changes: Change[] = Array.from({ length: functions }, (_, index) => ({
    kind: 'Function',
    name: `worker-${String(index).padStart(4, '0')}`,
    action: 'update',
    differences: [
      { path: 'memorySize', live: 1024, desired: 2048 },
      { path: 'timeout', live: 30, desired: 60 },
      { path: 'description', live: `worker ${index}`, desired: `worker ${index}, resized` },
    ],
  }));
  return planWith(changes, {
    cost: [{ name: 'workers', liveMonthlyUsd: 100, desiredMonthlyUsd: 200 }],
  });
}
