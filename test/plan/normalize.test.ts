import type { CapacityProvider, FunctionConfiguration } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import type { CapacityProviderSpec, FunctionSpec } from '../../src/manifests/types.js';
import { compareProvider } from '../../src/kinds/capacity-provider/compare.js';
import { compareFunction } from '../../src/kinds/function/compare.js';
import {
  functionManifest,
  liveFunction,
  liveProvider,
  providerManifest,
} from '../helpers/objects.js';

// Each row is a case peer tools reported as a perpetual diff: a plan must show nothing for it.
describe('capacity provider normalization', () => {
  it.each([
    [
      'subnets listed in another order',
      {},
      { VpcConfig: { SubnetIds: ['subnet-b', 'subnet-a'], SecurityGroupIds: ['sg-1'] } },
    ],
    ['scaling mode omitted and AWS reports Auto', {}, {}],
    [
      'scaling mode in another casing',
      {},
      { CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: 'AUTO' as 'Auto' } },
    ],
    [
      'architectures omitted and AWS reports x86_64',
      { instanceRequirements: { allowedInstanceTypes: ['c7g.*'] } },
      { InstanceRequirements: { Architectures: ['x86_64'], AllowedInstanceTypes: ['c7g.*'] } },
    ],
    [
      'allowed instance types in another order',
      {
        instanceRequirements: {
          architectures: ['arm64'],
          allowedInstanceTypes: ['m7g.*', 'c7g.*'],
        },
      },
      {
        InstanceRequirements: {
          Architectures: ['arm64'],
          AllowedInstanceTypes: ['c7g.*', 'm7g.*'],
        },
      },
    ],
  ] as [string, Partial<CapacityProviderSpec>, Partial<CapacityProvider>][])(
    'shows no difference when %s',
    (_case, spec, config) => {
      const comparison = compareProvider(
        providerManifest('steady', spec),
        liveProvider('steady', config),
      );
      expect(comparison.differences).toEqual([]);
    },
  );

  it('leaves the controller tags and AWS tags out of the comparison', () => {
    const live = liveProvider(
      'steady',
      {},
      {
        'lmi:managed-by': 'lmi-test',
        'aws:cloudformation:stack-name': 'x',
        team: 'payments',
      },
    );
    const comparison = compareProvider(
      providerManifest('steady', { tags: { team: 'payments' } }),
      live,
    );
    expect(comparison.differences).toEqual([]);
  });

  it('shows a removed tag as one to delete', () => {
    const live = liveProvider('steady', {}, { 'lmi:managed-by': 'lmi-test', team: 'payments' });
    const comparison = compareProvider(providerManifest('steady'), live);
    expect(comparison.differences).toEqual([
      { path: 'tags.team', live: 'payments', desired: null },
    ]);
  });

  it('turns a change of a create-only field into a replace with the reason', () => {
    const manifest = providerManifest('steady', {
      instanceRequirements: { architectures: ['x86_64'], allowedInstanceTypes: ['c7g.*'] },
    });
    const comparison = compareProvider(manifest, liveProvider('steady'));
    expect(comparison.replaceReason).toBe(
      'instanceRequirements.architectures can only be set when the capacity provider is created',
    );
  });

  it('updates max vCPU in place', () => {
    const manifest = providerManifest('steady', {
      capacityProviderScalingConfig: { maxVCpuCount: 96 },
    });
    const comparison = compareProvider(manifest, liveProvider('steady'));
    expect(comparison).toEqual({
      differences: [{ path: 'capacityProviderScalingConfig.maxVCpuCount', live: 64, desired: 96 }],
    });
  });
});

describe('function normalization', () => {
  const context = { codeSha256: 'CODE' };

  it.each([
    ['timeout omitted and AWS reports 3 s', {}, {}],
    ['memory omitted on a capacity provider (no 128 MB default there)', {}, { MemorySize: 2048 }],
    ['ephemeral storage omitted and AWS reports 512 MB', {}, {}],
    ['logging config omitted and AWS reports Text to /aws/lambda/<name>', {}, {}],
    ['package type omitted and AWS reports Zip', {}, {}],
    ['tracing omitted and AWS reports PassThrough', {}, {}],
    ['description omitted and AWS reports an empty one', {}, { Description: undefined }],
    ['a reference to the provider against the ARN AWS reports', {}, {}],
  ] as [string, Partial<FunctionSpec>, Partial<FunctionConfiguration>][])(
    'shows no difference when %s',
    (_case, spec, config) => {
      const comparison = compareFunction(
        functionManifest('api', spec),
        liveFunction('api', config),
        context,
      );
      expect(comparison.differences).toEqual([]);
      expect(comparison.publishDue).toBe(false);
    },
  );

  it('compares S3 code by the stated sha256, since Lambda does not echo the S3 location', () => {
    const comparison = compareFunction(functionManifest('api'), liveFunction('api'), {
      codeSha256: 'NEW',
    });
    expect(comparison.differences).toEqual([{ path: 'code.sha256', live: 'CODE', desired: 'NEW' }]);
  });

  it('never shows environment variable values, only that they changed', () => {
    const manifest = functionManifest('api', {
      environment: { variables: { TOKEN: 'new-secret' } },
    });
    const live = liveFunction('api', {
      Environment: { Variables: { TOKEN: 'old-secret', OLD: 'x' } },
    });
    const comparison = compareFunction(manifest, live, context);
    expect(comparison.differences).toEqual([
      { path: 'environment.variables.OLD', sensitive: true },
      { path: 'environment.variables.TOKEN', sensitive: true },
    ]);
    expect(JSON.stringify(comparison)).not.toContain('secret');
  });

  it('shows a memory change as one difference and makes a publish due', () => {
    const manifest = functionManifest('api', { memorySize: 4096, publish: 'LatestPublished' });
    const live = liveFunction('api', {}, { published: liveFunction('api').latest });
    const comparison = compareFunction(manifest, live, context);
    expect(comparison.differences).toEqual([
      { path: 'memorySize', live: 2048, desired: 4096 },
      { path: 'publishedVersion', live: 'behind the manifest', desired: 'current' },
    ]);
    expect(comparison.publishDue).toBe(true);
  });

  it('asks for a publish when an update was never published (a crash in between)', () => {
    const manifest = functionManifest('api', { publish: 'LatestPublished' });
    const stale = liveFunction('api', { CodeSha256: 'OLD' }).latest;
    const comparison = compareFunction(
      manifest,
      liveFunction('api', {}, { published: stale }),
      context,
    );
    expect(comparison.differences).toEqual([
      { path: 'publishedVersion', live: 'behind the manifest', desired: 'current' },
    ]);
  });

  it('repairs drift on $LATEST without a publish when the published version matches', () => {
    const manifest = functionManifest('api', { memorySize: 2048, publish: 'LatestPublished' });
    const published = liveFunction('api').latest;
    const drifted = liveFunction('api', { MemorySize: 4096 }, { published });
    const comparison = compareFunction(manifest, drifted, context);
    expect(comparison.differences).toEqual([{ path: 'memorySize', live: 4096, desired: 2048 }]);
    expect(comparison.publishDue).toBe(false);
  });

  it('does not publish again when the published version is current', () => {
    const manifest = functionManifest('api', { publish: 'LatestPublished' });
    const live = liveFunction('api', {}, { published: liveFunction('api').latest });
    expect(compareFunction(manifest, live, context).publishDue).toBe(false);
  });

  it('replaces a function when its capacity provider binding is removed', () => {
    const { capacityProviderConfig: _binding, ...spec } = functionManifest('api').spec;
    const manifest = { ...functionManifest('api'), spec: { ...spec, memorySize: 2048 } };
    const comparison = compareFunction(manifest, liveFunction('api'), context);
    expect(comparison.replaceReason).toBe(
      'a capacity provider cannot be removed from an existing function',
    );
  });

  it('moves a function to another provider in place', () => {
    const manifest = functionManifest('api', {
      capacityProviderConfig: {
        lambdaManagedInstancesCapacityProviderConfig: { capacityProviderRef: 'other' },
      },
    });
    const comparison = compareFunction(manifest, liveFunction('api'), context);
    expect(comparison.replaceReason).toBeUndefined();
    expect(comparison.differences).toEqual([
      { path: 'capacityProviderConfig.capacityProvider', live: 'steady', desired: 'other' },
    ]);
  });

  it('leaves scaling config alone when the manifest does not state it', () => {
    const live = liveFunction('api', {}, { scaling: { minExecutionEnvironments: 0 } });
    expect(compareFunction(functionManifest('api'), live, context).differences).toEqual([]);
  });

  it('shows a scaling change of the published version', () => {
    const manifest = functionManifest('api', { scalingConfig: { minExecutionEnvironments: 3 } });
    const live = liveFunction('api', {}, { scaling: { minExecutionEnvironments: 0 } });
    expect(compareFunction(manifest, live, context).differences).toEqual([
      { path: 'scalingConfig.minExecutionEnvironments', live: 0, desired: 3 },
    ]);
  });

  it('shows a deleted alias as one to create', () => {
    const manifest = functionManifest('api', {
      publish: 'Versions',
      aliases: [{ name: 'live', functionVersion: 2 }],
    });
    const live = liveFunction(
      'api',
      {},
      { aliases: [], versions: ['1', '2'], published: liveFunction('api').latest },
    );
    expect(compareFunction(manifest, live, context).differences).toEqual([
      { path: 'aliases.live', live: undefined, desired: { functionVersion: '2', description: '' } },
    ]);
  });
});
