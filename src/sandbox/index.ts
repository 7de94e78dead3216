import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Account, DEFAULT_TIMING, type SandboxTiming } from './account.js';
import { seededRandom, type FaultSpec } from './faults.js';
import { RateLimiter } from './rate-limiter.js';
import { loadSeed } from './seed.js';
import { SandboxCore } from './server.js';
import type { SandboxStats } from './stats.js';

export type { SandboxTiming } from './account.js';
export { DEFAULT_TIMING } from './account.js';
export type { FaultSpec } from './faults.js';
export { parseFaultSpec } from './faults.js';
export type { SandboxStats } from './stats.js';

/** How to start the sandbox; every member is optional. */
export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: the package's data/sandbox-seed.json. */
  seedFile?: string;
  /** Persist the account here after each change; loaded at start when present. */
  stateFile?: string;
  faults?: FaultSpec;
  timing?: Partial<SandboxTiming>;
  /** Multiplies every quota rate (tests: 10 = ten times faster). Default 1. */
  rateScale?: number;
  /** Seed of the fault-injection randomness, for reproducible tests. Default: random. */
  randomSeed?: number;
  logger?: Logger;
}

/** A sandbox that is serving. */
export interface RunningSandbox {
  /** `http://HOST:PORT`. */
  url: string;
  region: string;
  accountId: string;
  /** The same data as GET /_sandbox/stats. */
  stats(): SandboxStats;
  /** Back to the seed (inventory, counters, rate buckets). */
  reset(): void;
  setFaults(faults: FaultSpec): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the AWS-compatible sandbox endpoint (Lambda REST-JSON and EC2 Query on one port) and
 * resolves once it listens. Rejects when the seed or state file cannot be read or the port is
 * taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = loadSeed(options.seedFile);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const account = new Account(seed, timing, options.stateFile);
  const random = seededRandom(options.randomSeed ?? Math.floor(Math.random() * 2 ** 32));
  const limiter = new RateLimiter(options.rateScale ?? 1);
  const core = new SandboxCore(account, limiter, options.faults ?? {}, random, options.logger);

  const server = createServer((request, response) => void core.handle(request, response));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  options.logger?.info({ url: `http://${host}:${address.port}` }, 'sandbox listening');

  return {
    url: `http://${host}:${address.port}`,
    region: seed.region,
    accountId: seed.accountId,
    stats: () => core.stats(),
    reset: () => core.reset(),
    setFaults: (faults) => {
      core.faults = faults;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
