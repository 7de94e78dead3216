import type { CapacityProviderManifest } from '../../manifests/types.js';
import type { Ec2Facts } from '../ec2-facts.js';
import { matchesPattern } from '../instance-types.js';
import { launchableFamilies } from '../launchable.js';
import { allowedTypesOf, architectureOf } from '../provider-spec.js';
import { findingAt, listOf, type Finding } from '../violation.js';

const VPC_CONFIG = ['spec', 'vpcConfig'] as const;

/**
 * Checks AWS would otherwise fail at apply time: every subnet and security group exists and all
 * sit in one VPC. Needs EC2 facts; pure.
 */
export function checkOneVpc(provider: CapacityProviderManifest, facts: Ec2Facts): Finding[] {
  const { subnetIds, securityGroupIds } = provider.spec.vpcConfig;
  const missing = [
    ...subnetIds.filter((id) => !facts.subnets.has(id)),
    ...securityGroupIds.filter((id) => !facts.securityGroups.has(id)),
  ];
  const placed = [
    ...subnetIds.map((id) => [id, facts.subnets.get(id)?.vpcId] as const),
    ...securityGroupIds.map((id) => [id, facts.securityGroups.get(id)?.vpcId] as const),
  ].filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  const vpcs = new Set(placed.map(([, vpc]) => vpc));

  const findings: Finding[] = [];
  if (missing.length > 0) {
    findings.push(
      findingAt(provider, VPC_CONFIG, {
        rule: 'vpcConfig.exists',
        found: `${listOf(missing)} not found`,
        allowed: 'subnets and security groups that exist in the region',
      }),
    );
  }
  if (vpcs.size > 1) {
    findings.push(
      findingAt(provider, VPC_CONFIG, {
        rule: 'vpcConfig.oneVpc',
        found: listOf(placed.map(([id, vpc]) => `${id} in ${vpc}`)),
        allowed: 'subnets and security groups of one VPC',
      }),
    );
  }
  return findings;
}

/**
 * Every availability zone of the provider's subnets should offer something it may launch: each
 * allowed pattern at least one matching type, or, without allowed types, any launchable type.
 * A zone that offers none holds no capacity, so the spread across zones is smaller than it looks.
 */
export function checkOfferings(provider: CapacityProviderManifest, facts: Ec2Facts): Finding[] {
  const zones = zonesOf(provider, facts);
  const architecture = architectureOf(provider.spec);
  const catalogue = [...facts.instanceTypes]
    .filter(([, info]) => info.architecture === architecture)
    .map(([type]) => type);
  const offeredIn = (zone: string, types: readonly string[]) =>
    types.some((type) => facts.offerings.get(zone)?.has(type) === true);
  const details = (found: string) => ({
    rule: 'instanceRequirements.offered',
    found,
    allowed: "instance types offered in every availability zone of the provider's subnets",
  });

  const allowed = allowedTypesOf(provider.spec);
  if (allowed === undefined) {
    const types = [...launchableFamilies(provider.spec, facts.instanceTypes).values()].flat();
    const lacking = zones.filter((zone) => !offeredIn(zone, types));
    if (lacking.length === 0) return [];
    const found = `no launchable ${architecture} type offered in ${listOf(lacking)}`;
    return [findingAt(provider, ['spec', 'instanceRequirements'], details(found))];
  }

  return allowed.flatMap((pattern, index) => {
    const types = catalogue.filter((type) => matchesPattern(pattern, type));
    const lacking = zones.filter((zone) => !offeredIn(zone, types));
    if (lacking.length === 0) return [];
    const path = ['spec', 'instanceRequirements', 'allowedInstanceTypes', index];
    const found = `${pattern} has no ${architecture} type offered in ${listOf(lacking)}`;
    return [findingAt(provider, path, details(found))];
  });
}

function zonesOf(provider: CapacityProviderManifest, facts: Ec2Facts): string[] {
  const zones = provider.spec.vpcConfig.subnetIds.map(
    (id) => facts.subnets.get(id)?.availabilityZone,
  );
  return [...new Set(zones.filter((zone) => zone !== undefined))].sort();
}
