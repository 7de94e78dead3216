import type { Account, ApiObject, FunctionRecord } from '../account.js';
import { conflict, invalidParameter, SandboxError } from '../errors.js';
import { codeFacts } from './code.js';
import type { LambdaHandler } from './handler.js';
import { assertLmiConfiguration, assertRoomForVersion, lmiBinding } from './lmi-rules.js';
import {
  assertChangeable,
  configurationOf,
  findFunction,
  lastModified,
  pageOf,
  parseFunctionRef,
  qualifierOf,
} from './lookup.js';
import { publicView, publish } from './publishing.js';

/** Members of CreateFunction that are copied into the configuration as they are. */
const PLAIN_MEMBERS = [
  'Runtime',
  'Role',
  'Handler',
  'Description',
  'Timeout',
  'MemorySize',
  'KMSKeyArn',
  'TracingConfig',
  'DeadLetterConfig',
  'EphemeralStorage',
  'FileSystemConfigs',
  'LoggingConfig',
  'CapacityProviderConfig',
  'Architectures',
  'SnapStart',
  'DurableConfig',
  'TenancyConfig',
] as const;

/** CreateFunction: a new `$LATEST` in state Pending, optionally published at once. */
export const createFunction: LambdaHandler = ({ account, input }) => {
  const name = parseFunctionRef(String(input.FunctionName)).name;
  if (account.state.functions[name]) {
    throw conflict(`Function already exist: ${name}`);
  }
  const latest = initialConfiguration(account, name, input);
  assertLmiConfiguration(account, latest);
  assertPublishTarget(latest, input);
  assertRoomForVersion(account, latest);

  const fn: FunctionRecord = {
    name,
    latest,
    versions: {},
    nextVersion: 1,
    aliases: {},
    urls: {},
    scaling: {},
    code: codeFacts(account.seed, input.Code as ApiObject).location,
  };
  account.state.functions[name] = fn;
  const tags = input.Tags as Record<string, string> | undefined;
  if (tags && Object.keys(tags).length > 0)
    account.state.tags[String(latest.FunctionArn)] = { ...tags };
  account.schedule('function-active', name, account.timing.functionActivationMs);
  publishOnRequest(account, fn, input, account.timing.functionActivationMs);
  return { body: publicView(latest) };
};

function initialConfiguration(account: Account, name: string, input: ApiObject): ApiObject {
  const code = codeFacts(account.seed, input.Code as ApiObject);
  const packageType = (input.PackageType as string | undefined) ?? code.packageType;
  if (packageType === 'Zip' && (input.Runtime === undefined || input.Handler === undefined)) {
    throw invalidParameter(
      'Runtime and Handler are mandatory parameters for functions created with Zip Archive',
    );
  }
  if (!account.seed.roles.includes(String(input.Role))) {
    throw invalidParameter('The role defined for the function cannot be assumed by Lambda.');
  }
  const lmi = lmiBinding(input) !== undefined;
  const config: ApiObject = {
    FunctionName: name,
    FunctionArn: account.arn('function', name),
    Description: '',
    Timeout: 3,
    MemorySize: lmi ? 2048 : 128,
    TracingConfig: { Mode: 'PassThrough' },
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    PackageType: packageType,
    Version: '$LATEST',
    State: 'Pending',
    StateReason: 'The function is being created.',
    StateReasonCode: 'Creating',
    LastUpdateStatus: 'Successful',
    CodeSha256: code.sha256,
    CodeSize: code.size,
    RevisionId: account.revision(),
    LastModified: lastModified(account.now()),
  };
  for (const member of PLAIN_MEMBERS) {
    if (input[member] !== undefined) config[member] = structuredClone(input[member]);
  }
  applyEnvironmentAndVpc(account, config, input);
  return config;
}

function applyEnvironmentAndVpc(account: Account, config: ApiObject, input: ApiObject): void {
  const environment = input.Environment as ApiObject | undefined;
  if (environment) config.Environment = { Variables: { ...(environment.Variables as object) } };
  const vpc = input.VpcConfig as ApiObject | undefined;
  if (vpc) {
    const subnetIds = (vpc.SubnetIds as string[] | undefined) ?? [];
    const subnet = account.seed.subnets.find((candidate) => subnetIds.includes(candidate.subnetId));
    config.VpcConfig = { ...vpc, VpcId: subnet?.vpcId ?? '' };
  }
  if (Array.isArray(input.Layers)) {
    config.Layers = (input.Layers as string[]).map((arn) => ({ Arn: arn, CodeSize: 0 }));
  }
  if (input.ImageConfig !== undefined)
    config.ImageConfigResponse = { ImageConfig: input.ImageConfig };
}

/** Throws before any change when PublishTo LATEST_PUBLISHED is asked of a classic function. */
function assertPublishTarget(config: ApiObject, input: ApiObject): void {
  if (input.PublishTo === 'LATEST_PUBLISHED' && !lmiBinding(config)) {
    throw invalidParameter('PublishTo LATEST_PUBLISHED needs a function on a capacity provider');
  }
}

/** Publishes after a create or code update when the request asked for it (Publish, PublishTo). */
function publishOnRequest(account: Account, fn: FunctionRecord, input: ApiObject, afterMs: number) {
  if (input.PublishTo === 'LATEST_PUBLISHED') {
    publish(account, fn, 'latest-published', undefined, afterMs);
  }
  if (input.Publish === true) publish(account, fn, 'numbered', undefined, afterMs);
}

/** GetFunction: configuration, code location, tags (and reserved concurrency when set). */
export const getFunction: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const config = configurationOf(fn, qualifierOf(input));
  const tags = account.state.tags[String(fn.latest.FunctionArn)] ?? {};
  return { body: { Configuration: publicView(config), Code: fn.code, Tags: tags } };
};

/** GetFunctionConfiguration for `$LATEST`, a version, `$LATEST.PUBLISHED` or an alias. */
export const getFunctionConfiguration: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  return { body: publicView(configurationOf(fn, qualifierOf(input))) };
};

/** ListFunctions: every `$LATEST` by name (with FunctionVersion=ALL, every version too), paged. */
export const listFunctions: LambdaHandler = ({ account, input }) => {
  const functions = Object.values(account.state.functions).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const all = functions.flatMap((fn) =>
    input.FunctionVersion === 'ALL' ? [fn.latest, ...Object.values(fn.versions)] : [fn.latest],
  );
  const { page, nextMarker } = pageOf(all.map(publicView), input.Marker, input.MaxItems);
  return { body: { Functions: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) } };
};

/** Starts an update of `$LATEST`: LastUpdateStatus InProgress until `functionUpdateMs` passes. */
function beginUpdate(account: Account, fn: FunctionRecord): void {
  Object.assign(fn.latest, {
    LastUpdateStatus: 'InProgress',
    LastUpdateStatusReason: 'The function is being updated.',
    LastUpdateStatusReasonCode: 'Updating',
    RevisionId: account.revision(),
    LastModified: lastModified(account.now()),
  });
  account.schedule('update-done', fn.name, account.timing.functionUpdateMs);
}

function assertRevision(fn: FunctionRecord, input: ApiObject): void {
  if (input.RevisionId !== undefined && input.RevisionId !== fn.latest.RevisionId) {
    throw new SandboxError(
      'PreconditionFailedException',
      412,
      'The Revision Id provided does not match the latest Revision Id. Call the ' +
        'GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  }
}

/** UpdateFunctionConfiguration: merges the given members; the LMI binding cannot come or go. */
export const updateFunctionConfiguration: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  assertChangeable(fn);
  assertRevision(fn, input);
  if (input.CapacityProviderConfig !== undefined && !lmiBinding(fn.latest)) {
    throw invalidParameter('a capacity provider cannot be added to an existing function');
  }
  const next = structuredClone(fn.latest);
  for (const member of PLAIN_MEMBERS) {
    if (input[member] !== undefined) next[member] = structuredClone(input[member]);
  }
  applyEnvironmentAndVpc(account, next, input);
  assertLmiConfiguration(account, next);

  fn.latest = next;
  beginUpdate(account, fn);
  return { body: publicView(fn.latest) };
};

/** UpdateFunctionCode: new code hash, then optional publish once the update is done. */
export const updateFunctionCode: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  assertChangeable(fn);
  assertRevision(fn, input);
  const code = codeFacts(account.seed, input);
  assertPublishTarget(fn.latest, input);
  if (input.DryRun === true) return { body: publicView(fn.latest) };

  Object.assign(fn.latest, { CodeSha256: code.sha256, CodeSize: code.size });
  if (Array.isArray(input.Architectures)) fn.latest.Architectures = input.Architectures;
  fn.code = code.location;
  beginUpdate(account, fn);
  publishOnRequest(account, fn, input, account.timing.functionUpdateMs);
  return { body: publicView(fn.latest) };
};

/**
 * DeleteFunction: a version with Qualifier, else the whole function. LMI functions answer 202 and
 * stay Deleting for `functionDeletionMs`; classic ones are gone at once (204).
 */
export const deleteFunction: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const qualifier = qualifierOf(input);
  if (qualifier !== undefined && qualifier !== '$LATEST') return deleteVersion(fn, qualifier);
  if (fn.latest.State === 'Deleting') return { status: 202 };
  assertChangeable(fn);
  if (!lmiBinding(fn.latest)) {
    account.removeFunction(fn);
    return { status: 204 };
  }
  Object.assign(fn.latest, { State: 'Deleting', StateReason: 'The function is being deleted.' });
  for (const version of Object.values(fn.versions)) version.State = 'Deleting';
  account.schedule('function-gone', fn.name, account.timing.functionDeletionMs);
  return { status: 202 };
};

function deleteVersion(fn: FunctionRecord, qualifier: string) {
  configurationOf(fn, qualifier);
  const aliased = Object.values(fn.aliases).some((alias) => alias.FunctionVersion === qualifier);
  if (aliased) {
    throw conflict(`Unable to delete version because the following aliases reference it`);
  }
  delete fn.versions[qualifier];
  delete fn.scaling[qualifier];
  return { status: 204 };
}
