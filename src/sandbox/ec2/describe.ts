import type { Account } from '../account.js';
import { SandboxError } from '../errors.js';
import type { Seed } from '../seed.js';
import {
  assertKnownFilters,
  ec2Page,
  matchesFilters,
  tagList,
  type Ec2Filter,
  type FilterFields,
} from './filters.js';
import { lmiInstances, type LmiInstance } from './instances.js';

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

/** A Describe* operation: input members in, output members out (model member names). */
export type Ec2Handler = (account: Account, input: Input) => Output;

function tagsOf(list: { Key: string; Value: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((tag) => [tag.Key, tag.Value]));
}

/** Keeps the items with the requested ids; throws `<code>` for an id that does not exist. */
function byIds<T>(
  items: T[],
  ids: unknown,
  idOf: (item: T) => string,
  code: string,
  what: string,
): T[] {
  if (!Array.isArray(ids)) return items;
  for (const id of ids as string[]) {
    if (!items.some((item) => idOf(item) === id)) {
      throw new SandboxError(code, 400, `The ${what} '${id}' does not exist`);
    }
  }
  return items.filter((item) => (ids as string[]).includes(idOf(item)));
}

function describe<T>(items: T[], input: Input, fields: FilterFields<T>, listName: string): Output {
  assertKnownFilters(input.Filters as Ec2Filter[] | undefined, fields);
  const filtered = items.filter((item) =>
    matchesFilters(item, input.Filters as Ec2Filter[] | undefined, fields, (candidate) =>
      tagsOf((candidate as { Tags?: { Key: string; Value: string }[] }).Tags),
    ),
  );
  const { page, ...rest } = ec2Page(filtered, input.NextToken, input.MaxResults);
  return { [listName]: page, ...rest };
}

function vpcs(seed: Seed) {
  return seed.vpcs.map((vpc) => ({
    VpcId: vpc.vpcId,
    CidrBlock: vpc.cidrBlock,
    IsDefault: vpc.isDefault,
    State: 'available',
    OwnerId: seed.accountId,
    InstanceTenancy: 'default',
    Tags: tagList(vpc.tags),
  }));
}

/** DescribeVpcs (VpcId.N; filters vpc-id, cidr, is-default, state, tag:*, tag-key). */
export const describeVpcs: Ec2Handler = (account, input) => {
  const items = byIds(
    vpcs(account.seed),
    input.VpcIds,
    (v) => v.VpcId,
    'InvalidVpcID.NotFound',
    'vpc ID',
  );
  const fields: FilterFields<ReturnType<typeof vpcs>[number]> = {
    'vpc-id': (vpc) => [vpc.VpcId],
    cidr: (vpc) => [vpc.CidrBlock],
    'cidr-block-association.cidr-block': (vpc) => [vpc.CidrBlock],
    'is-default': (vpc) => [String(vpc.IsDefault)],
    state: (vpc) => [vpc.State],
    'owner-id': (vpc) => [vpc.OwnerId],
  };
  return describe(items, input, fields, 'Vpcs');
};

function subnets(seed: Seed) {
  return seed.subnets.map((subnet) => ({
    SubnetId: subnet.subnetId,
    SubnetArn: `arn:aws:ec2:${seed.region}:${seed.accountId}:subnet/${subnet.subnetId}`,
    VpcId: subnet.vpcId,
    AvailabilityZone: subnet.availabilityZone,
    AvailabilityZoneId: subnet.availabilityZoneId,
    CidrBlock: subnet.cidrBlock,
    AvailableIpAddressCount: subnet.availableIpAddressCount,
    State: 'available',
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    OwnerId: seed.accountId,
    Tags: tagList(subnet.tags),
  }));
}

/**
 * DescribeSubnets (SubnetId.N; filters subnet-id, vpc-id, availability-zone(-id), cidr-block, ...).
 */
export const describeSubnets: Ec2Handler = (account, input) => {
  const all = subnets(account.seed);
  const items = byIds(
    all,
    input.SubnetIds,
    (s) => s.SubnetId,
    'InvalidSubnetID.NotFound',
    'subnet ID',
  );
  const fields: FilterFields<(typeof all)[number]> = {
    'subnet-id': (subnet) => [subnet.SubnetId],
    'vpc-id': (subnet) => [subnet.VpcId],
    'availability-zone': (subnet) => [subnet.AvailabilityZone],
    'availability-zone-id': (subnet) => [subnet.AvailabilityZoneId],
    'cidr-block': (subnet) => [subnet.CidrBlock],
    state: (subnet) => [subnet.State],
    'default-for-az': (subnet) => [String(subnet.DefaultForAz)],
    'owner-id': (subnet) => [subnet.OwnerId],
  };
  return describe(items, input, fields, 'Subnets');
};

function permission(rule: Seed['securityGroups'][number]['ingress'][number]) {
  return {
    IpProtocol: rule.ipProtocol,
    ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort }),
    ...(rule.toPort === undefined ? {} : { ToPort: rule.toPort }),
    IpRanges: rule.cidrIpv4.map((cidr) => ({ CidrIp: cidr })),
    Ipv6Ranges: rule.cidrIpv6.map((cidr) => ({ CidrIpv6: cidr })),
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
}

function securityGroups(seed: Seed) {
  const arnPrefix = `arn:aws:ec2:${seed.region}:${seed.accountId}`;
  return seed.securityGroups.map((group) => ({
    GroupId: group.groupId,
    GroupName: group.groupName,
    Description: group.description,
    VpcId: group.vpcId,
    OwnerId: seed.accountId,
    SecurityGroupArn: `${arnPrefix}:security-group/${group.groupId}`,
    IpPermissions: group.ingress.map(permission),
    IpPermissionsEgress: group.egress.map(permission),
    Tags: tagList(group.tags),
  }));
}

/** DescribeSecurityGroups (GroupId.N, GroupName.N; filters group-id, group-name, vpc-id, ...). */
export const describeSecurityGroups: Ec2Handler = (account, input) => {
  const all = securityGroups(account.seed);
  let items = byIds(
    all,
    input.GroupIds,
    (g) => g.GroupId,
    'InvalidGroup.NotFound',
    'security group',
  );
  items = byIds(
    items,
    input.GroupNames,
    (g) => g.GroupName,
    'InvalidGroup.NotFound',
    'security group',
  );
  const fields: FilterFields<(typeof all)[number]> = {
    'group-id': (group) => [group.GroupId],
    'group-name': (group) => [group.GroupName],
    'vpc-id': (group) => [group.VpcId],
    description: (group) => [group.Description],
    'owner-id': (group) => [group.OwnerId],
    'ip-permission.cidr': (group) =>
      group.IpPermissions.flatMap((p) => p.IpRanges.map((r) => r.CidrIp)),
    'ip-permission.ipv6-cidr': (group) =>
      group.IpPermissions.flatMap((p) => p.Ipv6Ranges.map((r) => r.CidrIpv6)),
  };
  return describe(items, input, fields, 'SecurityGroups');
};

function instanceTypes(seed: Seed) {
  return seed.instanceTypes.map((type) => ({
    InstanceType: type.instanceType,
    CurrentGeneration: true,
    SupportedUsageClasses: ['on-demand', 'spot'],
    ProcessorInfo: { SupportedArchitectures: [type.architecture] },
    VCpuInfo: { DefaultVCpus: type.vCpus },
    MemoryInfo: { SizeInMiB: type.memoryMiB },
    Hypervisor: 'nitro',
  }));
}

/** DescribeInstanceTypes (InstanceType.N; filters instance-type, architecture, vcpus, memory). */
export const describeInstanceTypes: Ec2Handler = (account, input) => {
  const all = instanceTypes(account.seed);
  const items = byIds(
    all,
    input.InstanceTypes,
    (t) => t.InstanceType,
    'InvalidInstanceType',
    'instance type',
  );
  const fields: FilterFields<(typeof all)[number]> = {
    'instance-type': (type) => [type.InstanceType],
    'processor-info.supported-architecture': (type) => type.ProcessorInfo.SupportedArchitectures,
    'vcpu-info.default-vcpus': (type) => [String(type.VCpuInfo.DefaultVCpus)],
    'memory-info.size-in-mib': (type) => [String(type.MemoryInfo.SizeInMiB)],
    'current-generation': () => ['true'],
  };
  return describe(items, input, fields, 'InstanceTypes');
};

function offerings(seed: Seed, locationType: string) {
  const zoneIds = new Map(seed.subnets.map((s) => [s.availabilityZone, s.availabilityZoneId]));
  const perZone = Object.entries(seed.instanceTypeOfferings);
  if (locationType === 'region') {
    const types = [...new Set(perZone.flatMap(([, list]) => list))].sort();
    return types.map((type) => ({
      InstanceType: type,
      Location: seed.region,
      LocationType: 'region',
    }));
  }
  return perZone.flatMap(([zone, types]) =>
    types.map((type) => ({
      InstanceType: type,
      Location: locationType === 'availability-zone-id' ? (zoneIds.get(zone) ?? zone) : zone,
      LocationType: locationType,
    })),
  );
}

/** DescribeInstanceTypeOfferings (LocationType region | availability-zone(-id); filters). */
export const describeInstanceTypeOfferings: Ec2Handler = (account, input) => {
  const locationType = (input.LocationType as string | undefined) ?? 'region';
  const items = offerings(account.seed, locationType);
  const fields: FilterFields<(typeof items)[number]> = {
    'instance-type': (offering) => [offering.InstanceType],
    location: (offering) => [offering.Location],
  };
  return describe(items, input, fields, 'InstanceTypeOfferings');
};

/**
 * DescribeInstances: the LMI instances, one reservation each (filters by id, type, zone, tags).
 * Limitation: IncludeManagedResources is ignored; managed instances are always listed.
 */
export const describeInstances: Ec2Handler = (account, input) => {
  const all = lmiInstances(account);
  const items = byIds(
    all,
    input.InstanceIds,
    (i) => i.InstanceId,
    'InvalidInstanceID.NotFound',
    'instance ID',
  );
  const fields: FilterFields<LmiInstance> = {
    'instance-id': (instance) => [instance.InstanceId],
    'instance-type': (instance) => [instance.InstanceType],
    'availability-zone': (instance) => [instance.Placement.AvailabilityZone],
    'subnet-id': (instance) => [instance.SubnetId],
    'vpc-id': (instance) => [instance.VpcId],
    'instance-state-name': () => ['running'],
  };
  const { Instances, ...rest } = describe(items, input, fields, 'Instances');
  const reservations = (Instances as LmiInstance[]).map((instance) => ({
    ReservationId: `r-0${instance.InstanceId.slice(3)}`,
    OwnerId: account.seed.accountId,
    RequesterId: 'lambda.amazonaws.com',
    Instances: [instance],
  }));
  return { Reservations: reservations, ...rest };
};

/** The EC2 operations the sandbox serves. */
export const EC2_HANDLERS: Record<string, Ec2Handler> = {
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
  DescribeInstances: describeInstances,
};
