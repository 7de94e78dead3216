import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_SCHEMA_URL, parsePlan, toPlanJson } from '../../../src/plan/plan-json.js';
import { renderJson } from '../../../src/plan/render/index.js';
import type {
  Change,
  CostLine,
  Difference,
  Plan,
  PlanError,
  Violation,
} from '../../../src/plan/types.js';
import type { SourceLocation } from '../../../src/manifests/types.js';
import { emptyPlan, fullPlan, hugePlan } from './plans.js';

const schema = JSON.parse(readFileSync(PLAN_SCHEMA_URL, 'utf8'));

describe('plan json', () => {
  it.each([
    ['empty', emptyPlan],
    ['full', fullPlan],
    ['huge', hugePlan(50)],
  ])('reads back the %s plan it wrote', (_name, plan) => {
    expect(parsePlan(renderJson(plan))).toEqual(plan);
  });

  it('writes the same text for a plan whose keys were built in another order', () => {
    const shuffled = JSON.parse(JSON.stringify(fullPlan), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as Plan;

    expect(renderJson(shuffled)).toBe(renderJson(fullPlan));
  });

  it('leaves optional fields out rather than writing null', () => {
    const text = renderJson(emptyPlan);

    expect(text).not.toContain('null');
    expect(text).not.toContain('revision');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['a wrong formatVersion', { formatVersion: 2 }, 'plan format version 2 is not supported'],
    ['a formatVersion as text', { formatVersion: '1' }, 'plan format version "1" is not supported'],
    ['a missing field', { fingerprints: undefined }, "must have required property 'fingerprints'"],
    ['an unknown field', { extra: true }, 'must NOT have additional properties (extra)'],
    ['a bad timestamp', { createdAt: 'yesterday' }, '/createdAt must match format "date-time"'],
    [
      'an unknown action',
      { changes: [{ kind: 'Function', name: 'f', action: 'rename', differences: [] }] },
      '/changes/0/action must be equal to one of the allowed values',
    ],
    [
      'a sensitive difference with a value',
      {
        changes: [
          {
            kind: 'Function',
            name: 'f',
            action: 'update',
            differences: [{ path: 'environment.variables.K', desired: 'v', sensitive: true }],
          },
        ],
      },
      '/changes/0/differences/0/desired',
    ],
  ])('refuses a plan with %s and says what is wrong', (_case, patch, message) => {
    const json = { ...toPlanJson(emptyPlan), ...patch };

    expect(() => parsePlan(JSON.stringify(json))).toThrow(message);
  });

  it('refuses text that is not json, keeping the parser error as the cause', () => {
    let thrown: unknown;
    try {
      parsePlan('{"formatVersion": 1,');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe('plan is not valid json');
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

// These literals must list every key of their type (`satisfies` fails the typecheck otherwise),
// so the schema and the TypeScript types cannot drift apart unnoticed.
const planKeys = {
  formatVersion: true,
  controllerId: true,
  region: true,
  createdAt: true,
  paths: true,
  revision: true,
  summary: true,
  changes: true,
  violations: true,
  errors: true,
  cost: true,
  fingerprints: true,
} satisfies Record<keyof Plan, true>;
const changeKeys = {
  kind: true,
  name: true,
  action: true,
  differences: true,
  reason: true,
  cascade: true,
  source: true,
  suspended: true,
  retain: true,
} satisfies Record<keyof Change, true>;
const differenceKeys = {
  path: true,
  live: true,
  desired: true,
  sensitive: true,
} satisfies Record<keyof Difference, true>;
const violationKeys = {
  guardrail: true,
  enforcement: true,
  kind: true,
  name: true,
  rule: true,
  found: true,
  allowed: true,
  location: true,
} satisfies Record<keyof Violation, true>;
const errorKeys = {
  kind: true,
  name: true,
  message: true,
  location: true,
} satisfies Record<keyof PlanError, true>;
const costKeys = {
  name: true,
  liveMonthlyUsd: true,
  desiredMonthlyUsd: true,
} satisfies Record<keyof CostLine, true>;
const locationKeys = { file: true, line: true, column: true } satisfies Record<
  keyof SourceLocation,
  true
>;

describe('plan schema', () => {
  it.each([
    ['Plan', schema, planKeys],
    ['Change', schema.$defs.change, changeKeys],
    ['Difference', schema.$defs.difference, differenceKeys],
    ['Violation', schema.$defs.violation, violationKeys],
    ['PlanError', schema.$defs.planError, errorKeys],
    ['CostLine', schema.$defs.costLine, costKeys],
    ['SourceLocation', schema.$defs.sourceLocation, locationKeys],
  ])('documents exactly the fields of %s', (_type, definition, keys) => {
    expect(Object.keys(definition.properties).sort()).toEqual(Object.keys(keys).sort());
    expect(definition.additionalProperties).toBe(false);
    for (const property of Object.values(definition.properties)) {
      const described = property as { description?: string; $ref?: string };
      expect(described.description ?? described.$ref).toBeTruthy();
    }
  });

  it('is draft 2020-12 with an id and formatVersion 1 as a const', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toEqual(expect.any(String));
    expect(schema.properties.formatVersion.const).toBe(1);
  });
});
