import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { fastSandbox } from '../helpers/sandbox.js';
import { writeFleet } from './support/fleet.js';
import { spawnCli } from './support/processes.js';

// Two markers, so an update's old and new values are both checked.
const MARKER = 'sekrit-9f3a61c0-marker';
const NEW_MARKER = 'sekrit-77d2e5b4-rotated';
const SHAPE = { providers: 1, functions: 2, seed: 3 };

const globals = (url: string) => [
  '--endpoint',
  url,
  '--region',
  'us-east-1',
  '--log-level',
  'trace',
];

/**
 * An endpoint in front of the sandbox that refuses CreateFunction with a message echoing the whole
 * request, as some AWS validation errors quote the value they reject.
 */
async function echoingProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && request.url === '/2015-03-31/functions') {
        response.writeHead(400, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'InvalidParameterValueException',
        });
        const message = `1 validation error: value ${body.toString()} is not valid`;
        response.end(JSON.stringify({ Type: 'User', message }));
        return;
      }
      void forward(target, request.method ?? 'GET', request.url ?? '/', request.headers, body).then(
        async (answer) => {
          response.writeHead(answer.status, Object.fromEntries(answer.headers));
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function forward(
  target: string,
  method: string,
  path: string,
  headers: NodeJS.Dict<string | string[]>,
  body: Buffer,
): Promise<Response> {
  const plain = Object.entries(headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
  );
  return fetch(`${target}${path}`, {
    method,
    headers: plain,
    ...(['GET', 'HEAD'].includes(method) ? {} : { body }),
  });
}

describe('secrets in environment variables', () => {
  let sandbox: RunningSandbox;
  let folder: string;
  let rotated: string;
  beforeAll(async () => {
    sandbox = await fastSandbox();
    folder = writeFleet({ ...SHAPE, environment: { DB_PASSWORD: MARKER, STAGE: 'prod' } });
    rotated = writeFleet({ ...SHAPE, environment: { DB_PASSWORD: NEW_MARKER, STAGE: 'prod' } });
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(rotated, { recursive: true, force: true });
    await sandbox.close();
  });

  const expectNoSecret = (text: string) => {
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(NEW_MARKER);
  };

  it('never appear in a failing apply whose AWS error echoes the request', async () => {
    const proxy = await echoingProxy(sandbox.url);
    try {
      const run = await spawnCli([...globals(proxy.url), 'apply', folder, '--yes']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('InvalidParameterValue');
      expectNoSecret(run.stdout + run.stderr);
    } finally {
      proxy.server.close();
      sandbox.reset();
    }
  });

  it.each(['text', 'markdown', 'json'])(
    'never appear in %s plans or trace logs, for a create and for an update',
    async (format) => {
      const created = await spawnCli([...globals(sandbox.url), 'plan', folder, '--format', format]);
      expect(created.code).toBe(0);
      expect(created.stderr).toContain('"level":20'); // the lowest levels were written
      expectNoSecret(created.stdout + created.stderr);

      const applied = await spawnCli([...globals(sandbox.url), 'apply', folder, '--yes']);
      expect(applied.code, applied.stderr).toBe(0);
      expectNoSecret(applied.stdout + applied.stderr);

      const update = await spawnCli([...globals(sandbox.url), 'plan', rotated, '--format', format]);
      expect(update.stdout).toContain('fleet-f0');
      expectNoSecret(update.stdout + update.stderr);
      sandbox.reset();
    },
  );

  it('never appear in the daemon logs, /status or /metrics', async () => {
    let daemon: ChildProcess | undefined;
    let url = '';
    const run = spawnCli(
      [...globals(sandbox.url), 'run', folder, '--listen', '127.0.0.1:0', '--interval', '1s'],
      {
        onSpawn: (child) => {
          daemon = child;
          let logs = '';
          child.stderr?.on('data', (chunk: Buffer) => {
            logs += chunk.toString();
            const line = logs.split('\n').find((l) => l.includes('http surfaces listening'));
            if (line && !url) url = (JSON.parse(line) as { url: string }).url;
          });
        },
      },
    );
    for (let i = 0; i < 600 && !(url && (await fetch(`${url}/readyz`)).ok); i += 1)
      await sleep(100);
    const status = await (await fetch(`${url}/status`)).text();
    const metrics = await (await fetch(`${url}/metrics`)).text();
    daemon?.kill('SIGTERM');
    const finished = await run;

    expect(status).toContain('fleet-f0');
    expect(metrics).toContain('lmi_');
    expect(finished.code).toBe(0);
    expect(finished.stderr).toContain('"level":20');
    expectNoSecret(status + metrics + finished.stdout + finished.stderr);
  });
});
