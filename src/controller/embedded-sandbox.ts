import type { AwsTarget } from '../aws/clients.js';
import type { Logger } from '../logging/logger.js';
import type { RunningSandbox, SandboxTiming } from '../sandbox/index.js';

// The sandbox accepts any signature; these keep the SDK from looking for real credentials.
const SANDBOX_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

/**
 * Starts the sandbox in-process on a free loopback port (for `--sandbox` and `lmi demo`) and
 * returns it with the AWS target that points the controller's clients at it. The controller
 * imports the sandbox only here, and only when asked to. Rejects when the sandbox cannot start.
 */
export async function startEmbeddedSandbox(
  options: { logger?: Logger; timing?: Partial<SandboxTiming> } = {},
): Promise<{ sandbox: RunningSandbox; target: AwsTarget }> {
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox({
    ...(options.logger ? { logger: options.logger.child({ component: 'sandbox' }) } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
  });
  options.logger?.info({ url: sandbox.url }, 'embedded sandbox started');
  const target = {
    region: sandbox.region,
    endpoint: sandbox.url,
    credentials: SANDBOX_CREDENTIALS,
  };
  return { sandbox, target };
}
