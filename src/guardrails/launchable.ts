import type { CapacityProviderSpec } from '../manifests/generated/manifest-types.js';
import type { InstanceTypeFacts } from './ec2-facts.js';
import { matchesPattern } from './instance-types.js';
import { allowedTypesOf, architectureOf, excludedTypesOf } from './provider-spec.js';

/**
 * The instance families a provider may launch according to the catalogue, each with the types
 * that make it so: catalogue types of the provider's architecture that its allowed patterns match,
 * or, when it lists none, that no excluded pattern matches. Pure.
 */
export function launchableFamilies(
  spec: CapacityProviderSpec,
  catalogue: ReadonlyMap<string, InstanceTypeFacts>,
): Map<string, string[]> {
  const architecture = architectureOf(spec);
  const allowed = allowedTypesOf(spec);
  const excluded = excludedTypesOf(spec);
  const launchable = (type: string) =>
    allowed === undefined
      ? !excluded.some((pattern) => matchesPattern(pattern, type))
      : allowed.some((pattern) => matchesPattern(pattern, type));

  const families = new Map<string, string[]>();
  for (const [type, facts] of catalogue) {
    if (facts.architecture !== architecture || !launchable(type)) continue;
    families.set(facts.family, [...(families.get(facts.family) ?? []), type]);
  }
  return families;
}
