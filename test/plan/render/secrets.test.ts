import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/plan/plan-json.js';
import { PLAN_FORMATS, renderPlan } from '../../../src/plan/render/index.js';
import { SENSITIVE_PLACEHOLDER } from '../../../src/plan/render/redaction.js';
import type { Plan } from '../../../src/plan/types.js';
import { SECRET_MARKER, planWith } from './plans.js';

/** A differ on a bad day: a secret flagged but still carrying values, and two it forgot to flag. */
const leakyPlan: Plan = planWith([
  {
    kind: 'Function',
    name: 'payments-api',
    action: 'update',
    differences: [
      { path: 'environment.variables.FLAGGED', live: SECRET_MARKER, desired: 'x', sensitive: true },
      { path: 'environment.variables.FORGOTTEN', live: 'old', desired: SECRET_MARKER },
      { path: 'environment', live: {}, desired: { variables: { WHOLE: SECRET_MARKER } } },
      { path: 'Environment.Variables.CASED', desired: SECRET_MARKER },
      { path: 'memorySize', live: 128, desired: 256 },
    ],
  },
]);

describe('secrets in plans', () => {
  it.each(PLAN_FORMATS)('never prints an environment variable value in %s', (format) => {
    const output = renderPlan(leakyPlan, format, { color: true });

    expect(output).not.toContain(SECRET_MARKER);
    expect(output).toContain('256');
  });

  it.each(['text', 'markdown'] as const)('shows each secret in %s as changed only', (format) => {
    const output = renderPlan(leakyPlan, format, { color: false });

    expect(output.split(SENSITIVE_PLACEHOLDER)).toHaveLength(5);
  });

  it('marks every environment variable difference sensitive in the json form', () => {
    const parsed = parsePlan(renderPlan(leakyPlan, 'json', { color: false }));

    const differences = parsed.changes[0]!.differences;
    expect(differences.slice(0, 4)).toEqual([
      { path: 'environment.variables.FLAGGED', sensitive: true },
      { path: 'environment.variables.FORGOTTEN', sensitive: true },
      { path: 'environment', sensitive: true },
      { path: 'Environment.Variables.CASED', sensitive: true },
    ]);
  });
});
