import type { Account, ApiObject, FunctionRecord } from '../account.js';
import { invalidParameter, SandboxError } from '../errors.js';

/** AWS allows this many versions (all functions together) on one capacity provider. */
export const MAX_VERSIONS_PER_PROVIDER = 100;

/** Runtimes LMI supports (Java 21+, Python 3.13+, Node.js 22+, .NET 8+, provided.al2023). */
const LMI_RUNTIMES = new Set([
  'java21',
  'java25',
  'python3.13',
  'python3.14',
  'python3.15',
  'nodejs22.x',
  'nodejs24.x',
  'nodejs26.x',
  'dotnet8',
  'dotnet10',
  'provided.al2023',
]);

/** The LMI binding of a configuration, or undefined for a classic function. */
export function lmiBinding(config: ApiObject): ApiObject | undefined {
  const wrapper = config.CapacityProviderConfig as ApiObject | undefined;
  return wrapper?.LambdaManagedInstancesCapacityProviderConfig as ApiObject | undefined;
}

/**
 * Checks a function configuration bound to a capacity provider: the provider exists and is Active,
 * the runtime is supported, memory fits the ratio, the architecture matches. Throws
 * InvalidParameterValueException on the first broken rule.
 */
export function assertLmiConfiguration(account: Account, config: ApiObject): void {
  const binding = lmiBinding(config);
  if (!binding) return;
  const provider = providerOfBinding(account, binding);
  if (provider.view.State !== 'Active') {
    throw invalidParameter(
      `capacity provider ${String(provider.view.CapacityProviderArn)} is not Active (state ` +
        `${String(provider.view.State)})`,
    );
  }

  const runtime = config.Runtime as string | undefined;
  if (config.PackageType !== 'Image' && runtime !== undefined && !LMI_RUNTIMES.has(runtime)) {
    throw invalidParameter(`runtime ${runtime} is not supported on Lambda Managed Instances`);
  }
  assertMemoryFits(config.MemorySize as number | undefined, binding);

  const requirements = provider.view.InstanceRequirements as ApiObject | undefined;
  const providerArch = (requirements?.Architectures as string[] | undefined)?.[0] ?? 'x86_64';
  const functionArch = (config.Architectures as string[] | undefined)?.[0] ?? 'x86_64';
  if (providerArch !== functionArch) {
    throw invalidParameter(
      `function architecture ${functionArch} does not match the capacity provider's ` +
        `${providerArch}`,
    );
  }
}

function providerOfBinding(account: Account, binding: ApiObject) {
  const arn = String(binding.CapacityProviderArn);
  const name = arn.split(':').pop() ?? '';
  const provider = account.state.providers[name];
  if (!provider) throw invalidParameter(`capacity provider ${arn} does not exist`);
  return provider;
}

// Limitation: AWS documents the 2048 MB floor and the ratio, not the exact multiple it enforces;
// a multiple of ratio x 1024 MB is the sandbox's reading.
function assertMemoryFits(memory: number | undefined, binding: ApiObject): void {
  if (memory === undefined) return;
  const ratio = (binding.ExecutionEnvironmentMemoryGiBPerVCpu as number | undefined) ?? 2;
  if (![2, 4, 8].includes(ratio)) {
    throw invalidParameter('ExecutionEnvironmentMemoryGiBPerVCpu must be 2.0, 4.0 or 8.0');
  }
  if (memory < 2048 || memory % (ratio * 1024) !== 0) {
    throw invalidParameter(
      `MemorySize ${memory} must be at least 2048 MB and a multiple of ${ratio * 1024} MB for a ` +
        `${ratio}:1 memory to vCPU ratio`,
    );
  }
}

/** Every version (with `$LATEST`) of every function bound to the provider with this ARN. */
export function versionsOnProvider(
  account: Account,
  providerArn: string,
): { fn: FunctionRecord; config: ApiObject }[] {
  const found: { fn: FunctionRecord; config: ApiObject }[] = [];
  for (const fn of Object.values(account.state.functions)) {
    for (const config of [fn.latest, ...Object.values(fn.versions)]) {
      if (lmiBinding(config)?.CapacityProviderArn === providerArn) found.push({ fn, config });
    }
  }
  return found;
}

/** Throws FunctionVersionsPerCapacityProviderLimitExceededException when one more would not fit. */
export function assertRoomForVersion(account: Account, config: ApiObject): void {
  const binding = lmiBinding(config);
  if (!binding) return;
  const count = versionsOnProvider(account, String(binding.CapacityProviderArn)).length;
  if (count >= MAX_VERSIONS_PER_PROVIDER) {
    throw new SandboxError(
      'FunctionVersionsPerCapacityProviderLimitExceededException',
      400,
      `capacity provider ${String(binding.CapacityProviderArn)} already has ` +
        `${MAX_VERSIONS_PER_PROVIDER} function versions`,
    );
  }
}
