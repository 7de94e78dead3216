import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstancesCommand,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  GetCapacityProviderCommand,
  PutFunctionScalingConfigCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTarget, zipBytes, type ContractTarget } from './contract-target.js';

const TAG = 'aws:lambda:capacity-provider';

describe('sandbox EC2 facts', () => {
  let target: ContractTarget;
  beforeAll(async () => {
    target = await sandboxTarget();
  });
  afterAll(async () => {
    await target.close();
  });

  it('leaves c8g out of us-east-1c, as the seed says', async () => {
    const offerings = await target.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [
          { Name: 'instance-type', Values: ['c8g.large'] },
          { Name: 'location', Values: ['us-east-1c'] },
        ],
      }),
    );
    expect(offerings.InstanceTypeOfferings).toEqual([]);
  });

  it('rejects an unknown filter name as EC2 does', async () => {
    const bad = target.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] }),
    );
    await expect(bad).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('shows three tagged instances once a version is published, none once scaled to 0/0', async () => {
    const providerName = target.unique('cpinst');
    const created = await target.lambda.send(
      new CreateCapacityProviderCommand({
        CapacityProviderName: providerName,
        VpcConfig: {
          SubnetIds: target.fixtures.subnetIds,
          SecurityGroupIds: target.fixtures.securityGroupIds,
        },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: target.fixtures.operatorRoleArn },
        InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: ['m7g.*'] },
      }),
    );
    const arn = created.CapacityProvider?.CapacityProviderArn ?? '';
    const filter = { Filters: [{ Name: `tag:${TAG}`, Values: [arn] }] };
    while (
      (
        await target.lambda.send(
          new GetCapacityProviderCommand({ CapacityProviderName: providerName }),
        )
      ).CapacityProvider?.State !== 'Active'
    ) {
      await sleep(50);
    }
    const before = await target.ec2.send(new DescribeInstancesCommand(filter));
    expect(before.Reservations).toEqual([]);

    const name = target.unique('lmiinst');
    await target.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: target.fixtures.executionRoleArn,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Architectures: ['arm64'],
        Code: { ZipFile: zipBytes('x') },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: arn },
        },
        PublishTo: 'LATEST_PUBLISHED',
      }),
    );
    await waitUntilPublishedVersionActive(
      { client: target.lambda, ...target.wait },
      { FunctionName: name, Qualifier: '$LATEST.PUBLISHED' },
    );

    const instances = [];
    for await (const page of paginateDescribeInstances(
      { client: target.ec2, pageSize: 5 },
      filter,
    )) {
      for (const reservation of page.Reservations ?? [])
        instances.push(...(reservation.Instances ?? []));
    }
    expect(instances).toHaveLength(3);
    const zones = new Set(instances.map((instance) => instance.Placement?.AvailabilityZone));
    expect(zones.size).toBe(3);
    for (const instance of instances) {
      expect(instance.InstanceType).toMatch(/^m7g\./);
      expect(instance.Tags).toContainEqual({ Key: TAG, Value: arn });
      expect(instance.Operator?.Managed).toBe(true);
    }

    const scaledToZero = await target.lambda.send(
      new PutFunctionScalingConfigCommand({
        FunctionName: name,
        Qualifier: '$LATEST.PUBLISHED',
        FunctionScalingConfig: { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 },
      }),
    );
    expect(scaledToZero.FunctionState).toBe('Deactivated');
    const after = await target.ec2.send(new DescribeInstancesCommand(filter));
    expect(after.Reservations).toEqual([]);
  });
});
