import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderStatus } from '../../src/cli/status.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import type { StatusReport } from '../../src/daemon/status-report.js';
import {
  FakeRunner,
  capturingLogger,
  changeOf,
  eventually,
  outcomeOf,
  planOf,
  resultOf,
} from './fakes.js';

const update = changeOf('Function', 'orders', 'update', {
  differences: [{ path: 'memorySize', live: 2048, desired: 4096 }],
});
const inSync = changeOf('CapacityProvider', 'steady', 'noop');

function collect() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('lmi status', () => {
  let daemon: RunningDaemon | undefined;
  afterEach(async () => {
    await daemon?.stop();
  });

  async function startWith(runner: FakeRunner): Promise<string> {
    daemon = await startDaemon({
      runner,
      paths: [],
      mode: 'apply',
      controllerId: 'blue',
      intervalMs: 60_000,
      listen: { host: '127.0.0.1', port: 0 },
      logger: capturingLogger().logger,
    });
    await eventually(() => daemon?.status().ready === true);
    return daemon.url ?? '';
  }

  const failingRunner = () =>
    new FakeRunner(() =>
      resultOf({
        revision: 'abc123',
        plan: planOf([update, inSync]),
        apply: {
          outcomes: [
            outcomeOf(update, 'failed', {
              errorClass: 'validation',
              retryable: false,
              message: 'memory size not allowed',
            }),
          ],
          writes: 0,
          interrupted: false,
        },
      }),
    );

  it('prints the last pass and a table of resources and their conditions', async () => {
    const url = await startWith(failingRunner());
    const out = collect();
    const code = await main(['node', 'lmi', 'status', '--endpoint-of-daemon', url], {
      stdout: out.stream,
      stderr: out.stream,
    });

    expect(code).toBe(0);
    const lines = out.text().split('\n');
    expect(out.text()).toContain('controller blue, mode apply');
    expect(out.text()).toMatch(/last pass pass-1 .* revision abc123/);
    expect(out.text()).toContain('plan: 1 update, 1 noop');
    expect(lines).toContainEqual(expect.stringMatching(/^RESOURCE\s+READY\s+SYNCED\s+DRIFTED/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^CapacityProvider\/steady\s+True\s+True\s+False\s+False\s+InSync/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Function\/orders\s+False\s+False\s+\S+\s+True\s+TerminalFailure/),
    );
  });

  it('prints the /status document with --format json', async () => {
    const url = await startWith(failingRunner());
    const out = collect();
    await main(['node', 'lmi', 'status', '--endpoint-of-daemon', url, '--format', 'json'], {
      stdout: out.stream,
      stderr: out.stream,
    });
    const report = JSON.parse(out.text()) as StatusReport;
    expect(report.resources.map((r) => r.name)).toEqual(['steady', 'orders']);
  });

  it('fails with exit code 1 when no daemon answers', async () => {
    const out = collect();
    const args = ['node', 'lmi', 'status', '--endpoint-of-daemon', 'http://127.0.0.1:9'];
    expect(await main(args, { stdout: out.stream, stderr: out.stream })).toBe(1);
    expect(out.text()).toContain('cannot reach the daemon');
  });

  it('says so when no pass has completed yet', () => {
    const report: StatusReport = {
      controllerId: 'blue',
      mode: 'observe',
      ready: false,
      startedAt: new Date(0).toISOString(),
      resources: [],
      violations: [],
      planErrors: [],
    };
    expect(renderStatus(report)).toBe(
      'controller blue, mode observe\nno pass has completed yet\n\nno resources yet\n',
    );
  });
});
