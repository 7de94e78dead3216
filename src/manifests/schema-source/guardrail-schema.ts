import { ModelConverter, type ServiceModel } from './aws-model.js';
import { describeAwsMember } from './descriptions.js';
import { documentSchema, OBJECT_NAME_SCHEMA } from './envelope.js';
import type { JsonSchema } from './json-schema.js';

/**
 * The Guardrail manifest schema: policy the plan is checked against. Entirely the controller's
 * own; runtimes and architectures reuse the AWS model's enums so their casing is exact.
 */
export function guardrailSchema(model: ServiceModel): JsonSchema {
  const converter = new ModelConverter(model, {}, describeAwsMember);
  const spec: JsonSchema = {
    title: 'GuardrailSpec',
    description: 'Rules every selected object and the plan as a whole must satisfy.',
    type: 'object',
    additionalProperties: false,
    required: ['enforcement'],
    properties: {
      enforcement: {
        description: 'Block stops plan and apply on a violation; Warn only reports it.',
        type: 'string',
        enum: ['Block', 'Warn'],
      },
      selector: { $ref: '#/$defs/GuardrailSelector' },
      capacityProviders: { $ref: '#/$defs/CapacityProviderRules' },
      functions: { $ref: '#/$defs/FunctionRules' },
      account: { $ref: '#/$defs/AccountRules' },
      changes: { $ref: '#/$defs/ChangeRules' },
    },
  };
  const rules = {
    GuardrailSelector: selector(),
    CapacityProviderRules: capacityProviderRules(converter),
    FunctionRules: functionRules(converter),
    AccountRules: accountRules(),
    ChangeRules: changeRules(),
  };
  return documentSchema(
    'Guardrail',
    'Policy checked before anything is applied.',
    'GuardrailSpec',
    { GuardrailSpec: spec, ...rules, ...converter.defs },
  );
}

function closedObject(
  title: string,
  description: string,
  properties: Record<string, JsonSchema>,
): JsonSchema {
  return { title, description, type: 'object', additionalProperties: false, properties };
}

function uniqueList(items: JsonSchema, description: string): JsonSchema {
  return { description, type: 'array', minItems: 1, uniqueItems: true, items };
}

function selector(): JsonSchema {
  return closedObject('GuardrailSelector', 'Which objects the rules apply to; absent means all.', {
    matchLabels: {
      description: 'Labels an object must all carry to be selected.',
      type: 'object',
      propertyNames: { type: 'string', minLength: 1, maxLength: 128 },
      additionalProperties: { type: 'string', maxLength: 256 },
    },
  });
}

function capacityProviderRules(converter: ModelConverter): JsonSchema {
  return closedObject('CapacityProviderRules', 'Rules for selected capacity providers.', {
    maxVCpuCount: {
      description: 'Highest capacityProviderScalingConfig.maxVCpuCount allowed.',
      ...converter.schemaOf('CapacityProviderMaxVCpuCount'),
    },
    allowedArchitectures: uniqueList(converter.schemaOf('Architecture'), 'Allowed architectures.'),
    allowedInstanceFamilies: uniqueList(
      { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 30 },
      'Allowed instance families such as c7g or r7i; allowed instance types must be within them.',
    ),
    requireKmsKey: { description: 'Require kmsKeyArn.', type: 'boolean' },
    minAvailabilityZones: {
      description: 'Fewest distinct availability zones the subnets must span.',
      type: 'integer',
      minimum: 1,
      maximum: 16,
    },
    forbidOpenIngress: {
      description: 'Forbid security groups with inbound rules from 0.0.0.0/0 or ::/0.',
      type: 'boolean',
    },
  });
}

function functionRules(converter: ModelConverter): JsonSchema {
  return closedObject('FunctionRules', 'Rules for selected functions.', {
    allowedRuntimes: uniqueList(converter.schemaOf('Runtime'), 'Allowed runtimes.'),
    maxPerExecutionEnvironmentMaxConcurrency: {
      description: 'Highest perExecutionEnvironmentMaxConcurrency allowed.',
      ...converter.schemaOf('PerExecutionEnvironmentMaxConcurrency'),
    },
    minExecutionEnvironments: {
      description: 'Lowest scalingConfig.minExecutionEnvironments allowed.',
      ...converter.schemaOf('FunctionScalingConfigExecutionEnvironments'),
    },
    requireCapacityProvider: {
      description: 'Require every selected function to run on a capacity provider.',
      type: 'boolean',
    },
  });
}

function accountRules(): JsonSchema {
  return closedObject('AccountRules', 'Limits over everything the manifests declare.', {
    maxTotalVCpu: {
      description: 'Highest sum of maxVCpuCount over all capacity providers.',
      type: 'integer',
      minimum: 2,
    },
    maxMonthlyCostUsd: {
      description: 'Highest estimated monthly cost, from vCPU ceilings and the price table.',
      type: 'number',
      minimum: 0,
    },
  });
}

function changeRules(): JsonSchema {
  return closedObject('ChangeRules', 'Limits on what one apply may change.', {
    maxDeletesPerApply: {
      description: 'Most deletes (and replaces) one apply may carry out.',
      type: 'integer',
      minimum: 0,
    },
    protected: uniqueList(OBJECT_NAME_SCHEMA, 'Names that are never deleted or replaced.'),
  });
}
