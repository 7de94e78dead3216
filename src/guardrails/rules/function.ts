import type { FunctionRules } from '../../manifests/generated/manifest-types.js';
import type { FunctionManifest } from '../../manifests/types.js';
import { findingAt, listOf, type Finding } from '../violation.js';

/** What AWS uses when a function on a capacity provider sets no minExecutionEnvironments. */
export const DEFAULT_MIN_EXECUTION_ENVIRONMENTS = 3;

const BINDING = ['spec', 'capacityProviderConfig', 'lambdaManagedInstancesCapacityProviderConfig'];

/** The findings of a guardrail's `functions` rules on one function. Pure. */
export function checkFunction(rules: FunctionRules, fn: FunctionManifest): Finding[] {
  return [
    ...checkRuntime(rules, fn),
    ...checkConcurrency(rules, fn),
    ...checkMinEnvironments(rules, fn),
    ...checkCapacityProvider(rules, fn),
  ];
}

function bindingOf(fn: FunctionManifest) {
  return fn.spec.capacityProviderConfig?.lambdaManagedInstancesCapacityProviderConfig;
}

// A container image brings its own runtime, which the manifest cannot show: the rule skips it.
function checkRuntime(rules: FunctionRules, fn: FunctionManifest): Finding[] {
  const allowed = rules.allowedRuntimes;
  const isImage = fn.spec.packageType === 'Image' || 'imageUri' in fn.spec.code;
  if (allowed === undefined || isImage) return [];
  const runtime = fn.spec.runtime;
  if (runtime !== undefined && allowed.includes(runtime)) return [];

  return [
    findingAt(fn, ['spec', 'runtime'], {
      rule: 'functions.allowedRuntimes',
      found: runtime ?? 'no runtime',
      allowed: listOf(allowed),
    }),
  ];
}

// Limitation: AWS documents no default for the concurrency, so a function that omits it passes.
function checkConcurrency(rules: FunctionRules, fn: FunctionManifest): Finding[] {
  const limit = rules.maxPerExecutionEnvironmentMaxConcurrency;
  const concurrency = bindingOf(fn)?.perExecutionEnvironmentMaxConcurrency;
  if (limit === undefined || concurrency === undefined || concurrency <= limit) return [];

  return [
    findingAt(fn, [...BINDING, 'perExecutionEnvironmentMaxConcurrency'], {
      rule: 'functions.maxPerExecutionEnvironmentMaxConcurrency',
      found: `perExecutionEnvironmentMaxConcurrency ${concurrency}`,
      allowed: `at most ${limit}`,
    }),
  ];
}

// Scaling config exists only on a capacity provider; other functions are outside this rule.
function checkMinEnvironments(rules: FunctionRules, fn: FunctionManifest): Finding[] {
  const minimum = rules.minExecutionEnvironments;
  if (minimum === undefined || bindingOf(fn) === undefined) return [];
  const declared = fn.spec.scalingConfig?.minExecutionEnvironments;
  const actual = declared ?? DEFAULT_MIN_EXECUTION_ENVIRONMENTS;
  if (actual >= minimum) return [];

  const found = declared === undefined ? `${actual} (the AWS default)` : String(actual);
  return [
    findingAt(fn, ['spec', 'scalingConfig', 'minExecutionEnvironments'], {
      rule: 'functions.minExecutionEnvironments',
      found: `minExecutionEnvironments ${found}`,
      allowed: `at least ${minimum}`,
    }),
  ];
}

function checkCapacityProvider(rules: FunctionRules, fn: FunctionManifest): Finding[] {
  if (rules.requireCapacityProvider !== true || bindingOf(fn) !== undefined) return [];
  return [
    findingAt(fn, ['spec', 'capacityProviderConfig'], {
      rule: 'functions.requireCapacityProvider',
      found: 'no capacityProviderConfig (runs on the default Lambda fleet)',
      allowed: 'a capacity provider in capacityProviderConfig',
    }),
  ];
}
