import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseListen } from '../../src/cli/sandbox.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Runs the TypeScript CLI through tsx so the test does not depend on a fresh dist/ build.
const LAUNCH =
  "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv); })";

describe('parseListen', () => {
  it.each([
    ['127.0.0.1:4566', { host: '127.0.0.1', port: 4566 }],
    ['0.0.0.0:0', { host: '0.0.0.0', port: 0 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    [':9000', { host: '127.0.0.1', port: 9000 }],
  ])('reads %s', (text, expected) => {
    expect(parseListen(text)).toEqual(expected);
  });

  it.each(['localhost', '127.0.0.1:99999', 'host:port'])('rejects %s', (text) => {
    expect(() => parseListen(text)).toThrow();
  });
});

describe('lmi sandbox', () => {
  it('prints its URL first, serves admin stats, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        LAUNCH,
        'lmi',
        'sandbox',
        '--listen',
        '127.0.0.1:0',
        '--log-level',
        'silent',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);

    const url = first.replace('listening on ', '');
    const stats = (await (await fetch(`${url}/_sandbox/stats`)).json()) as { writes: number };
    expect(stats.writes).toBe(0);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('exits 1 with a message for a malformed fault spec', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', LAUNCH, 'lmi', 'sandbox', '--faults', 'smoke=1'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toMatch(/unknown fault "smoke"/);
  });
});
