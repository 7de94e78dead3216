import { createHash } from 'node:crypto';
import type { Account, ApiObject, ProviderRecord } from '../account.js';
import { versionsOnProvider } from '../lambda/lmi-rules.js';
import type { Seed } from '../seed.js';
import { wildcard } from './filters.js';

/** Instances LMI launches per provider once a version is published (spread across zones). */
const INSTANCES_PER_PROVIDER = 3;

/** The tag LMI puts on the instances of a capacity provider. */
export const CAPACITY_PROVIDER_TAG = 'aws:lambda:capacity-provider';

/** A derived LMI instance, in the EC2 API's member names. */
export type LmiInstance = ApiObject & {
  InstanceId: string;
  InstanceType: string;
  SubnetId: string;
  VpcId: string;
  Placement: { AvailabilityZone: string };
  Tags: { Key: string; Value: string }[];
};

function hasRunningVersion(account: Account, provider: ProviderRecord): boolean {
  const arn = String(provider.view.CapacityProviderArn);
  return versionsOnProvider(account, arn).some(
    ({ config }) => config.Version !== '$LATEST' && config.State === 'Active',
  );
}

/** The smallest catalogue type offered in the zone that the provider's requirements allow. */
function instanceTypeFor(
  seed: Seed,
  provider: ProviderRecord,
  zone: string,
): Seed['instanceTypes'][number] | undefined {
  const requirements = (provider.view.InstanceRequirements ?? {}) as ApiObject;
  const architecture = (requirements.Architectures as string[] | undefined)?.[0] ?? 'x86_64';
  const allowed = (requirements.AllowedInstanceTypes as string[] | undefined)?.map(wildcard);
  const excluded =
    (requirements.ExcludedInstanceTypes as string[] | undefined)?.map(wildcard) ?? [];
  const offered = new Set(seed.instanceTypeOfferings[zone] ?? []);
  return seed.instanceTypes
    .filter((type) => type.architecture === architecture && offered.has(type.instanceType))
    .filter((type) => !allowed || allowed.some((pattern) => pattern.test(type.instanceType)))
    .filter((type) => !excluded.some((pattern) => pattern.test(type.instanceType)))
    .sort((a, b) => a.vCpus - b.vCpus || a.instanceType.localeCompare(b.instanceType))[0];
}

/**
 * The instances LMI would run now: three per Active provider with at least one Active published
 * version, round-robin over its subnets, with deterministic ids. Limitation: no real capacity
 * model; the count does not follow load, scaling config or MaxVCpuCount.
 */
export function lmiInstances(account: Account): LmiInstance[] {
  const instances: LmiInstance[] = [];
  for (const provider of Object.values(account.state.providers)) {
    if (provider.view.State !== 'Active' || !hasRunningVersion(account, provider)) continue;
    const vpc = provider.view.VpcConfig as { SubnetIds: string[]; SecurityGroupIds: string[] };
    for (let index = 0; index < INSTANCES_PER_PROVIDER; index += 1) {
      const subnetId = vpc.SubnetIds[index % vpc.SubnetIds.length] ?? '';
      const instance = instanceOf(account, provider, subnetId, index);
      if (instance) instances.push(instance);
    }
  }
  return instances;
}

function instanceOf(account: Account, provider: ProviderRecord, subnetId: string, index: number) {
  const subnet = account.seed.subnets.find((candidate) => candidate.subnetId === subnetId);
  if (!subnet) return undefined;
  const type = instanceTypeFor(account.seed, provider, subnet.availabilityZone);
  if (!type) return undefined;
  const arn = String(provider.view.CapacityProviderArn);
  const digest = createHash('sha256').update(`${arn}#${index}`).digest('hex');
  const groups = (provider.view.VpcConfig as { SecurityGroupIds: string[] }).SecurityGroupIds;
  const instance: LmiInstance = {
    InstanceId: `i-0${digest.slice(0, 16)}`,
    InstanceType: type.instanceType,
    Architecture: type.architecture,
    ImageId: 'ami-0c0ffee0000lmi001',
    State: { Code: 16, Name: 'running' },
    Placement: { AvailabilityZone: subnet.availabilityZone },
    SubnetId: subnet.subnetId,
    VpcId: subnet.vpcId,
    PrivateIpAddress: `10.20.${index}.${(Number.parseInt(digest.slice(0, 2), 16) % 250) + 4}`,
    LaunchTime: new Date(
      Date.parse(String(provider.view.LastModified).replace('+0000', 'Z')),
    ).toISOString(),
    SecurityGroups: groups.map((groupId) => ({ GroupId: groupId })),
    Tags: [{ Key: CAPACITY_PROVIDER_TAG, Value: arn }],
    Operator: { Managed: true, Principal: 'lambda.amazonaws.com' },
  };
  return instance;
}
