import {
  CreateFunctionCommand,
  DeleteAliasCommand,
  GetFunctionCommand,
  UpdateCapacityProviderCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { pending, planAndApply, planNow, useHarnessWithExamples } from './harness.js';

describe('applying after out-of-band changes', () => {
  const fixture = useHarnessWithExamples();

  it('converges a changed memory size, max vCPU and a deleted alias exactly as planned', async () => {
    await planAndApply([fixture.folder], fixture.clients());
    const lambda = fixture.clients().lambda;
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'checkout-api', MemorySize: 8192 }),
    );
    await lambda.send(
      new UpdateCapacityProviderCommand({
        CapacityProviderName: 'payments-steady',
        CapacityProviderScalingConfig: { MaxVCpuCount: 96, ScalingMode: 'Auto' },
      }),
    );
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'checkout-api', Name: 'live' }));

    const drifted = await planNow([fixture.folder], fixture.clients());
    const paths = drifted.plan.changes.flatMap((c) =>
      c.differences.map((d) => `${c.name} ${d.path}`),
    );
    expect(pending(drifted.plan)).toContain('Function/checkout-api update');
    expect(pending(drifted.plan)).toContain('CapacityProvider/payments-steady update');
    expect(paths).toContain('checkout-api memorySize');
    expect(paths).toContain('checkout-api aliases.live');
    expect(paths).toContain('payments-steady capacityProviderScalingConfig.maxVCpuCount');

    const { result } = await planAndApply([fixture.folder], fixture.clients());
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(pending((await planNow([fixture.folder], fixture.clients())).plan)).toEqual([]);
    expect(fixture.harness.sandbox.stats().writesDuringUpdate).toBe(0);
  });

  it('leaves an unowned function with a manifest name alone, as the plan error says', async () => {
    fixture.harness.sandbox.reset();
    const lambda = fixture.clients().lambda;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'report-render',
        Runtime: 'python3.13',
        Handler: 'x.handler',
        Role: 'arn:aws:iam::123456789012:role/lmi-function-execution',
        Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
      }),
    );

    const { planned, result } = await planAndApply([fixture.folder], fixture.clients());
    expect(planned.plan.errors.map((e) => e.name)).toEqual(['report-render']);
    expect(result.outcomes.map((o) => o.name)).not.toContain('report-render');
    const after = await lambda.send(new GetFunctionCommand({ FunctionName: 'report-render' }));
    expect(after.Configuration?.Handler).toBe('x.handler');
    expect(after.Tags ?? {}).toEqual({});
  });
});
