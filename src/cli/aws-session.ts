import {
  createAwsClients,
  destroyClients,
  type AwsClients,
  type AwsTarget,
} from '../aws/clients.js';
import { startEmbeddedSandbox } from '../controller/embedded-sandbox.js';
import type { Logger } from '../logging/logger.js';
import type { GlobalOptions } from './global-options.js';

/** AWS clients for one command, and how to let go of them (and of an embedded sandbox). */
export interface AwsSession {
  clients: AwsClients;
  target: AwsTarget;
  /** The embedded sandbox's URL when `--sandbox` started one. */
  sandboxUrl?: string;
  close(): Promise<void>;
}

/**
 * Opens the AWS session the global options ask for: the embedded sandbox with `--sandbox`
 * (started in-process on a free loopback port), else `--endpoint` or the regional endpoint of
 * `--region` (or AWS_REGION). Throws when no region can be found.
 */
export async function openAwsSession(
  globals: GlobalOptions,
  options: { apiShare: number; logger: Logger; env?: NodeJS.ProcessEnv },
): Promise<AwsSession> {
  assertOneTarget(globals);
  if (globals.sandbox) {
    const { sandbox, target } = await startEmbeddedSandbox({ logger: options.logger });
    const clients = createAwsClients(target, options);
    return { clients, target, sandboxUrl: sandbox.url, close: () => closeAll(clients, sandbox) };
  }

  const env = options.env ?? process.env;
  const region = globals.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('no AWS region: pass --region or set AWS_REGION (or use --sandbox)');
  const target: AwsTarget = { region, ...(globals.endpoint ? { endpoint: globals.endpoint } : {}) };
  const clients = createAwsClients(target, options);
  return { clients, target, close: () => closeAll(clients) };
}

async function closeAll(clients: AwsClients, sandbox?: { close(): Promise<void> }): Promise<void> {
  destroyClients(clients);
  await sandbox?.close();
}

/** Parses `--api-budget` (a percentage, 1 to 100) into the share the pacer takes. */
export function parseApiBudget(text: string): number {
  const percent = Number(String(text).replace(/%$/, ''));
  // Below 1% a capacity-provider write would wait minutes for its turn: surely a typo for a share.
  if (!Number.isFinite(percent) || percent < 1 || percent > 100) {
    throw new Error(`--api-budget must be a percentage from 1 to 100, got "${text}"`);
  }
  return percent / 100;
}

/** Refuses `--sandbox` together with `--endpoint` or `--region`: the sandbox decides both. */
export function assertOneTarget(
  globals: Pick<GlobalOptions, 'sandbox' | 'endpoint' | 'region'>,
): void {
  if (globals.sandbox && (globals.endpoint !== undefined || globals.region !== undefined)) {
    throw new Error(
      '--sandbox starts its own endpoint in us-east-1: leave out --endpoint and --region with it',
    );
  }
}
