import { describe, expect, it } from 'vitest';
import { QUOTA_POOLS, QUOTA_RATES, quotaPoolOf } from '../../src/aws-model/quota-pools.js';

describe('quotaPoolOf', () => {
  it.each([
    ['lambda', 'GetCapacityProvider', 'capacity-provider-read'],
    ['lambda', 'ListCapacityProviders', 'capacity-provider-read'],
    ['lambda', 'ListFunctionVersionsByCapacityProvider', 'capacity-provider-read'],
    ['lambda', 'CreateCapacityProvider', 'capacity-provider-write'],
    ['lambda', 'UpdateCapacityProvider', 'capacity-provider-write'],
    ['lambda', 'DeleteCapacityProvider', 'capacity-provider-write'],
    ['lambda', 'GetFunction', 'get-function'],
    ['lambda', 'GetFunctionConfiguration', 'lambda'],
    ['lambda', 'ListFunctions', 'lambda'],
    ['lambda', 'PutFunctionScalingConfig', 'lambda'],
    ['ec2', 'DescribeSubnets', 'ec2'],
    ['ec2', 'GetFunction', 'ec2'],
  ] as const)('puts %s %s in the %s pool', (service, operation, pool) => {
    expect(quotaPoolOf(service, operation)).toBe(pool);
  });

  it('has a positive rate for every pool, with capacity-provider writes at one per second', () => {
    for (const pool of QUOTA_POOLS) expect(QUOTA_RATES[pool]).toBeGreaterThan(0);
    expect(QUOTA_RATES['capacity-provider-write']).toBe(1);
  });
});
