import type { ApiObject, FunctionRecord } from '../account.js';
import { invalidParameter, notFound, SandboxError } from '../errors.js';
import type { LambdaHandler } from './handler.js';
import { lmiBinding } from './lmi-rules.js';
import { findFunction } from './lookup.js';

/**
 * The floor AWS applies to a published LMI version with no scaling config of its own.
 * Limitation: AWS's applied maximum without a request is not documented, so none is reported.
 */
const DEFAULT_SCALING: ApiObject = { MinExecutionEnvironments: 3 };

function publishedVersion(fn: FunctionRecord, qualifier: string): ApiObject {
  if (!lmiBinding(fn.latest)) {
    throw new SandboxError(
      'AccessDeniedException',
      403,
      'function scaling config applies only to functions on a capacity provider',
    );
  }
  const version = fn.versions[qualifier];
  if (!version) throw notFound(`Function not found: ${String(fn.latest.FunctionArn)}:${qualifier}`);
  return version;
}

/**
 * PutFunctionScalingConfig: per published version. 0/0 deactivates the version; a non-zero max
 * brings a deactivated one back. Settings on `$LATEST.PUBLISHED` survive later publishes.
 */
export const putFunctionScalingConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const qualifier = String(input.Qualifier);
  const version = publishedVersion(fn, qualifier);
  const config = (input.FunctionScalingConfig as ApiObject | undefined) ?? {};
  const min = config.MinExecutionEnvironments as number | undefined;
  const max = config.MaxExecutionEnvironments as number | undefined;
  if (min !== undefined && max !== undefined && min > max) {
    throw invalidParameter('MinExecutionEnvironments cannot exceed MaxExecutionEnvironments');
  }
  fn.scaling[qualifier] = { ...config };
  if (min === 0 && max === 0) version.State = 'Deactivated';
  else if (version.State === 'Deactivated') version.State = 'Active';
  return { body: { FunctionState: version.State } };
};

/** GetFunctionScalingConfig: what was requested and what applies (the default when unset). */
export const getFunctionScalingConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const qualifier = String(input.Qualifier);
  const version = publishedVersion(fn, qualifier);
  const requested = fn.scaling[qualifier];
  return {
    body: {
      FunctionArn: version.FunctionArn,
      AppliedFunctionScalingConfig: { ...DEFAULT_SCALING, ...requested },
      ...(requested ? { RequestedFunctionScalingConfig: requested } : {}),
    },
  };
};
