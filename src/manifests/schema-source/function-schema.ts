import { ModelConverter, type ServiceModel } from './aws-model.js';
import { describeAwsMember } from './descriptions.js';
import { documentSchema, OBJECT_NAME_SCHEMA } from './envelope.js';
import type { JsonSchema } from './json-schema.js';
import { exclusiveVariants } from './variants.js';

/** Lambda's CodeSha256: the base64 of a SHA-256 digest. */
const SHA256_BASE64: JsonSchema = {
  description: 'The base64 SHA-256 of the code, as Lambda reports it in CodeSha256.',
  type: 'string',
  pattern: '^[A-Za-z0-9+/]{43}=$',
};

/**
 * The Function manifest schema: CreateFunctionRequest without the name, the code blob and the
 * publish switches, plus the controller's own members (code source, capacity provider reference,
 * publish mode, per-version scaling, aliases, version retention).
 */
export function functionSchema(model: ServiceModel): JsonSchema {
  const overlays = {
    CreateFunctionRequest: {
      omit: ['FunctionName', 'Code', 'Publish', 'PublishTo'],
      members: {} as Record<string, JsonSchema>,
      required: ['code'],
      replace: (spec: JsonSchema) => ({ ...spec, title: 'FunctionSpec' }),
    },
    LambdaManagedInstancesCapacityProviderConfig: { replace: capacityProviderBinding },
  };
  const converter = new ModelConverter(model, overlays, describeAwsMember);
  overlays.CreateFunctionRequest.members = controllerMembers(converter);
  converter.schemaOf('CreateFunctionRequest');
  const FunctionAlias = aliasSchema(converter);

  const { CreateFunctionRequest: spec, ...defs } = converter.defs;
  return documentSchema(
    'Function',
    'A Lambda function, usually bound to a capacity provider, with how it is published.',
    'FunctionSpec',
    { FunctionSpec: spec ?? {}, FunctionAlias, ...defs },
  );
}

function controllerMembers(converter: ModelConverter): Record<string, JsonSchema> {
  return {
    code: { description: 'Where the function code comes from.', ...codeSource(converter) },
    publish: {
      description:
        'LatestPublished keeps $LATEST.PUBLISHED current (the default on a capacity provider), ' +
        'Versions publishes a numbered version per change, None never publishes.',
      type: 'string',
      enum: ['LatestPublished', 'Versions', 'None'],
    },
    scalingConfig: {
      description: 'Execution environments of the published version (PutFunctionScalingConfig).',
      ...converter.schemaOf('FunctionScalingConfig'),
    },
    aliases: {
      description: 'Aliases the controller keeps pointing at published versions.',
      type: 'array',
      items: { $ref: '#/$defs/FunctionAlias' },
    },
    versionRetention: {
      description:
        'How many older numbered versions to keep; ' +
        'at most 100 versions fit on one capacity provider.',
      type: 'integer',
      minimum: 0,
      maximum: 100,
    },
  };
}

function codeSource(converter: ModelConverter): JsonSchema {
  const kmsKey = { sourceKMSKeyArn: converter.schemaOf('KMSKeyArn') };
  return exclusiveVariants(
    {
      title: 'FunctionCodeSource',
      description: 'Exactly one of zipFile, s3Bucket/s3Key (with sha256) or imageUri.',
      shared: {},
    },
    'oneOf',
    [
      {
        title: 'ZipFileCode',
        required: ['zipFile'],
        members: {
          zipFile: {
            description: 'A .zip file or a folder, relative to the manifest file.',
            type: 'string',
            minLength: 1,
          },
          ...kmsKey,
        },
      },
      {
        title: 'S3Code',
        required: ['s3Bucket', 's3Key', 'sha256'],
        members: {
          s3Bucket: converter.schemaOf('S3Bucket'),
          s3Key: converter.schemaOf('S3Key'),
          s3ObjectVersion: converter.schemaOf('S3ObjectVersion'),
          s3ObjectStorageMode: converter.schemaOf('S3ObjectStorageMode'),
          sha256: SHA256_BASE64,
          ...kmsKey,
        },
      },
      {
        title: 'ImageCode',
        required: ['imageUri'],
        members: { imageUri: { type: 'string', minLength: 1, maxLength: 2048 } },
      },
    ],
  );
}

function capacityProviderBinding(converted: JsonSchema): JsonSchema {
  const { capacityProviderArn, ...shared } = converted.properties as Record<string, JsonSchema>;
  if (!capacityProviderArn) throw new Error('aws model binding lacks CapacityProviderArn');
  return exclusiveVariants(
    {
      title: 'LambdaManagedInstancesCapacityProviderConfig',
      description: 'The capacity provider, by ARN or by the name of a CapacityProvider manifest.',
      shared,
    },
    'oneOf',
    [
      {
        title: 'CapacityProviderByArn',
        required: ['capacityProviderArn'],
        members: { capacityProviderArn },
      },
      {
        title: 'CapacityProviderByRef',
        required: ['capacityProviderRef'],
        members: {
          capacityProviderRef: {
            description: 'metadata.name of a CapacityProvider manifest.',
            ...OBJECT_NAME_SCHEMA,
          },
        },
      },
    ],
  );
}

function aliasSchema(converter: ModelConverter): JsonSchema {
  return {
    title: 'FunctionAlias',
    description: 'An alias pointing at a numbered version or at $LATEST.PUBLISHED (Latest).',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'functionVersion'],
    properties: {
      name: converter.schemaOf('Alias'),
      functionVersion: {
        oneOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', enum: ['Latest'] },
        ],
      },
      description: converter.schemaOf('Description'),
    },
  };
}
