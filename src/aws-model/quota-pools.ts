/**
 * The request-rate pools AWS meters the controller's calls against. Shared by the client-side pacer
 * (src/aws) and the sandbox's server-side throttling, so both agree on which call spends which
 * budget.
 */
export type QuotaPool =
  'capacity-provider-read' | 'capacity-provider-write' | 'get-function' | 'lambda' | 'ec2';

/** Every pool, in a stable order (for metrics and stats listings). */
export const QUOTA_POOLS: readonly QuotaPool[] = [
  'capacity-provider-read',
  'capacity-provider-write',
  'get-function',
  'lambda',
  'ec2',
];

/**
 * Requests per second AWS allows in each pool, account-wide and per region. The Lambda rates are
 * the documented, non-raisable control-plane quotas. EC2 meters describe calls by token bucket with
 * much higher undocumented-per-account rates; 100/s is a conservative stand-in.
 */
export const QUOTA_RATES: Readonly<Record<QuotaPool, number>> = {
  'capacity-provider-read': 15,
  'capacity-provider-write': 1,
  'get-function': 100,
  lambda: 15,
  ec2: 100,
};

const CAPACITY_PROVIDER_READS = new Set([
  'GetCapacityProvider',
  'ListCapacityProviders',
  'ListFunctionVersionsByCapacityProvider',
]);

const CAPACITY_PROVIDER_WRITES = new Set([
  'CreateCapacityProvider',
  'UpdateCapacityProvider',
  'DeleteCapacityProvider',
]);

/**
 * The pool an operation spends. `operation` is the API operation name as the SDK command names it
 * without the `Command` suffix (e.g. `GetFunction`). Unknown Lambda operations fall in the shared
 * `lambda` pool, as AWS does; every EC2 operation is `ec2`. Never throws.
 */
export function quotaPoolOf(service: 'lambda' | 'ec2', operation: string): QuotaPool {
  if (service === 'ec2') return 'ec2';
  if (CAPACITY_PROVIDER_READS.has(operation)) return 'capacity-provider-read';
  if (CAPACITY_PROVIDER_WRITES.has(operation)) return 'capacity-provider-write';
  if (operation === 'GetFunction') return 'get-function';
  return 'lambda';
}
