import { documentSchema } from './envelope.js';
import type { JsonSchema } from './json-schema.js';
import { describeAwsMember } from './descriptions.js';
import { ModelConverter, type ServiceModel } from './aws-model.js';
import { exclusiveVariants } from './variants.js';

/**
 * The CapacityProvider manifest schema: CreateCapacityProviderRequest without the name (it comes
 * from metadata.name), with allowed and excluded instance types made exclusive.
 */
export function capacityProviderSchema(model: ServiceModel): JsonSchema {
  const converter = new ModelConverter(
    model,
    {
      CreateCapacityProviderRequest: {
        omit: ['CapacityProviderName'],
        replace: (spec) => ({ ...spec, title: 'CapacityProviderSpec' }),
      },
      InstanceRequirements: { replace: instanceRequirements },
    },
    describeAwsMember,
  );
  converter.schemaOf('CreateCapacityProviderRequest');

  const { CreateCapacityProviderRequest: spec, ...defs } = converter.defs;
  return documentSchema(
    'CapacityProvider',
    'A Lambda Managed Instances capacity provider: the EC2 fleet functions run on.',
    'CapacityProviderSpec',
    { CapacityProviderSpec: spec ?? {}, ...defs },
  );
}

function instanceRequirements(converted: JsonSchema): JsonSchema {
  const members = converted.properties as Record<string, JsonSchema>;
  const { allowedInstanceTypes, excludedInstanceTypes, ...shared } = members;
  return exclusiveVariants(
    {
      title: 'InstanceRequirements',
      description:
        'Architecture and instance types; allowedInstanceTypes and excludedInstanceTypes ' +
        'exclude each other.',
      shared,
    },
    'anyOf',
    [
      {
        title: 'AllowedInstanceRequirements',
        members: { allowedInstanceTypes: pick(allowedInstanceTypes) },
      },
      {
        title: 'ExcludedInstanceRequirements',
        members: { excludedInstanceTypes: pick(excludedInstanceTypes) },
      },
    ],
  );
}

function pick(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) throw new Error('aws model InstanceRequirements lacks an instance type list');
  return schema;
}
