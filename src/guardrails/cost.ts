import type { CapacityProviderSpec } from '../manifests/generated/manifest-types.js';
import type { DesiredState } from '../manifests/types.js';
import type { CostLine } from '../plan/types.js';
import { excludesFamily, familiesReachedBy, literalFamilyOf } from './instance-types.js';
import { loadPriceTable, type PriceTable } from './prices.js';
import { allowedTypesOf, architectureOf, excludedTypesOf, maxVCpuOf } from './provider-spec.js';

/** A provider's cost line with the price it was computed from. */
export interface CostEstimateLine extends CostLine {
  /** The family priced: the most expensive the provider may launch. */
  family: string;
  /** USD per vCPU-hour used, the LMI management charge included. */
  pricePerVCpuHourUsd: number;
  /** How the price was chosen, in one sentence for a reader. */
  basis: string;
}

/** The cost estimate of a plan. */
export interface CostEstimate {
  lines: CostEstimateLine[];
  /** Sum of the desired monthly ceilings, rounded to cents. */
  totalMonthlyUsd: number;
}

/**
 * Estimates the monthly cost ceiling of every declared capacity provider (and of every live one in
 * `liveMaxVCpu` that is not declared, whose desired ceiling is 0 since the plan removes it):
 * maxVCpuCount x price per vCPU-hour of the most expensive family it may launch x hoursPerMonth,
 * the LMI management charge included. A provider without maxVCpuCount is priced at the AWS default.
 * Lines are sorted by name; amounts rounded to cents. Pure apart from reading the shipped table on
 * first use when `prices` is not given; throws only when that table is broken.
 */
export function estimateCost(
  desired: DesiredState,
  liveMaxVCpu: Map<string, number>,
  region: string,
  prices: PriceTable = loadPriceTable(),
): CostEstimate {
  const declared = new Set(desired.capacityProviders.map((provider) => provider.metadata.name));
  const lines = desired.capacityProviders.map(({ metadata, spec }) => {
    const price = providerPrice(spec, region, prices);
    return costLine(metadata.name, price, liveMaxVCpu.get(metadata.name), maxVCpuOf(spec), prices);
  });

  // Limitation: undeclared live providers' instance requirements are not passed in, so they are
  // priced at the most expensive family of the region (an overestimate).
  for (const [name, vCpus] of liveMaxVCpu) {
    if (declared.has(name)) continue;
    const price = ceilingPrice(Object.keys(prices.families), region, prices);
    lines.push(costLine(name, price, vCpus, 0, prices));
  }

  lines.sort((a, b) => a.name.localeCompare(b.name));
  const total = lines.reduce((sum, line) => sum + line.desiredMonthlyUsd, 0);
  return { lines, totalMonthlyUsd: roundCents(total) };
}

/** The monthly cost ceiling of `vCpus` at a per-vCPU-hour price (charge included), in cents. */
export function monthlyUsd(vCpus: number, pricePerVCpuHourUsd: number, prices: PriceTable): number {
  return roundCents(vCpus * pricePerVCpuHourUsd * prices.hoursPerMonth);
}

interface ChosenPrice {
  family: string;
  pricePerVCpuHourUsd: number;
  basis: string;
}

function costLine(
  name: string,
  price: ChosenPrice,
  liveVCpus: number | undefined,
  desiredVCpus: number,
  prices: PriceTable,
): CostEstimateLine {
  return {
    name,
    liveMonthlyUsd:
      liveVCpus === undefined ? 0 : monthlyUsd(liveVCpus, price.pricePerVCpuHourUsd, prices),
    desiredMonthlyUsd: monthlyUsd(desiredVCpus, price.pricePerVCpuHourUsd, prices),
    ...price,
  };
}

/** The price of the most expensive family a provider may launch, or a ceiling when unknown. */
function providerPrice(
  spec: CapacityProviderSpec,
  region: string,
  prices: PriceTable,
): ChosenPrice {
  const architecture = architectureOf(spec);
  const ofArchitecture = Object.entries(prices.families)
    .filter(([, info]) => info.architecture === architecture)
    .map(([family]) => family);
  const { families, unknown } = pricedFamilies(spec, ofArchitecture);

  if (unknown.length > 0 || families.length === 0) {
    const price = ceilingPrice(ofArchitecture, region, prices);
    const why = unknown.length > 0 ? `${unknown.join(', ')} not in the price table` : 'no family';
    return {
      ...price,
      basis: `${why}; priced at the dearest ${architecture} family, ${price.basis}`,
    };
  }
  return ceilingPrice(families, region, prices);
}

/**
 * The priced families a provider may launch, and those it names that the table does not price.
 * Allowed patterns with a literal family name it; wildcard families reach the table's families of
 * the architecture; otherwise every family of the architecture not excluded as a whole.
 */
function pricedFamilies(
  spec: CapacityProviderSpec,
  ofArchitecture: readonly string[],
): { families: string[]; unknown: string[] } {
  const allowed = allowedTypesOf(spec);
  if (allowed === undefined) {
    const excluded = excludedTypesOf(spec);
    const families = ofArchitecture.filter(
      (family) => !excluded.some((pattern) => excludesFamily(pattern, family)),
    );
    return { families, unknown: [] };
  }

  const families = new Set<string>();
  const unknown = new Set<string>();
  for (const pattern of allowed) {
    const literal = literalFamilyOf(pattern);
    if (literal === undefined) {
      familiesReachedBy(pattern, ofArchitecture).forEach((family) => families.add(family));
    } else if (ofArchitecture.includes(literal)) {
      families.add(literal);
    } else {
      unknown.add(literal);
    }
  }
  return { families: [...families], unknown: [...unknown] };
}

/** The dearest of `families` in `region`; a region the table lacks takes its dearest region. */
function ceilingPrice(
  families: readonly string[],
  region: string,
  prices: PriceTable,
): ChosenPrice {
  const regional = prices.regions[region];
  const table = regional ?? dearestRegion(prices);
  let best: { family: string; ec2: number } | undefined;
  for (const family of families) {
    const ec2 = table[family];
    if (ec2 !== undefined && (best === undefined || ec2 > best.ec2)) best = { family, ec2 };
  }
  if (best === undefined) return { family: 'unknown', pricePerVCpuHourUsd: 0, basis: 'no price' };

  const withCharge = roundPrice(best.ec2 * (1 + prices.managementChargePercent / 100));
  const where =
    regional === undefined ? `${region} not in the price table, dearest region` : region;
  const basis =
    `${best.family} in ${where}: ${best.ec2} USD per vCPU-hour plus ` +
    `${prices.managementChargePercent}% LMI charge (prices of ${prices.date})`;
  return { family: best.family, pricePerVCpuHourUsd: withCharge, basis };
}

/** Per family, the highest price any listed region has: a ceiling for an unlisted region. */
function dearestRegion(prices: PriceTable): Record<string, number> {
  const dearest: Record<string, number> = {};
  for (const table of Object.values(prices.regions)) {
    for (const [family, price] of Object.entries(table)) {
      dearest[family] = Math.max(dearest[family] ?? 0, price);
    }
  }
  return dearest;
}

function roundCents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function roundPrice(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
