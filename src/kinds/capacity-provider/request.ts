import type {
  CreateCapacityProviderCommandInput,
  UpdateCapacityProviderCommandInput,
} from '@aws-sdk/client-lambda';
import { toAwsShape } from '../../apply/aws-shape.js';
import type { CapacityProviderManifest } from '../../manifests/types.js';
import type { Difference } from '../../plan/types.js';
import { controllerTags } from '../ownership.js';

/** The CreateCapacityProvider request for a manifest, ownership tags included in the same call. */
export function createProviderInput(
  manifest: CapacityProviderManifest,
  controllerId: string,
): CreateCapacityProviderCommandInput {
  const { tags, ...spec } = manifest.spec;
  return {
    ...(toAwsShape(spec) as Omit<CreateCapacityProviderCommandInput, 'CapacityProviderName'>),
    CapacityProviderName: manifest.metadata.name,
    Tags: { ...tags, ...controllerTags(controllerId, manifest.behaviour) },
  };
}

/** The spec members UpdateCapacityProvider takes, by the difference path that names them. */
const UPDATABLE = {
  capacityProviderScalingConfig: 'CapacityProviderScalingConfig',
  propagateTags: 'PropagateTags',
  telemetryConfig: 'TelemetryConfig',
} as const;

/**
 * The UpdateCapacityProvider request carrying the members whose differences it can change, or
 * undefined when no difference needs it (tags change through TagResource instead).
 */
export function updateProviderInput(
  manifest: CapacityProviderManifest,
  differences: readonly Difference[],
): UpdateCapacityProviderCommandInput | undefined {
  const input: UpdateCapacityProviderCommandInput = {
    CapacityProviderName: manifest.metadata.name,
  };
  let any = false;
  for (const [member, awsMember] of Object.entries(UPDATABLE)) {
    const value = manifest.spec[member as keyof typeof UPDATABLE];
    if (value === undefined || !differences.some((d) => d.path.startsWith(`${member}.`))) continue;
    Object.assign(input, { [awsMember]: toAwsShape(value) });
    any = true;
  }
  return any ? input : undefined;
}
