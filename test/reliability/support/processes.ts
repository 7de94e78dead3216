import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';

/** The built CLI (npm test builds it first, in pretest). */
export const BIN = resolve(import.meta.dirname, '../../../bin/lmi.js');

/** A `lmi sandbox` process and the URL it serves. */
export interface SandboxProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM, and resolves once it exited. */
  stop(): Promise<void>;
}

/** Starts `lmi sandbox` with `args` on a free port; resolves once it printed its URL. */
export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [BIN, '--log-level', 'silent', 'sandbox', '--listen', '127.0.0.1:0', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`lmi sandbox exited with ${String(code)} before listening`);
  });
  const [first] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  const url = first.replace('listening on ', '');
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** What a finished CLI process left. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process with `args`; `env` is added to the process environment. */
export function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  options.onSpawn?.(child);
  return new Promise((done) => {
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Controller clients (half the API budget, silent) for a sandbox served at `url`. */
export function clientsAt(url: string): AwsClients {
  return createAwsClients(
    { region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
    { apiShare: 0.5, logger: pino({ level: 'silent' }) },
  );
}
