import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from './fakes.js';

const fixture = fileURLToPath(new URL('./fixtures/fake-lmi-run.ts', import.meta.url));

describe('lmi run in its own process', () => {
  let folder: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lmi-signal-'));
  });
  afterEach(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'exits 0 on %s while a pass is in flight',
    async (signal) => {
      const args = ['--import', 'tsx', fixture, '--sandbox', 'run', folder];
      child = spawn(process.execPath, [...args, '--listen', '127.0.0.1:0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await eventually(() => output.includes('pass started'));
      const url = output.split('\n').find((line) => line.startsWith('http://')) ?? '';
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
      child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
    },
  );
});
