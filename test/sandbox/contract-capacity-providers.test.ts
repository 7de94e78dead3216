import {
  CreateCapacityProviderCommand,
  CreateFunctionCommand,
  DeleteCapacityProviderCommand,
  DeleteFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  InvalidParameterValueException,
  ListCapacityProvidersCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  PublishVersionCommand,
  PutFunctionScalingConfigCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateCapacityProviderCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  paginateListCapacityProviders,
  paginateListFunctionVersionsByCapacityProvider,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
  type CreateCapacityProviderCommandInput,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TARGETS, zipBytes, type ContractTarget } from './contract-target.js';

function providerInput(target: ContractTarget, name: string): CreateCapacityProviderCommandInput {
  return {
    CapacityProviderName: name,
    VpcConfig: {
      SubnetIds: target.fixtures.subnetIds,
      SecurityGroupIds: target.fixtures.securityGroupIds,
    },
    PermissionsConfig: { CapacityProviderOperatorRoleArn: target.fixtures.operatorRoleArn },
    InstanceRequirements: { Architectures: ['arm64'] },
    Tags: { 'lmi:managed-by': 'contract-test' },
  };
}

async function providerState(target: ContractTarget, name: string) {
  const got = await target.lambda.send(
    new GetCapacityProviderCommand({ CapacityProviderName: name }),
  );
  return got.CapacityProvider?.State;
}

/** No SDK waiter exists for capacity providers: poll until the state is one of `states`. */
async function waitForProvider(target: ContractTarget, name: string, states: string[]) {
  const deadline = Date.now() + target.wait.maxWaitTime * 1000;
  for (;;) {
    const state = await providerState(target, name).catch((error: unknown) => {
      if (error instanceof ResourceNotFoundException) return 'Gone';
      throw error;
    });
    if (state && states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`provider ${name} stuck in ${String(state)}`);
    await sleep(target.wait.minDelay * 1000);
  }
}

async function activeProvider(target: ContractTarget) {
  const name = target.unique('cp');
  const created = await target.lambda.send(
    new CreateCapacityProviderCommand(providerInput(target, name)),
  );
  await waitForProvider(target, name, ['Active']);
  return { name, arn: created.CapacityProvider?.CapacityProviderArn ?? '' };
}

function lmiFunction(
  target: ContractTarget,
  name: string,
  providerArn: string,
): CreateFunctionCommandInput {
  return {
    FunctionName: name,
    Role: target.fixtures.executionRoleArn,
    Runtime: 'python3.13',
    Handler: 'app.handler',
    Architectures: ['arm64'],
    MemorySize: 4096,
    Code: { ZipFile: zipBytes(`code of ${name}`) },
    CapacityProviderConfig: {
      LambdaManagedInstancesCapacityProviderConfig: {
        CapacityProviderArn: providerArn,
        PerExecutionEnvironmentMaxConcurrency: 10,
        ExecutionEnvironmentMemoryGiBPerVCpu: 2,
      },
    },
  };
}

describe.each(CONTRACT_TARGETS)(
  'capacity providers contract against $name',
  ({ enabled, open }) => {
    let target: ContractTarget;
    beforeAll(async () => {
      if (enabled) target = await open();
    });
    afterAll(async () => {
      if (enabled) await target.close();
    });

    it.skipIf(!enabled)(
      'creates a provider Pending (202), Active later, tagged by ARN',
      async () => {
        const name = target.unique('cp');
        const created = await target.lambda.send(
          new CreateCapacityProviderCommand(providerInput(target, name)),
        );

        expect(created.$metadata.httpStatusCode).toBe(202);
        expect(created.CapacityProvider?.State).toBe('Pending');
        expect(created.CapacityProvider?.CapacityProviderArn).toMatch(/:capacity-provider:/);
        expect(await waitForProvider(target, name, ['Active', 'Failed'])).toBe('Active');
        const arn = created.CapacityProvider?.CapacityProviderArn ?? '';
        const tags = await target.lambda.send(new ListTagsCommand({ Resource: arn }));
        expect(tags.Tags).toEqual({ 'lmi:managed-by': 'contract-test' });
      },
    );

    it.skipIf(!enabled)('lists providers across pages with the SDK paginator', async () => {
      const names = [target.unique('cpl'), target.unique('cpl'), target.unique('cpl')];
      for (const name of names) {
        await target.lambda.send(new CreateCapacityProviderCommand(providerInput(target, name)));
      }
      const listed: string[] = [];
      for await (const page of paginateListCapacityProviders(
        { client: target.lambda, pageSize: 2 },
        {},
      )) {
        listed.push(...(page.CapacityProviders ?? []).map((cp) => cp.CapacityProviderArn ?? ''));
      }
      for (const name of names)
        expect(listed.filter((arn) => arn.endsWith(`:${name}`))).toHaveLength(1);
    });

    it.skipIf(!enabled)('updates the scaling config in place (202)', async () => {
      const { name } = await activeProvider(target);
      const updated = await target.lambda.send(
        new UpdateCapacityProviderCommand({
          CapacityProviderName: name,
          CapacityProviderScalingConfig: {
            ScalingMode: 'Manual',
            MaxVCpuCount: 64,
            ScalingPolicies: [
              {
                PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization',
                TargetValue: 60,
              },
            ],
          },
        }),
      );
      expect(updated.$metadata.httpStatusCode).toBe(202);
      expect(updated.CapacityProvider?.CapacityProviderScalingConfig?.MaxVCpuCount).toBe(64);
    });

    it.skipIf(!enabled)('refuses an update while the provider is still Pending', async () => {
      const name = target.unique('cppending');
      await target.lambda.send(new CreateCapacityProviderCommand(providerInput(target, name)));
      const early = target.lambda.send(
        new UpdateCapacityProviderCommand({
          CapacityProviderName: name,
          CapacityProviderScalingConfig: { MaxVCpuCount: 32 },
        }),
      );
      await expect(early).rejects.toBeInstanceOf(ResourceConflictException);
    });

    it.skipIf(!enabled)(
      'tags and untags a provider by ARN, and lists providers by state',
      async () => {
        const { name, arn } = await activeProvider(target);
        await target.lambda.send(new TagResourceCommand({ Resource: arn, Tags: { env: 'test' } }));
        await target.lambda.send(
          new UntagResourceCommand({ Resource: arn, TagKeys: ['lmi:managed-by'] }),
        );
        const tags = await target.lambda.send(new ListTagsCommand({ Resource: arn }));
        expect(tags.Tags).toEqual({ env: 'test' });

        const active = await target.lambda.send(
          new ListCapacityProvidersCommand({ State: 'Active', MaxItems: 50 }),
        );
        const states = new Set(active.CapacityProviders?.map((cp) => cp.State));
        expect([...states]).toEqual(['Active']);
        expect(
          active.CapacityProviders?.some((cp) => cp.CapacityProviderArn?.endsWith(`:${name}`)),
        ).toBe(true);
      },
    );

    it.skipIf(!enabled)('refuses allowed and excluded instance types together', async () => {
      const input = providerInput(target, target.unique('cpbad'));
      input.InstanceRequirements = {
        AllowedInstanceTypes: ['c7g.*'],
        ExcludedInstanceTypes: ['m7g.*'],
      };
      const refused = target.lambda.send(new CreateCapacityProviderCommand(input));
      await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueException);
    });

    it.skipIf(!enabled)('refuses scaling policies with the Auto scaling mode', async () => {
      const input = providerInput(target, target.unique('cpauto'));
      input.CapacityProviderScalingConfig = {
        ScalingMode: 'Auto',
        ScalingPolicies: [
          { PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 50 },
        ],
      };
      const refused = target.lambda.send(new CreateCapacityProviderCommand(input));
      await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueException);
    });

    it.skipIf(!enabled)(
      'runs an LMI function: non-invocable $LATEST, published version Active',
      async () => {
        const provider = await activeProvider(target);
        const name = target.unique('lmi');
        await target.lambda.send(
          new CreateFunctionCommand(lmiFunction(target, name, provider.arn)),
        );
        await waitUntilFunctionUpdatedV2(
          { client: target.lambda, ...target.wait },
          { FunctionName: name },
        );
        const latest = await waitForLatestState(target, name);
        expect(latest).toBe('ActiveNonInvocable');

        const version = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
        expect(version.State).toBe('Pending');
        await waitUntilPublishedVersionActive(
          { client: target.lambda, ...target.wait },
          { FunctionName: name, Qualifier: version.Version },
        );
        const listed: string[] = [];
        const pages = paginateListFunctionVersionsByCapacityProvider(
          { client: target.lambda, pageSize: 1 },
          { CapacityProviderName: provider.name },
        );
        for await (const page of pages)
          listed.push(...(page.FunctionVersions ?? []).map((v) => v.FunctionArn ?? ''));
        expect(listed).toContain(version.FunctionArn);
      },
    );

    it.skipIf(!enabled)('maintains $LATEST.PUBLISHED with PublishTo LATEST_PUBLISHED', async () => {
      const provider = await activeProvider(target);
      const name = target.unique('lmipub');
      await target.lambda.send(
        new CreateFunctionCommand({
          ...lmiFunction(target, name, provider.arn),
          PublishTo: 'LATEST_PUBLISHED',
        }),
      );
      const qualified = { FunctionName: name, Qualifier: '$LATEST.PUBLISHED' };
      await waitUntilPublishedVersionActive({ client: target.lambda, ...target.wait }, qualified);
      const first = await target.lambda.send(new GetFunctionConfigurationCommand(qualified));

      await target.lambda.send(
        new PutFunctionScalingConfigCommand({
          ...qualified,
          FunctionScalingConfig: { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 5 },
        }),
      );
      await target.lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: name,
          ZipFile: zipBytes('v2'),
          PublishTo: 'LATEST_PUBLISHED',
        }),
      );
      await waitUntilFunctionUpdatedV2(
        { client: target.lambda, ...target.wait },
        { FunctionName: name },
      );
      await waitUntilPublishedVersionActive({ client: target.lambda, ...target.wait }, qualified);
      const second = await target.lambda.send(new GetFunctionCommand(qualified));
      expect(second.Configuration?.CodeSha256).not.toBe(first.CodeSha256);
      const scaling = await target.lambda.send(new GetFunctionScalingConfigCommand(qualified));
      expect(scaling.RequestedFunctionScalingConfig).toEqual({
        MinExecutionEnvironments: 1,
        MaxExecutionEnvironments: 5,
      });
    });

    it.skipIf(!enabled)(
      'refuses to add a capacity provider to an existing classic function',
      async () => {
        const provider = await activeProvider(target);
        const name = target.unique('classic');
        const { CapacityProviderConfig: _binding, ...classic } = lmiFunction(
          target,
          name,
          provider.arn,
        );
        await target.lambda.send(
          new CreateFunctionCommand({ ...classic, MemorySize: 512, Architectures: ['x86_64'] }),
        );
        await waitUntilFunctionUpdatedV2(
          { client: target.lambda, ...target.wait },
          { FunctionName: name },
        );
        await waitForLatestState(target, name);
        const refused = target.lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: name,
            CapacityProviderConfig: lmiFunction(target, name, provider.arn).CapacityProviderConfig,
          }),
        );
        await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueException);
      },
    );

    it.skipIf(!enabled)(
      'refuses scaling config on a function without a capacity provider',
      async () => {
        const name = target.unique('noscale');
        await target.lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Role: target.fixtures.executionRoleArn,
            Runtime: 'python3.13',
            Handler: 'app.handler',
            Code: { ZipFile: zipBytes('classic') },
          }),
        );
        const refused = target.lambda.send(
          new GetFunctionScalingConfigCommand({
            FunctionName: name,
            Qualifier: '$LATEST.PUBLISHED',
          }),
        );
        await expect(refused).rejects.toMatchObject({ name: 'AccessDeniedException' });
      },
    );

    it.skipIf(!enabled)('refuses LMI memory below 2048 MB', async () => {
      const provider = await activeProvider(target);
      const input = {
        ...lmiFunction(target, target.unique('lmimem'), provider.arn),
        MemorySize: 1024,
      };
      await expect(target.lambda.send(new CreateFunctionCommand(input))).rejects.toBeInstanceOf(
        InvalidParameterValueException,
      );
    });

    it.skipIf(!enabled)(
      'refuses to delete a provider with versions, then deletes it once free',
      async () => {
        const provider = await activeProvider(target);
        const name = target.unique('lmidel');
        await target.lambda.send(
          new CreateFunctionCommand(lmiFunction(target, name, provider.arn)),
        );
        const refused = target.lambda.send(
          new DeleteCapacityProviderCommand({ CapacityProviderName: provider.name }),
        );
        await expect(refused).rejects.toBeInstanceOf(ResourceConflictException);

        await waitForLatestState(target, name);
        const deleted = await target.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
        expect(deleted.$metadata.httpStatusCode).toBe(202);
        await waitForFunctionGone(target, name);
        const accepted = await target.lambda.send(
          new DeleteCapacityProviderCommand({ CapacityProviderName: provider.name }),
        );
        expect(accepted.CapacityProvider?.State).toBe('Deleting');
        expect(await waitForProvider(target, provider.name, ['Gone'])).toBe('Gone');
      },
    );
  },
);

async function waitForLatestState(target: ContractTarget, name: string) {
  for (;;) {
    const config = await target.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: name }),
    );
    if (config.State !== 'Pending') return config.State;
    await sleep(target.wait.minDelay * 1000);
  }
}

async function waitForFunctionGone(target: ContractTarget, name: string) {
  for (;;) {
    try {
      await target.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
    await sleep(target.wait.minDelay * 1000);
  }
}
