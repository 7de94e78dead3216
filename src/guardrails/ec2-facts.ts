import {
  paginateDescribeInstanceTypeOfferings,
  paginateDescribeInstanceTypes,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  type Filter,
  type InstanceTypeInfo,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/clients.js';
import { withRetry, type RetryPolicy } from '../aws/retry.js';
import type { Logger } from '../logging/logger.js';
import type { DesiredState } from '../manifests/types.js';
import { allowedTypesOf, architectureOf } from './provider-spec.js';
import { familyOf, LMI_FAMILY_PATTERNS } from './instance-types.js';

/** A subnet as the guardrails need it. */
export interface SubnetFacts {
  vpcId: string;
  availabilityZone: string;
}

/** A security group as the guardrails need it. */
export interface SecurityGroupFacts {
  vpcId: string;
  /** True when any inbound rule admits 0.0.0.0/0 or ::/0. */
  openIngress: boolean;
  /** The open inbound rules, described for a reader (`tcp 443 from ::/0`). */
  openIngressRules: string[];
}

/** An instance type of the catalogue (DescribeInstanceTypes). */
export interface InstanceTypeFacts {
  /** `x86_64` or `arm64`. */
  architecture: string;
  family: string;
  vCpus: number;
}

/**
 * The EC2 facts the guardrails check capacity providers against, limited to what the declared
 * providers reference. Ids and zones that EC2 does not know are simply absent from the maps.
 */
export interface Ec2Facts {
  /** By subnet id. */
  subnets: Map<string, SubnetFacts>;
  /** By security group id. */
  securityGroups: Map<string, SecurityGroupFacts>;
  /** By instance type name; LMI-launchable families of the architectures in use only. */
  instanceTypes: Map<string, InstanceTypeFacts>;
  /** Instance types offered in each availability zone of the providers' subnets. */
  offerings: Map<string, Set<string>>;
}

/** Options of `readEc2Facts`. */
export interface ReadEc2FactsOptions {
  logger?: Logger;
  signal?: AbortSignal;
  policy?: RetryPolicy;
}

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES_MAX = 200;

/**
 * Reads the subnets, security groups, instance-type catalogue and zone offerings that the desired
 * capacity providers reference, in a handful of paginated describe calls filtered to what is in
 * use. Makes no call for a kind of fact nothing references. Throws the `TerminalError` or
 * `RetryableError` of `withRetry` when EC2 cannot be read; never writes.
 */
export async function readEc2Facts(
  clients: AwsClients,
  desired: DesiredState,
  options: ReadEc2FactsOptions = {},
): Promise<Ec2Facts> {
  const specs = desired.capacityProviders.map((provider) => provider.spec);
  const subnetIds = unique(specs.flatMap((spec) => spec.vpcConfig.subnetIds));
  const groupIds = unique(specs.flatMap((spec) => spec.vpcConfig.securityGroupIds));
  const reader = new FactReader(clients, options);

  const [subnets, securityGroups] = await Promise.all([
    reader.subnets(subnetIds),
    reader.securityGroups(groupIds),
  ]);

  // The catalogue is filtered per architecture to the patterns providers of it may launch.
  const patternsByArchitecture = catalogueQueries(desired);
  const zones = unique([...subnets.values()].map((subnet) => subnet.availabilityZone));
  const allPatterns = unique([...patternsByArchitecture.values()].flat());
  const [instanceTypes, offerings] = await Promise.all([
    reader.instanceTypes(patternsByArchitecture),
    reader.offerings(zones, allPatterns),
  ]);
  return { subnets, securityGroups, instanceTypes, offerings };
}

/**
 * The instance-type patterns worth reading per architecture: the allowed types of providers that
 * list them, or every LMI family where a provider of that architecture may launch any type.
 */
function catalogueQueries(desired: DesiredState): Map<string, string[]> {
  const queries = new Map<string, Set<string>>();
  for (const { spec } of desired.capacityProviders) {
    const architecture = architectureOf(spec);
    const patterns = queries.get(architecture) ?? new Set<string>();
    for (const pattern of allowedTypesOf(spec) ?? LMI_FAMILY_PATTERNS) patterns.add(pattern);
    queries.set(architecture, patterns);
  }
  return new Map([...queries].map(([architecture, set]) => [architecture, [...set]]));
}

/** One describe per kind of fact, each a full pagination retried as a whole. */
class FactReader {
  constructor(
    private readonly clients: AwsClients,
    private readonly options: ReadEc2FactsOptions,
  ) {}

  async subnets(ids: string[]): Promise<Map<string, SubnetFacts>> {
    const found = new Map<string, SubnetFacts>();
    for (const chunk of chunks(ids)) {
      const pages = await this.collect('describe subnets', (client) =>
        paginateDescribeSubnets(
          { client, pageSize: 1000 },
          { Filters: [{ Name: 'subnet-id', Values: chunk }] },
        ),
      );
      for (const subnet of pages.flatMap((page) => page.Subnets ?? [])) {
        if (subnet.SubnetId === undefined) continue;
        found.set(subnet.SubnetId, {
          vpcId: subnet.VpcId ?? '',
          availabilityZone: subnet.AvailabilityZone ?? '',
        });
      }
    }
    return found;
  }

  async securityGroups(ids: string[]): Promise<Map<string, SecurityGroupFacts>> {
    const found = new Map<string, SecurityGroupFacts>();
    for (const chunk of chunks(ids)) {
      const pages = await this.collect('describe security groups', (client) =>
        paginateDescribeSecurityGroups(
          { client, pageSize: 1000 },
          { Filters: [{ Name: 'group-id', Values: chunk }] },
        ),
      );
      for (const group of pages.flatMap((page) => page.SecurityGroups ?? [])) {
        if (group.GroupId !== undefined) found.set(group.GroupId, securityGroupFacts(group));
      }
    }
    return found;
  }

  async instanceTypes(queries: Map<string, string[]>): Promise<Map<string, InstanceTypeFacts>> {
    const found = new Map<string, InstanceTypeFacts>();
    for (const [architecture, patterns] of queries) {
      for (const chunk of chunks(patterns)) {
        const filters: Filter[] = [
          { Name: 'processor-info.supported-architecture', Values: [architecture] },
          { Name: 'instance-type', Values: chunk },
        ];
        const pages = await this.collect('describe instance types', (client) =>
          paginateDescribeInstanceTypes({ client, pageSize: 100 }, { Filters: filters }),
        );
        for (const info of pages.flatMap((page) => page.InstanceTypes ?? [])) {
          const facts = instanceTypeFacts(info, architecture);
          if (facts !== undefined) found.set(facts[0], facts[1]);
        }
      }
    }
    return found;
  }

  async offerings(zones: string[], patterns: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>(zones.map((zone) => [zone, new Set<string>()]));
    if (zones.length === 0) return found;
    for (const chunk of chunks(patterns)) {
      const filters: Filter[] = [
        { Name: 'location', Values: zones },
        { Name: 'instance-type', Values: chunk },
      ];
      const pages = await this.collect('describe instance type offerings', (client) =>
        paginateDescribeInstanceTypeOfferings(
          { client, pageSize: 1000 },
          { LocationType: 'availability-zone', Filters: filters },
        ),
      );
      for (const offering of pages.flatMap((page) => page.InstanceTypeOfferings ?? [])) {
        const { Location: zone, InstanceType: type } = offering;
        if (zone !== undefined && type !== undefined) found.get(zone)?.add(type);
      }
    }
    return found;
  }

  private collect<Page>(
    what: string,
    paginate: (client: AwsClients['ec2']) => AsyncIterable<Page>,
  ): Promise<Page[]> {
    const { logger, signal, policy } = this.options;
    return withRetry(
      what,
      async () => {
        const pages: Page[] = [];
        for await (const page of paginate(this.clients.ec2)) pages.push(page);
        return pages;
      },
      {
        ...(logger ? { logger } : {}),
        ...(signal ? { signal } : {}),
        ...(policy ? { policy } : {}),
      },
    );
  }
}

function securityGroupFacts(group: SecurityGroup): SecurityGroupFacts {
  const openIngressRules = (group.IpPermissions ?? []).flatMap(openSources);
  return { vpcId: group.VpcId ?? '', openIngress: openIngressRules.length > 0, openIngressRules };
}

/** The world-open sources of one inbound rule, each described with its protocol and ports. */
function openSources(permission: IpPermission): string[] {
  const sources = [
    ...(permission.IpRanges ?? []).map((range) => range.CidrIp),
    ...(permission.Ipv6Ranges ?? []).map((range) => range.CidrIpv6),
  ].filter((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0');
  return sources.map((cidr) => `${describePorts(permission)} from ${cidr}`);
}

function describePorts(permission: IpPermission): string {
  const protocol = permission.IpProtocol ?? '-1';
  if (protocol === '-1') return 'all traffic';
  const { FromPort: from, ToPort: to } = permission;
  if (from === undefined || from === -1) return `${protocol} all ports`;
  return from === to || to === undefined ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

function instanceTypeFacts(
  info: InstanceTypeInfo,
  architecture: string,
): [string, InstanceTypeFacts] | undefined {
  const type = info.InstanceType;
  if (type === undefined) return undefined;
  const vCpus = info.VCpuInfo?.DefaultVCpus ?? 0;
  return [type, { architecture, family: familyOf(type), vCpus }];
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function chunks<T>(values: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += FILTER_VALUES_MAX) {
    result.push(values.slice(start, start + FILTER_VALUES_MAX));
  }
  return result;
}
