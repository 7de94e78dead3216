import { describe, expect, it } from 'vitest';
import { decodeEc2Input } from '../../src/sandbox/ec2/query.js';
import { wildcard } from '../../src/sandbox/ec2/filters.js';
import { parseFunctionRef } from '../../src/sandbox/lambda/lookup.js';
import { RateLimiter } from '../../src/sandbox/rate-limiter.js';
import { LAMBDA_MODEL } from '../../src/sandbox/service-model.js';
import { firstViolation } from '../../src/sandbox/validate.js';

describe('RateLimiter', () => {
  it('allows a burst equal to the rate, then refuses until a token refills', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    const burst = Array.from({ length: 15 }, () => limiter.take('lambda'));
    expect(burst.every((wait) => wait === 0)).toBe(true);
    expect(limiter.take('lambda')).toBe(1);

    now += 1000 / 15;
    expect(limiter.take('lambda')).toBe(0);
  });

  it('allows one capacity-provider write per second, scaled by rateScale', () => {
    let now = 0;
    const normal = new RateLimiter(1, () => now);
    const fast = new RateLimiter(10, () => now);
    expect([
      normal.take('capacity-provider-write'),
      normal.take('capacity-provider-write'),
    ]).toEqual([0, 1]);
    expect(fast.take('capacity-provider-write')).toBe(0);
    now += 100;
    expect(fast.take('capacity-provider-write')).toBe(0);
  });
});

describe('parseFunctionRef', () => {
  it.each([
    ['ledger', { name: 'ledger' }],
    ['ledger:7', { name: 'ledger', qualifier: '7' }],
    ['123456789012:function:ledger', { name: 'ledger' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:ledger', { name: 'ledger' }],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:ledger:$LATEST.PUBLISHED',
      { name: 'ledger', qualifier: '$LATEST.PUBLISHED' },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseFunctionRef(text)).toEqual(expected);
  });
});

describe('model-derived validation', () => {
  it.each([
    [{ FunctionName: 'ok' }, undefined],
    [{}, /functionName.*must not be null/],
    [{ FunctionName: 'x'.repeat(257) }, /length less than or equal to 256/],
    [{ FunctionName: 'ok', Qualifier: 'has space' }, /regular expression pattern/],
  ])('checks GetFunctionRequest %j', (input, expected) => {
    const problem = firstViolation(LAMBDA_MODEL, 'GetFunctionRequest', input, '');
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('EC2 query decoding', () => {
  it('nests indexed filters and id lists the way the SDK flattens them', () => {
    const query = new URLSearchParams(
      'Action=DescribeSubnets&SubnetId.1=a&SubnetId.2=b&Filter.1.Name=vpc-id&Filter.1.Value.1=v&MaxResults=5',
    );
    expect(decodeEc2Input(query, 'DescribeSubnetsRequest')).toEqual({
      SubnetIds: ['a', 'b'],
      Filters: [{ Name: 'vpc-id', Values: ['v'] }],
      MaxResults: 5,
    });
  });

  it.each([
    ['c7g.*', 'c7g.large', true],
    ['c7g.*', 'c7gn.large', false],
    ['m?i.large', 'm7i.large', true],
  ])('matches %s against %s: %s', (pattern, value, matches) => {
    expect(wildcard(pattern).test(value)).toBe(matches);
  });
});
