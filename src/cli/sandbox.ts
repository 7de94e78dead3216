import { once } from 'node:events';
import type { Command } from 'commander';
import { createLogger } from '../logging/logger.js';
import {
  DEFAULT_TIMING,
  parseFaultSpec,
  startSandbox,
  type SandboxOptions,
  type SandboxTiming,
} from '../sandbox/index.js';
import type { CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';

/** Options of `lmi sandbox` as commander parses them. */
interface SandboxCommandOptions {
  listen: string;
  seed?: string;
  faults?: string;
  state?: string;
  rateScale: string;
  timingScale: string;
}

/** Splits `HOST:PORT` (IPv6 hosts in brackets); throws on a malformed value. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--listen must be HOST:PORT, got "${value}"`);
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

/** Every state-machine delay of the sandbox multiplied by `scale` (0.1: ten times faster). */
export function scaledTiming(scale: number): SandboxTiming {
  const timing = { ...DEFAULT_TIMING };
  for (const key of Object.keys(timing) as (keyof SandboxTiming)[]) {
    timing[key] = Math.round(timing[key] * scale);
  }
  return timing;
}

function sandboxOptions(options: SandboxCommandOptions): SandboxOptions {
  const rateScale = Number(options.rateScale);
  if (!(rateScale > 0)) throw new Error(`--rate-scale must be a positive number`);
  const timingScale = Number(options.timingScale);
  if (!(timingScale >= 0)) throw new Error(`--timing-scale must be a number of at least 0`);
  const timing = scaledTiming(timingScale);
  const result: SandboxOptions = { ...parseListen(options.listen), rateScale, timing };
  if (options.seed !== undefined) result.seedFile = options.seed;
  if (options.state !== undefined) result.stateFile = options.state;
  if (options.faults !== undefined) result.faults = parseFaultSpec(options.faults);
  return result;
}

/** Resolves on the first SIGTERM or SIGINT. */
async function untilStopped(): Promise<void> {
  const controller = new AbortController();
  await Promise.race([
    once(process, 'SIGTERM', { signal: controller.signal }),
    once(process, 'SIGINT', { signal: controller.signal }),
  ]);
  controller.abort();
}

/**
 * `lmi sandbox`: serves the AWS-compatible sandbox until SIGTERM/SIGINT. Its first stdout line is
 * `listening on http://HOST:PORT`; it exits 0 after closing.
 */
export const registerSandbox: CommandRegistrar = (context) => {
  context.program
    .command('sandbox')
    .description('Serve the AWS-compatible sandbox (Lambda and EC2) until stopped.')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:4566')
    .option('--seed <file>', 'seed account file (default: the bundled data/sandbox-seed.json)')
    .option(
      '--faults <spec>',
      'faults to inject, e.g. throttle=0.2,error=0.05,conflict=0.1,latency=5-50',
    )
    .option('--state <file>', 'persist the account in this file and load it at start')
    .option('--rate-scale <n>', 'multiply every AWS quota rate by n', '1')
    .option(
      '--timing-scale <n>',
      'multiply every state-machine delay by n (0.1: ten times faster)',
      '1',
    )
    .action((options: SandboxCommandOptions, command: Command) =>
      context.run(async () => {
        const globals = globalsOf(command);
        const logger = createLogger({ level: globals.logLevel, format: globals.logFormat });
        const sandbox = await startSandbox({ ...sandboxOptions(options), logger });
        context.stdout.write(`listening on ${sandbox.url}\n`);

        await untilStopped();
        await sandbox.close();
        logger.info('sandbox stopped');
        return ExitCode.Ok;
      }),
    );
};
