import type { Account, ApiObject, ProviderRecord } from '../account.js';
import { conflict, invalidParameter, SandboxError } from '../errors.js';
import type { LambdaHandler } from './handler.js';
import { versionsOnProvider } from './lmi-rules.js';
import { findProvider, lastModified, pageOf } from './lookup.js';

/** AWS's per-account limit of capacity providers. */
const MAX_PROVIDERS = 1000;

/** Members fixed at creation: changing them means replacing the provider. */
const CREATE_ONLY = [
  'VpcConfig',
  'InstanceRequirements',
  'PermissionsConfig',
  'KmsKeyArn',
  'Tags',
  'CapacityProviderName',
];

/** Checks the semantic rules the shapes cannot express; throws InvalidParameterValueException. */
function assertProviderRules(input: ApiObject): void {
  const requirements = input.InstanceRequirements as ApiObject | undefined;
  const allowed = requirements?.AllowedInstanceTypes as string[] | undefined;
  const excluded = requirements?.ExcludedInstanceTypes as string[] | undefined;
  if (allowed?.length && excluded?.length) {
    throw invalidParameter('AllowedInstanceTypes and ExcludedInstanceTypes cannot both be set');
  }
  assertScalingRules(input.CapacityProviderScalingConfig as ApiObject | undefined);
}

function assertScalingRules(scaling: ApiObject | undefined): void {
  if (!scaling) return;
  const policies = scaling.ScalingPolicies as unknown[] | undefined;
  const mode = (scaling.ScalingMode as string | undefined) ?? 'Auto';
  if (mode === 'Auto' && policies?.length) {
    throw invalidParameter('ScalingPolicies can only be set when ScalingMode is Manual');
  }
  if (mode === 'Manual' && !policies?.length) {
    throw invalidParameter('ScalingMode Manual needs at least one scaling policy');
  }
}

/**
 * Why a provider with this network cannot come up, or undefined when its subnets and security
 * groups exist in the seed and share one VPC.
 */
function networkProblem(account: Account, vpcConfig: ApiObject): string | undefined {
  const subnetIds = (vpcConfig.SubnetIds as string[] | undefined) ?? [];
  const groupIds = (vpcConfig.SecurityGroupIds as string[] | undefined) ?? [];
  const subnets = subnetIds.map((id) => account.seed.subnets.find((s) => s.subnetId === id));
  const missingSubnet = subnetIds.find((_, index) => subnets[index] === undefined);
  if (missingSubnet) return `InvalidSubnet: subnet ${missingSubnet} does not exist`;
  const groups = groupIds.map((id) => account.seed.securityGroups.find((g) => g.groupId === id));
  const missingGroup = groupIds.find((_, index) => groups[index] === undefined);
  if (missingGroup) return `InvalidSecurityGroup: security group ${missingGroup} does not exist`;
  const vpcs = new Set([...subnets, ...groups].map((item) => item?.vpcId));
  if (vpcs.size > 1) return 'InvalidConfiguration: subnets and security groups span several VPCs';
  return undefined;
}

/** The API view of a new provider: Pending, with AWS's defaults filled in. */
function initialView(account: Account, arn: string, input: ApiObject): ApiObject {
  const providerView: ApiObject = {
    CapacityProviderArn: arn,
    State: 'Pending',
    VpcConfig: { SecurityGroupIds: [], ...(input.VpcConfig as ApiObject) },
    PermissionsConfig: input.PermissionsConfig,
    InstanceRequirements: { Architectures: ['x86_64'], ...(input.InstanceRequirements as object) },
    CapacityProviderScalingConfig: {
      ScalingMode: 'Auto',
      MaxVCpuCount: 400,
      ...(input.CapacityProviderScalingConfig as object),
    },
    LastModified: lastModified(account.now()),
  };
  for (const member of ['KmsKeyArn', 'PropagateTags', 'TelemetryConfig']) {
    if (input[member] !== undefined) providerView[member] = input[member];
  }
  return providerView;
}

/** CreateCapacityProvider: 202 with the provider Pending; Active (or Failed) after a delay. */
export const createCapacityProvider: LambdaHandler = ({ account, input }) => {
  const name = String(input.CapacityProviderName);
  if (account.state.providers[name]) throw conflict(`Capacity provider already exists: ${name}`);
  if (Object.keys(account.state.providers).length >= MAX_PROVIDERS) {
    throw new SandboxError(
      'CapacityProviderLimitExceededException',
      400,
      'capacity provider limit reached',
    );
  }
  assertProviderRules(input);

  const arn = account.arn('capacity-provider', name);
  const providerView = initialView(account, arn, input);
  const provider: ProviderRecord = { name, view: providerView };
  const problem = networkProblem(account, input.VpcConfig as ApiObject);
  if (problem) provider.stateReason = problem;
  account.state.providers[name] = provider;

  const tags = input.Tags as Record<string, string> | undefined;
  if (tags && Object.keys(tags).length > 0) account.state.tags[arn] = { ...tags };
  account.schedule('provider-active', name, account.timing.providerActivationMs);
  return { body: { CapacityProvider: provider.view } };
};

/** GetCapacityProvider by name or ARN. */
export const getCapacityProvider: LambdaHandler = ({ account, input }) => {
  const provider = findProvider(account, String(input.CapacityProviderName));
  return { body: { CapacityProvider: provider.view } };
};

/** UpdateCapacityProvider: scaling, PropagateTags and TelemetryConfig only; 202. */
export const updateCapacityProvider: LambdaHandler = ({ account, input, bodyMembers }) => {
  const provider = findProvider(account, String(input.CapacityProviderName));
  const createOnly = bodyMembers.find((member) => CREATE_ONLY.includes(member));
  if (createOnly) {
    throw invalidParameter(
      `${createOnly} cannot be updated; delete and create the capacity provider`,
    );
  }
  if (provider.view.State !== 'Active') {
    throw conflict(`capacity provider is ${String(provider.view.State)}, not Active`);
  }
  const scaling = input.CapacityProviderScalingConfig as ApiObject | undefined;
  if (scaling) {
    const merged = { ...(provider.view.CapacityProviderScalingConfig as object), ...scaling };
    if (scaling.ScalingMode === 'Auto') delete merged.ScalingPolicies;
    assertScalingRules(merged);
    provider.view.CapacityProviderScalingConfig = merged;
  }
  for (const member of ['PropagateTags', 'TelemetryConfig']) {
    if (input[member] !== undefined) provider.view[member] = input[member];
  }
  provider.view.LastModified = lastModified(account.now());
  return { body: { CapacityProvider: provider.view } };
};

/** DeleteCapacityProvider: refused while function versions use it; else Deleting, then gone. */
export const deleteCapacityProvider: LambdaHandler = ({ account, input }) => {
  const provider = findProvider(account, String(input.CapacityProviderName));
  const attached = versionsOnProvider(account, String(provider.view.CapacityProviderArn));
  if (attached.length > 0) {
    throw conflict(
      `capacity provider ${provider.name} still has ${attached.length} function versions attached`,
    );
  }
  if (provider.view.State !== 'Deleting') {
    provider.view.State = 'Deleting';
    account.schedule('provider-gone', provider.name, account.timing.providerDeletionMs);
  }
  return { body: { CapacityProvider: provider.view } };
};

/** ListCapacityProviders, optionally by State, by name, paged (MaxItems at most 50). */
export const listCapacityProviders: LambdaHandler = ({ account, input }) => {
  const providers = Object.values(account.state.providers)
    .filter((provider) => input.State === undefined || provider.view.State === input.State)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((provider) => provider.view);
  const { page, nextMarker } = pageOf(providers, input.Marker, input.MaxItems);
  return { body: { CapacityProviders: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) } };
};

/** ListFunctionVersionsByCapacityProvider: `{FunctionArn, State}` of every attached version. */
export const listFunctionVersionsByCapacityProvider: LambdaHandler = ({ account, input }) => {
  const provider = findProvider(account, String(input.CapacityProviderName));
  const arn = String(provider.view.CapacityProviderArn);
  const items = versionsOnProvider(account, arn).map(({ config }) => ({
    FunctionArn:
      config.Version === '$LATEST' ? `${String(config.FunctionArn)}:$LATEST` : config.FunctionArn,
    State: config.State,
  }));
  const { page, nextMarker } = pageOf(items, input.Marker, input.MaxItems);
  return {
    body: {
      CapacityProviderArn: arn,
      FunctionVersions: page,
      ...(nextMarker ? { NextMarker: nextMarker } : {}),
    },
  };
};
