import lambdaModelJson from '../aws-model/generated/lambda.json' with { type: 'json' };
import ec2ModelJson from '../aws-model/generated/ec2.json' with { type: 'json' };

/** A member of a structure shape, as the botocore model writes it. */
export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  queryName?: string;
}

/** A shape of the botocore model: only the fields the sandbox reads. */
export interface Shape {
  type: string;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  error?: { httpStatusCode: number };
}

/** An operation of the botocore model. */
export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  readonly?: boolean;
}

/** The slice of a botocore service model the sandbox serves from. */
export interface ServiceModel {
  metadata: Record<string, unknown>;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/**
 * The Lambda model extracted from botocore; routes, constraints and error statuses come from it.
 */
export const LAMBDA_MODEL = lambdaModelJson as unknown as ServiceModel;

/** The EC2 model extracted from botocore; query names and XML element names come from it. */
export const EC2_MODEL = ec2ModelJson as unknown as ServiceModel;

/** The named shape; throws when the model lacks it, which is a defect of the extracted model. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`model has no shape ${name}`);
  return shape;
}

/** True when the operation changes state (the model marks reads as readonly). */
export function isWriteOperation(operation: Operation): boolean {
  return operation.readonly !== true && !/^(Get|List|Describe)/.test(operation.name);
}
