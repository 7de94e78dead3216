import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { SourceLocation } from '../manifests/types.js';
import { redactDifference } from './render/redaction.js';
import { canonicalValue } from './render/values.js';
import {
  ACTIONS,
  type Change,
  type CostLine,
  type Difference,
  type Plan,
  type PlanError,
  type Violation,
} from './types.js';

/** Where the schema lives: `schemas/` beside `src/` and `dist/`, shipped in the npm package. */
export const PLAN_SCHEMA_URL = new URL('../../schemas/plan.schema.json', import.meta.url);

let validator: ValidateFunction | undefined;

/**
 * The compiled plan schema, compiled on first use so that importing this module does no I/O.
 * Throws when the schema file is missing or invalid (a broken installation).
 */
function planValidator(): ValidateFunction {
  if (validator !== undefined) return validator;

  const schema = JSON.parse(readFileSync(PLAN_SCHEMA_URL, 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is CommonJS: under NodeNext the default import is its module, plugin at .default.
  ajvFormats.default(ajv, ['date-time']);
  validator = ajv.compile(schema);
  return validator;
}

/**
 * The JSON form of a plan: keys in a fixed order (the order of the Plan type), difference values
 * with sorted keys, sensitive differences without values (environment variables always count as
 * sensitive), optional fields left out when undefined. Never mutates the plan.
 */
export function toPlanJson(plan: Plan): Record<string, unknown> {
  return compact({
    formatVersion: plan.formatVersion,
    controllerId: plan.controllerId,
    region: plan.region,
    createdAt: plan.createdAt,
    paths: [...plan.paths],
    revision: plan.revision,
    summary: Object.fromEntries(ACTIONS.map((action) => [action, plan.summary[action]])),
    changes: plan.changes.map(changeJson),
    violations: plan.violations.map(violationJson),
    errors: plan.errors.map(errorJson),
    cost: plan.cost.map(costJson),
    fingerprints: {
      desired: plan.fingerprints.desired,
      live: canonicalValue(plan.fingerprints.live),
    },
  });
}

/**
 * Serializes a plan to its JSON text: toPlanJson with a 2-space indent and a trailing newline.
 * The same plan always gives the same text.
 */
export function serializePlan(plan: Plan): string {
  // Limitation: a bigint difference value makes this throw (JSON has none); text and Markdown
  // print it as a string. The differ produces only JSON values today.
  return `${JSON.stringify(toPlanJson(plan), null, 2)}\n`;
}

/**
 * Parses and validates a plan's JSON text against `schemas/plan.schema.json`. Returns the plan;
 * throws an Error naming every problem (`/changes/0/action must be equal to one of the allowed
 * values`) when the text is not JSON or not a plan of a format version this build understands.
 */
export function parsePlan(text: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error('plan is not valid json', { cause: error });
  }

  // A plan from another format version fails on every field; name the real cause instead.
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== undefined && version !== 1) {
    throw new Error(
      `plan format version ${JSON.stringify(version)} is not supported: this lmi reads 1`,
    );
  }

  const validate = planValidator();
  if (!validate(value)) {
    throw new Error(`plan does not match the plan schema: ${describeErrors(validate.errors)}`);
  }
  return value as Plan;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (errors === null || errors === undefined || errors.length === 0) return 'unknown problem';
  return errors
    .map((error) => {
      const where = error.instancePath === '' ? '(root)' : error.instancePath;
      const extra =
        error.keyword === 'additionalProperties'
          ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
          : '';
      return `${where} ${error.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

function changeJson(change: Change): Record<string, unknown> {
  return compact({
    kind: change.kind,
    name: change.name,
    action: change.action,
    differences: change.differences.map(differenceJson),
    reason: change.reason,
    cascade: change.cascade === undefined ? undefined : [...change.cascade],
    source: locationJson(change.source),
    suspended: change.suspended,
    retain: change.retain,
  });
}

function differenceJson(difference: Difference): Record<string, unknown> {
  const shown = redactDifference(difference);
  return compact({
    path: shown.path,
    live: canonicalValue(shown.live),
    desired: canonicalValue(shown.desired),
    sensitive: shown.sensitive,
  });
}

function violationJson(violation: Violation): Record<string, unknown> {
  return compact({
    guardrail: violation.guardrail,
    enforcement: violation.enforcement,
    kind: violation.kind,
    name: violation.name,
    rule: violation.rule,
    found: violation.found,
    allowed: violation.allowed,
    location: locationJson(violation.location),
  });
}

function errorJson(error: PlanError): Record<string, unknown> {
  return compact({
    kind: error.kind,
    name: error.name,
    message: error.message,
    location: locationJson(error.location),
  });
}

function costJson(line: CostLine): Record<string, unknown> {
  return {
    name: line.name,
    liveMonthlyUsd: line.liveMonthlyUsd,
    desiredMonthlyUsd: line.desiredMonthlyUsd,
  };
}

function locationJson(location: SourceLocation | undefined): Record<string, unknown> | undefined {
  if (location === undefined) return undefined;
  return { file: location.file, line: location.line, column: location.column };
}

/** Drops undefined members so optional fields are absent rather than null in the output. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
