import type { Architecture, CapacityProviderSpec } from '../manifests/generated/manifest-types.js';

/**
 * What AWS assumes when a provider sets no maxVCpuCount (the documented default), so a provider
 * without one is judged and priced at this ceiling.
 */
export const DEFAULT_MAX_VCPU = 400;

/** The vCPU ceiling a provider declares, or the AWS default when it declares none. */
export function maxVCpuOf(spec: CapacityProviderSpec): number {
  return spec.capacityProviderScalingConfig?.maxVCpuCount ?? DEFAULT_MAX_VCPU;
}

/** What AWS assumes when a capacity provider names no architecture. */
export const DEFAULT_ARCHITECTURE: Architecture = 'x86_64';

/** The architecture a provider launches: its single `instanceRequirements.architectures` entry. */
export function architectureOf(spec: CapacityProviderSpec): Architecture {
  return spec.instanceRequirements?.architectures?.[0] ?? DEFAULT_ARCHITECTURE;
}

/** The instance-type patterns a provider allows; undefined when it allows any type. */
export function allowedTypesOf(spec: CapacityProviderSpec): readonly string[] | undefined {
  const requirements = spec.instanceRequirements;
  if (requirements === undefined || !('allowedInstanceTypes' in requirements)) return undefined;
  const allowed = requirements.allowedInstanceTypes;
  return allowed !== undefined && allowed.length > 0 ? allowed : undefined;
}

/** The instance-type patterns a provider excludes (empty when it excludes none). */
export function excludedTypesOf(spec: CapacityProviderSpec): readonly string[] {
  const requirements = spec.instanceRequirements;
  if (requirements === undefined || !('excludedInstanceTypes' in requirements)) return [];
  return requirements.excludedInstanceTypes ?? [];
}
