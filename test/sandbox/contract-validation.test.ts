import {
  CreateCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  type CreateCapacityProviderCommandInput,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TARGETS, type ContractTarget } from './contract-target.js';

type Breakage = (input: CreateCapacityProviderCommandInput) => void;

// Each row breaks one constraint of the model's shapes; AWS answers 400 ValidationException.
const BROKEN_PROVIDERS: [string, Breakage][] = [
  ['a name with a space', (input) => (input.CapacityProviderName = 'bad name')],
  ['a name over 140 characters', (input) => (input.CapacityProviderName = 'n'.repeat(141))],
  ['no subnets', (input) => (input.VpcConfig = { SubnetIds: [], SecurityGroupIds: [] })],
  [
    'six security groups',
    (input) => {
      input.VpcConfig = {
        SubnetIds: ['subnet-0c0ffee00000000a1'],
        SecurityGroupIds: Array(6).fill('sg-0c0ffee00000000d1'),
      };
    },
  ],
  [
    'a lower-case scaling mode',
    (input) => {
      input.CapacityProviderScalingConfig = { ScalingMode: 'auto' as 'Auto' };
    },
  ],
  [
    'a max vCPU count below 2',
    (input) => (input.CapacityProviderScalingConfig = { MaxVCpuCount: 1 }),
  ],
  [
    'two architectures',
    (input) => (input.InstanceRequirements = { Architectures: ['x86_64', 'arm64'] }),
  ],
  [
    'a missing permissions config',
    (input) => {
      delete (input as Partial<CreateCapacityProviderCommandInput>).PermissionsConfig;
    },
  ],
];

describe.each(CONTRACT_TARGETS)('request validation against $name', ({ enabled, open }) => {
  let target: ContractTarget;
  beforeAll(async () => {
    if (enabled) target = await open();
  });
  afterAll(async () => {
    if (enabled) await target.close();
  });

  it.skipIf(!enabled).each(BROKEN_PROVIDERS)(
    'rejects a capacity provider with %s',
    async (_case, breakIt) => {
      const input: CreateCapacityProviderCommandInput = {
        CapacityProviderName: target.unique('valid'),
        VpcConfig: {
          SubnetIds: target.fixtures.subnetIds,
          SecurityGroupIds: target.fixtures.securityGroupIds,
        },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: target.fixtures.operatorRoleArn },
      };
      breakIt(input);
      const refused = target.lambda.send(new CreateCapacityProviderCommand(input));
      await expect(refused).rejects.toMatchObject({
        name: 'ValidationException',
        $metadata: { httpStatusCode: 400 },
      });
    },
  );

  it.skipIf(!enabled)('rejects MaxItems above the model range on ListFunctions', async () => {
    const refused = target.lambda.send(new ListFunctionsCommand({ MaxItems: 10001 }));
    await expect(refused).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('sandbox routing', () => {
  let target: ContractTarget;
  beforeAll(async () => {
    const sandboxEntry = CONTRACT_TARGETS[0];
    if (!sandboxEntry) throw new Error('the sandbox target is missing');
    target = await sandboxEntry.open();
  });
  afterAll(async () => {
    await target.close();
  });

  it('serves function routes under the 2025-11-30 API version too', async () => {
    const response = await fetch(`${target.sandbox?.url}/2025-11-30/functions?MaxItems=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Functions: [] });
  });

  it('answers an unknown route with a 404 error the SDK can read', async () => {
    const response = await fetch(`${target.sandbox?.url}/1999-01-01/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('reads a function ARN with a qualifier as the FunctionName', async () => {
    const missing = target.lambda.send(
      new GetFunctionConfigurationCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:absent:$LATEST.PUBLISHED',
      }),
    );
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
