import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/guardrails/cost.js';
import { loadPriceTable, parsePriceTable } from '../../src/guardrails/prices.js';
import { desiredFrom, provider, yamlOf } from './fixtures.js';

const FAMILIES = [
  'c6i',
  'm6i',
  'r6i',
  'c7i',
  'm7i',
  'r7i',
  'c7g',
  'm7g',
  'r7g',
  'c8g',
  'm8g',
  'r8g',
];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1'];

describe('the shipped price table', () => {
  const table = loadPriceTable();

  it('states its source, date and the 15% LMI management charge', () => {
    expect(table.source).toMatch(/pricing/i);
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.managementChargePercent).toBe(15);
    expect(table.hoursPerMonth).toBe(730);
  });

  it.each(REGIONS)('prices every LMI family in %s to at most 4 decimals', (region) => {
    const prices = table.regions[region]!;
    expect(Object.keys(prices).sort()).toEqual([...FAMILIES].sort());
    for (const price of Object.values(prices)) {
      expect(Math.round(price * 10_000) / 10_000).toBe(price);
    }
  });

  it('gives every family its architecture', () => {
    expect(Object.keys(table.families).sort()).toEqual([...FAMILIES].sort());
    expect(table.families.c7g!.architecture).toBe('arm64');
    expect(table.families.r7i!.architecture).toBe('x86_64');
  });

  it('rejects a table without a date', () => {
    const text = readFileSync(new URL('../../data/prices.json', import.meta.url), 'utf8');
    const broken = { ...(JSON.parse(text) as object), date: undefined };
    expect(() => parsePriceTable(JSON.stringify(broken))).toThrow(/date/);
  });
});

describe('estimateCost', () => {
  const steady = (requirements: string, maxVCpu = 10) =>
    provider(
      'steady',
      `${requirements}\ncapacityProviderScalingConfig: { maxVCpuCount: ${maxVCpu} }`,
    );

  it('prices a provider at the dearest family it may launch and says which', () => {
    // r8g is the dearest of c7g.* and r8g.*: 0.0589 x 1.15 = 0.0677; x 10 x 730 = 494.21.
    const text = steady(
      'instanceRequirements:\n  architectures: [arm64]\n  allowedInstanceTypes: [c7g.*, r8g.large]',
    );
    const { lines, totalMonthlyUsd } = estimateCost(desiredFrom(text), new Map(), 'us-east-1');
    expect(lines).toMatchObject([
      { name: 'steady', family: 'r8g', pricePerVCpuHourUsd: 0.0677, desiredMonthlyUsd: 494.21 },
    ]);
    expect(lines[0]!.basis).toContain('r8g in us-east-1');
    expect(totalMonthlyUsd).toBe(494.21);
  });

  it('prices excluded-type providers at the dearest family of the architecture left', () => {
    const text = steady(
      'instanceRequirements:\n  architectures: [x86_64]\n  excludedInstanceTypes: [r7i.*]',
    );
    const [line] = estimateCost(desiredFrom(text), new Map(), 'us-east-1').lines;
    expect(line!.family).toBe('r6i');
  });

  it('shows the change against the live ceiling and prices removed providers at 0', () => {
    const text = steady('instanceRequirements:\n  allowedInstanceTypes: [c7i.*]', 20);
    const live = new Map([
      ['steady', 10],
      ['old', 8],
    ]);
    const { lines, totalMonthlyUsd } = estimateCost(desiredFrom(text), live, 'us-east-1');
    // c7i: 0.0446 x 1.15 = 0.0513; x 730 = 37.449 per vCPU-month.
    expect(lines).toMatchObject([
      { name: 'old', desiredMonthlyUsd: 0, family: 'r7i' },
      { name: 'steady', liveMonthlyUsd: 374.49, desiredMonthlyUsd: 748.98 },
    ]);
    expect(totalMonthlyUsd).toBe(748.98);
  });

  it('prices a family missing from the table at the dearest of its architecture', () => {
    const text = steady('instanceRequirements:\n  allowedInstanceTypes: [c5.large]');
    const [line] = estimateCost(desiredFrom(text), new Map(), 'us-east-1').lines;
    expect(line).toMatchObject({ family: 'r7i' });
    expect(line!.basis).toContain('c5 not in the price table');
  });

  it('prices an unlisted region at the dearest listed region, never lower', () => {
    const text = steady('instanceRequirements:\n  allowedInstanceTypes: [m7i.*]');
    const desired = desiredFrom(text);
    const [unlisted] = estimateCost(desired, new Map(), 'sa-east-1').lines;
    const listed = REGIONS.map((r) => estimateCost(desired, new Map(), r).lines[0]!);
    expect(unlisted!.pricePerVCpuHourUsd).toBe(
      Math.max(...listed.map((line) => line.pricePerVCpuHourUsd)),
    );
    expect(unlisted!.basis).toContain('sa-east-1 not in the price table');
  });

  it('prices a provider without maxVCpuCount at the AWS default of 400 vCPUs', () => {
    const text = yamlOf(
      provider('steady', 'instanceRequirements:\n  allowedInstanceTypes: [c7i.*]'),
    );
    const [line] = estimateCost(desiredFrom(text), new Map(), 'us-east-1').lines;
    expect(line!.desiredMonthlyUsd).toBe(14979.6);
  });
});
