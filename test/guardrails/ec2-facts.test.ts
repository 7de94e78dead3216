import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { readEc2Facts } from '../../src/guardrails/ec2-facts.js';
import { matchesPattern } from '../../src/guardrails/instance-types.js';
import { desiredFrom, provider, SEED, yamlOf } from './fixtures.js';

interface Seed {
  subnets: { subnetId: string; vpcId: string; availabilityZone: string }[];
  securityGroups: {
    groupId: string;
    vpcId: string;
    ingress: {
      ipProtocol: string;
      fromPort: number;
      toPort: number;
      cidrIpv4: string[];
      cidrIpv6: string[];
    }[];
  }[];
  instanceTypes: { instanceType: string; architecture: string; vCpus: number }[];
  instanceTypeOfferings: Record<string, string[]>;
}

const seed = JSON.parse(
  readFileSync(new URL('../../data/sandbox-seed.json', import.meta.url), 'utf8'),
) as Seed;

const valuesOf = (filters: Filter[] | undefined, name: string) =>
  filters?.find((filter) => filter.Name === name)?.Values ?? [];
const anyMatch = (patterns: string[], value: string) =>
  patterns.some((pattern) => matchesPattern(pattern, value));

/**
 * Answers the four describes from the seed the way EC2 filters them, two items per page so that
 * the reader must follow NextToken. Stands in for the sandbox until it is merged.
 */
function answer(command: unknown): unknown {
  if (command instanceof DescribeSubnetsCommand) {
    const ids = valuesOf(command.input.Filters, 'subnet-id');
    const items = seed.subnets.filter((s) => ids.includes(s.subnetId));
    return page(
      command.input.NextToken,
      items,
      (s) => ({
        SubnetId: s.subnetId,
        VpcId: s.vpcId,
        AvailabilityZone: s.availabilityZone,
      }),
      'Subnets',
    );
  }
  if (command instanceof DescribeSecurityGroupsCommand) {
    const ids = valuesOf(command.input.Filters, 'group-id');
    const items = seed.securityGroups.filter((g) => ids.includes(g.groupId));
    return page(
      command.input.NextToken,
      items,
      (g) => ({
        GroupId: g.groupId,
        VpcId: g.vpcId,
        IpPermissions: g.ingress.map((rule) => ({
          IpProtocol: rule.ipProtocol,
          FromPort: rule.fromPort,
          ToPort: rule.toPort,
          IpRanges: rule.cidrIpv4.map((cidr) => ({ CidrIp: cidr })),
          Ipv6Ranges: rule.cidrIpv6.map((cidr) => ({ CidrIpv6: cidr })),
        })),
      }),
      'SecurityGroups',
    );
  }
  if (command instanceof DescribeInstanceTypesCommand) {
    const filters = command.input.Filters;
    const architectures = valuesOf(filters, 'processor-info.supported-architecture');
    const patterns = valuesOf(filters, 'instance-type');
    const items = seed.instanceTypes.filter(
      (t) => architectures.includes(t.architecture) && anyMatch(patterns, t.instanceType),
    );
    return page(
      command.input.NextToken,
      items,
      (t) => ({
        InstanceType: t.instanceType,
        ProcessorInfo: { SupportedArchitectures: [t.architecture] },
        VCpuInfo: { DefaultVCpus: t.vCpus },
      }),
      'InstanceTypes',
    );
  }
  if (command instanceof DescribeInstanceTypeOfferingsCommand) {
    const zones = valuesOf(command.input.Filters, 'location');
    const patterns = valuesOf(command.input.Filters, 'instance-type');
    const items = Object.entries(seed.instanceTypeOfferings)
      .filter(([zone]) => zones.includes(zone))
      .flatMap(([zone, types]) => types.map((type) => ({ zone, type })))
      .filter(({ type }) => anyMatch(patterns, type));
    return page(
      command.input.NextToken,
      items,
      ({ zone, type }) => ({
        Location: zone,
        InstanceType: type,
        LocationType: 'availability-zone',
      }),
      'InstanceTypeOfferings',
    );
  }
  throw new Error('unexpected command');
}

function page<T>(token: string | undefined, items: T[], shape: (item: T) => object, key: string) {
  const start = Number(token ?? 0);
  const next = start + 2 < items.length ? String(start + 2) : undefined;
  return { [key]: items.slice(start, start + 2).map(shape), ...(next ? { NextToken: next } : {}) };
}

function clientsAnsweringFromSeed() {
  const ec2 = new EC2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const send = vi.fn((command: unknown) => Promise.resolve(answer(command)));
  // The paginators call send with a command only, so a promise-returning stub serves them.
  ec2.send = send;
  return { clients: { ec2, region: 'us-east-1' } as unknown as AwsClients, send };
}

describe('readEc2Facts', () => {
  const desired = desiredFrom(
    yamlOf(
      provider(
        'steady',
        'instanceRequirements:\n  architectures: [arm64]\n  allowedInstanceTypes: [c8g.*]',
      ).replace(SEED.closedGroup, `${SEED.closedGroup}, ${SEED.openGroup}`),
    ),
  );

  it('reads the referenced subnets, groups, and the catalogue of the patterns in use', async () => {
    const { clients } = clientsAnsweringFromSeed();
    const facts = await readEc2Facts(clients, desired);

    expect([...facts.subnets.values()].map((s) => s.availabilityZone).sort()).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    expect(facts.securityGroups.get(SEED.closedGroup)?.openIngress).toBe(false);
    expect(facts.securityGroups.get(SEED.openGroup)).toMatchObject({
      openIngress: true,
      openIngressRules: ['tcp 443 from 0.0.0.0/0', 'tcp 443 from ::/0'],
    });
    expect([...facts.instanceTypes.keys()].every((type) => type.startsWith('c8g.'))).toBe(true);
    expect(facts.instanceTypes.get('c8g.xlarge')).toEqual({
      architecture: 'arm64',
      family: 'c8g',
      vCpus: 4,
    });
    expect(facts.offerings.get('us-east-1a')?.size).toBe(5);
    expect(facts.offerings.get('us-east-1c')?.size).toBe(0);
  });

  it('reads the whole LMI catalogue of an architecture for a provider of any type', async () => {
    const { clients, send } = clientsAnsweringFromSeed();
    const anyType = desiredFrom(provider('any', 'instanceRequirements:\n  architectures: [arm64]'));
    const facts = await readEc2Facts(clients, anyType);

    expect(facts.instanceTypes.size).toBe(30);
    const typeCalls = send.mock.calls.filter(([c]) => c instanceof DescribeInstanceTypesCommand);
    const firstFilters = (typeCalls[0]![0] as DescribeInstanceTypesCommand).input.Filters;
    expect(valuesOf(firstFilters, 'instance-type')).toEqual(['c*', 'm*', 'r*']);
    expect(valuesOf(firstFilters, 'processor-info.supported-architecture')).toEqual(['arm64']);
  });

  it('makes no call for facts that nothing references', async () => {
    const { clients, send } = clientsAnsweringFromSeed();
    const facts = await readEc2Facts(clients, desiredFrom(''));
    expect(send).not.toHaveBeenCalled();
    expect(facts.subnets.size).toBe(0);
  });
});
