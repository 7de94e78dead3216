import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  paginateDescribeInstanceTypeOfferings,
  paginateDescribeInstanceTypes,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TARGETS, type ContractTarget } from './contract-target.js';

describe.each(CONTRACT_TARGETS)('EC2 describe contract against $name', ({ enabled, open }) => {
  let target: ContractTarget;
  beforeAll(async () => {
    if (enabled) target = await open();
  });
  afterAll(async () => {
    if (enabled) await target.close();
  });

  it.skipIf(!enabled)('describes the subnets by id with their zone and VPC', async () => {
    const [first] = target.fixtures.subnetIds;
    const found = await target.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [first ?? ''] }));
    expect(found.Subnets).toHaveLength(1);
    expect(found.Subnets?.[0]).toMatchObject({ SubnetId: first, State: 'available' });
    expect(found.Subnets?.[0]?.AvailabilityZone).toMatch(/^[a-z]{2}-[a-z]+-\d[a-z]$/);
  });

  it.skipIf(!enabled)('filters subnets by VPC and pages them with the SDK paginator', async () => {
    const one = await target.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: target.fixtures.subnetIds }),
    );
    const vpcId = one.Subnets?.[0]?.VpcId ?? '';
    const ids: string[] = [];
    const pages = paginateDescribeSubnets(
      { client: target.ec2, pageSize: 5 },
      { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
    );
    for await (const page of pages) ids.push(...(page.Subnets ?? []).map((s) => s.SubnetId ?? ''));
    for (const id of target.fixtures.subnetIds) expect(ids).toContain(id);
  });

  it.skipIf(!enabled)(
    'describes a VPC and its security groups with their inbound rules',
    async () => {
      const groups = await target.ec2.send(
        new DescribeSecurityGroupsCommand({ GroupIds: target.fixtures.securityGroupIds }),
      );
      const group = groups.SecurityGroups?.[0];
      expect(group?.GroupId).toBe(target.fixtures.securityGroupIds[0]);
      expect(Array.isArray(group?.IpPermissions)).toBe(true);
      const vpcs = await target.ec2.send(new DescribeVpcsCommand({ VpcIds: [group?.VpcId ?? ''] }));
      expect(vpcs.Vpcs?.[0]?.VpcId).toBe(group?.VpcId);
    },
  );

  it.skipIf(!enabled)('answers a typed not-found error for an unknown subnet', async () => {
    const missing = target.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: ['subnet-0000000000000dead'] }),
    );
    await expect(missing).rejects.toMatchObject({ name: 'InvalidSubnetID.NotFound' });
  });

  it.skipIf(!enabled)('pages instance types filtered by architecture and family', async () => {
    const types: { name: string; arch: string[] }[] = [];
    const pages = paginateDescribeInstanceTypes(
      { client: target.ec2, pageSize: 5 },
      {
        Filters: [
          { Name: 'instance-type', Values: ['c7g.*'] },
          { Name: 'processor-info.supported-architecture', Values: ['arm64'] },
        ],
      },
    );
    for await (const page of pages) {
      for (const type of page.InstanceTypes ?? []) {
        types.push({
          name: type.InstanceType ?? '',
          arch: type.ProcessorInfo?.SupportedArchitectures ?? [],
        });
      }
    }
    expect(types.length).toBeGreaterThan(1);
    for (const type of types) {
      expect(type.name).toMatch(/^c7g\./);
      expect(type.arch).toEqual(['arm64']);
    }
  });

  it.skipIf(!enabled)('lists instance type offerings per availability zone', async () => {
    const offerings: { type: string; zone: string }[] = [];
    const pages = paginateDescribeInstanceTypeOfferings(
      { client: target.ec2, pageSize: 20 },
      {
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: ['c7g.large'] }],
      },
    );
    for await (const page of pages) {
      for (const offering of page.InstanceTypeOfferings ?? []) {
        offerings.push({ type: offering.InstanceType ?? '', zone: offering.Location ?? '' });
      }
    }
    expect(offerings.length).toBeGreaterThan(0);
    for (const offering of offerings) expect(offering.type).toBe('c7g.large');
    const region = await target.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        Filters: [{ Name: 'instance-type', Values: ['c7g.large'] }],
      }),
    );
    expect(region.InstanceTypeOfferings?.[0]?.LocationType).toBe('region');
  });
});
