import type { CapacityProviderRules } from '../../manifests/generated/manifest-types.js';
import type { CapacityProviderManifest } from '../../manifests/types.js';
import type { Ec2Facts } from '../ec2-facts.js';
import { launchableFamilies } from '../launchable.js';
import { familiesReachedBy, literalFamilyOf, matchesPattern } from '../instance-types.js';
import { allowedTypesOf, architectureOf, DEFAULT_MAX_VCPU, maxVCpuOf } from '../provider-spec.js';
import { findingAt, listOf, type Finding } from '../violation.js';

const REQUIREMENTS = ['spec', 'instanceRequirements'] as const;

/**
 * The findings of a guardrail's `capacityProviders` rules on one provider. Rules that need EC2
 * facts (zones, open ingress, catalogue-wide family checks) are skipped when `facts` is absent.
 */
export function checkCapacityProvider(
  rules: CapacityProviderRules,
  provider: CapacityProviderManifest,
  facts: Ec2Facts | undefined,
): Finding[] {
  return [
    ...checkMaxVCpu(rules, provider),
    ...checkArchitecture(rules, provider),
    ...checkInstanceFamilies(rules, provider, facts),
    ...checkKmsKey(rules, provider),
    ...(facts === undefined ? [] : checkZones(rules, provider, facts)),
    ...(facts === undefined ? [] : checkOpenIngress(rules, provider, facts)),
  ];
}

function checkMaxVCpu(rules: CapacityProviderRules, provider: CapacityProviderManifest): Finding[] {
  const limit = rules.maxVCpuCount;
  const declared = maxVCpuOf(provider.spec);
  if (limit === undefined || declared <= limit) return [];

  const defaulted = provider.spec.capacityProviderScalingConfig?.maxVCpuCount === undefined;
  const found = defaulted ? `${DEFAULT_MAX_VCPU} vCPUs (the AWS default)` : `${declared} vCPUs`;
  return [
    findingAt(provider, ['spec', 'capacityProviderScalingConfig', 'maxVCpuCount'], {
      rule: 'capacityProviders.maxVCpuCount',
      found: `maxVCpuCount ${found}`,
      allowed: `at most ${limit} vCPUs`,
    }),
  ];
}

function checkArchitecture(
  rules: CapacityProviderRules,
  provider: CapacityProviderManifest,
): Finding[] {
  const allowed = rules.allowedArchitectures;
  const architecture = architectureOf(provider.spec);
  if (allowed === undefined || allowed.includes(architecture)) return [];

  const declared = provider.spec.instanceRequirements?.architectures !== undefined;
  return [
    findingAt(provider, [...REQUIREMENTS, 'architectures'], {
      rule: 'capacityProviders.allowedArchitectures',
      found: declared ? architecture : `${architecture} (the AWS default)`,
      allowed: listOf(allowed),
    }),
  ];
}

/**
 * Each allowed instance-type pattern must stay within the allowed families: a literal family is
 * judged by name, a wildcard family against the catalogue. A provider that lists no allowed types
 * may launch any catalogue type of its architecture that it does not exclude, so those families
 * are judged instead (catalogue needed).
 */
function checkInstanceFamilies(
  rules: CapacityProviderRules,
  provider: CapacityProviderManifest,
  facts: Ec2Facts | undefined,
): Finding[] {
  const allowedFamilies = rules.allowedInstanceFamilies;
  if (allowedFamilies === undefined) return [];
  const outside = (families: Iterable<string>) =>
    [...families].filter((f) => !allowedFamilies.some((p) => matchesPattern(p, f))).sort();
  const details = (found: string) => ({
    rule: 'capacityProviders.allowedInstanceFamilies',
    found,
    allowed: `families ${listOf(allowedFamilies)}`,
  });

  const allowedTypes = allowedTypesOf(provider.spec);
  if (allowedTypes === undefined) {
    if (facts === undefined) return [];
    const families = outside(launchableFamilies(provider.spec, facts.instanceTypes).keys());
    if (families.length === 0) return [];
    const architecture = architectureOf(provider.spec);
    const scope = `any ${architecture} type of the catalogue not excluded`;
    const why = `may launch ${listOf(families)} (${scope})`;
    return [findingAt(provider, [...REQUIREMENTS, 'excludedInstanceTypes'], details(why))];
  }

  return allowedTypes.flatMap((pattern, index) => {
    const literal = literalFamilyOf(pattern);
    if (literal === undefined && facts === undefined) return [];
    const reached =
      literal !== undefined
        ? [literal]
        : familiesReachedBy(pattern, catalogueFamilies(provider, facts));
    const families = outside(reached);
    if (families.length === 0) return [];
    const path = [...REQUIREMENTS, 'allowedInstanceTypes', index];
    return [findingAt(provider, path, details(`${pattern} reaches ${listOf(families)}`))];
  });
}

function catalogueFamilies(
  provider: CapacityProviderManifest,
  facts: Ec2Facts | undefined,
): Set<string> {
  const architecture = architectureOf(provider.spec);
  const types = [...(facts?.instanceTypes.values() ?? [])];
  return new Set(types.filter((t) => t.architecture === architecture).map((t) => t.family));
}

function checkKmsKey(rules: CapacityProviderRules, provider: CapacityProviderManifest): Finding[] {
  if (rules.requireKmsKey !== true || provider.spec.kmsKeyArn !== undefined) return [];
  return [
    findingAt(provider, ['spec', 'kmsKeyArn'], {
      rule: 'capacityProviders.requireKmsKey',
      found: 'no kmsKeyArn (EBS volumes encrypted with the AWS managed key)',
      allowed: 'a customer managed KMS key in kmsKeyArn',
    }),
  ];
}

function checkZones(
  rules: CapacityProviderRules,
  provider: CapacityProviderManifest,
  facts: Ec2Facts,
): Finding[] {
  const minimum = rules.minAvailabilityZones;
  if (minimum === undefined) return [];
  const zones = new Set<string>();
  for (const id of provider.spec.vpcConfig.subnetIds) {
    const zone = facts.subnets.get(id)?.availabilityZone;
    if (zone !== undefined) zones.add(zone);
  }
  if (zones.size >= minimum) return [];

  const names = zones.size === 0 ? '' : ` (${listOf([...zones].sort())})`;
  return [
    findingAt(provider, ['spec', 'vpcConfig', 'subnetIds'], {
      rule: 'capacityProviders.minAvailabilityZones',
      found: `subnets in ${zones.size} availability zone(s)${names}`,
      allowed: `at least ${minimum} availability zones`,
    }),
  ];
}

function checkOpenIngress(
  rules: CapacityProviderRules,
  provider: CapacityProviderManifest,
  facts: Ec2Facts,
): Finding[] {
  if (rules.forbidOpenIngress !== true) return [];
  return provider.spec.vpcConfig.securityGroupIds.flatMap((id, index) => {
    const group = facts.securityGroups.get(id);
    if (group === undefined || !group.openIngress) return [];
    return [
      findingAt(provider, ['spec', 'vpcConfig', 'securityGroupIds', index], {
        rule: 'capacityProviders.forbidOpenIngress',
        found: `${id} allows ${listOf(group.openIngressRules)}`,
        allowed: 'no inbound rule from 0.0.0.0/0 or ::/0',
      }),
    ];
  });
}
