import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  ListCapacityProvidersCommand,
  ListFunctionsCommand,
  UpdateCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CONTROLLER_ID, planAndApply, useHarnessWithFolder } from './harness.js';
import { functionYaml, providerYaml } from './manifests.js';

describe('lmi apply refuses what it must not apply', () => {
  const fixture = useHarnessWithFolder();
  let stdinWasTty: boolean | undefined;
  let planFile: string;

  const cli = (...args: string[]) =>
    runCli([
      '--endpoint',
      fixture.harness.sandbox.url,
      '--region',
      fixture.harness.sandbox.region,
      '--controller-id',
      CONTROLLER_ID,
      '--log-level',
      'silent',
      ...args,
    ]);
  const writes = () => fixture.harness.sandbox.stats().writes;
  const lambda = () => fixture.clients().lambda;
  const converge = () => planAndApply([fixture.folder.root], fixture.clients());

  /** Converges, then asks for api at 4096 MB and saves the plan of that change to `planFile`. */
  async function saveMemoryPlan(): Promise<void> {
    await converge();
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { memorySize: 4096 }),
    });
    const planned = await cli('plan', '--format', 'json', '--out', planFile, fixture.folder.root);
    expect(planned.code).toBe(0);
  }

  beforeAll(() => {
    planFile = join(mkdtempSync(join(tmpdir(), 'lmi-plan-')), 'plan.json');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
    stdinWasTty = process.stdin.isTTY;
    // What CI gives apply: a stdin that is not a terminal.
    process.stdin.isTTY = false;
  });
  afterAll(() => {
    process.stdin.isTTY = stdinWasTty as boolean;
    vi.unstubAllEnvs();
    rmSync(join(planFile, '..'), { recursive: true, force: true });
  });
  beforeEach(() => {
    fixture.harness.sandbox.reset();
    fixture.folder.set({
      'steady.yaml': providerYaml('steady'),
      'api.yaml': functionYaml('api', { memorySize: 2048 }),
    });
  });
  afterEach(() => rmSync(planFile, { force: true }));

  it('refuses without --yes when stdin is not a terminal, and writes nothing', async () => {
    const result = await cli('apply', fixture.folder.root);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to apply without --yes: stdin is not a terminal');
    expect(writes()).toBe(0);
  });

  it('refuses a saved plan after an out-of-band change, naming the changed resource', async () => {
    await saveMemoryPlan();
    await lambda().send(
      new UpdateCapacityProviderCommand({
        CapacityProviderName: 'steady',
        CapacityProviderScalingConfig: { MaxVCpuCount: 40, ScalingMode: 'Auto' },
      }),
    );
    const before = writes();

    const result = await cli('apply', fixture.folder.root, '--plan', planFile, '--yes');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stale: live state changed for CapacityProvider\/steady;/);
    expect(result.stderr).not.toContain('Function/api');
    expect(writes()).toBe(before);
    const api = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(api.MemorySize).toBe(2048);
  });

  it('applies a saved plan when nothing changed since it was made', async () => {
    await saveMemoryPlan();

    const result = await cli('apply', fixture.folder.root, '--plan', planFile, '--yes');

    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/applied {3}Function api \(update\)/);
    const api = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: 'api' }));
    expect(api.MemorySize).toBe(4096);
  });

  it('refuses a plan deleting every owned resource unless --allow-empty', async () => {
    await converge();
    fixture.folder.set({});
    const before = writes();

    const refused = await cli('apply', fixture.folder.root, '--yes');

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan deletes every resource this controller owns');
    expect(refused.stderr).toContain('--allow-empty');
    expect(writes()).toBe(before);
    const steady = await lambda().send(
      new GetCapacityProviderCommand({ CapacityProviderName: 'steady' }),
    );
    expect(steady.CapacityProvider?.State).toBe('Active');

    const allowed = await cli('apply', fixture.folder.root, '--yes', '--allow-empty');

    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/2 applied/);
    expect((await lambda().send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    const providers = await lambda().send(new ListCapacityProvidersCommand({}));
    expect(providers.CapacityProviders).toEqual([]);
  });
});
